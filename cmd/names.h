#ifndef GRPSUP_NAMES_H
#define GRPSUP_NAMES_H

#include <stddef.h>

#include "../lib/command.h"
#include "../lib/conf.h"

/*
 * names_base: the word each of the n commands takes its name from, into
 * bases[i] (only name characters kept; "cmd" when none is left): the
 * basename of its first word (past VAR=value words and an "exec"); when
 * several commands share that, each takes the first later word in which it
 * differs from all the others ("npm run api", "npm run web": "api", "web"),
 * and keeps the shared one when there is none. A name still repeated is
 * the caller's to number. Returns 0, or -1 with errno ENOMEM.
 */
int names_base(char *const *commands, size_t n,
    char (*bases)[NAME_MAX_LEN + 1]);

/*
 * names_assign: name c's programs from list (-n: "a,b,c"), or from their
 * commands when list is NULL (names_base, a repeated one numbered). A bad,
 * repeated or missing name is a usage error (125).
 */
void names_assign(struct conf *c, const char *list);

/*
 * names_hint: for a NAME (its first nlen bytes) that names no program of
 * c, " (did you mean 'web'? the programs: web, db)" into buf (of size
 * len): the one it most likely meant, and the first 8 names. Returns buf.
 */
const char *names_hint(const struct conf *c, const char *name, size_t nlen,
    char *buf, size_t len);

#endif
