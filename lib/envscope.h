/*
 * Where an env file's statements go, and where their $VAR look (envscope.c).
 */
#ifndef GRPSUP_ENVSCOPE_H
#define GRPSUP_ENVSCOPE_H

#include <stddef.h>

#include "nametable.h"
#include "strv.h"

/* How many outer scopes (also) a parse may look in. */
#define ENVSCOPE_OUTER_MAX 4

/*
 * Where statements go and where their $VAR look: out, then each strv of
 * also (NULL-ended, at most ENVSCOPE_OUTER_MAX; may be NULL), then grpsup's
 * environment. The scope keeps an index of the KEYs of each, brought up to
 * date at each parse, so that many parses into one out (a program's env
 * lines) take linear time.
 */
struct envscope {
	struct strv *out;
	const struct strv *const *also;
	struct name_table keys[1 + ENVSCOPE_OUTER_MAX];	/* out's, also's */
	size_t indexed[1 + ENVSCOPE_OUTER_MAX];	/* strings indexed so far */
	size_t bytes;		/* of what the parses added to out */
	size_t bytes_max;	/* past it, an error: the system's ARG_MAX */
};

/*
 * envscope_init: a scope whose statements go to out and whose look-ups go
 * through out, then also (see above); envscope_free releases its indexes.
 */
void envscope_init(struct envscope *sc, struct strv *out,
    const struct strv *const *also);
void envscope_free(struct envscope *sc);

/*
 * envscope_index: bring the indexes up to date with what out and also have
 * gained. Returns 0, or -1 with errno ENOMEM.
 */
int envscope_index(struct envscope *sc);

/*
 * envscope_lookup: what $NAME (its first k bytes) means in sc: the latest
 * of out, then the outer scopes, then grpsup's environment; NULL: unset.
 */
const char *envscope_lookup(const struct envscope *sc, const char *name,
    size_t k);

/* envscope_environ: grpsup's own value of NAME (k bytes), or NULL. */
const char *envscope_environ(const char *name, size_t k);

/*
 * envscope_add: a statement's "KEY=VALUE" (n bytes) joins out and the
 * look-ups. Returns 0; 1 when all the scope added would pass bytes_max
 * (nothing is added); -1 with errno ENOMEM.
 */
int envscope_add(struct envscope *sc, const char *kv, size_t n);

#endif
