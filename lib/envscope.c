/*
 * Where an env file's statements go and where their $VAR look: the lines
 * read so far, the outer scopes, then grpsup's environment, each indexed so
 * that many statements take linear time; what a scope adds is bounded by
 * the system's ARG_MAX.
 */
#include <stdlib.h>
#include <string.h>

#include "env.h"
#include "envscope.h"

extern char **environ;

/* The value of the k bytes of name in v, through t; NULL: none. */
static const char *
find_in(const struct name_table *t, char *const *v, const char *name,
    size_t k)
{
	size_t i = nametable_find(t, name, k);

	return i == (size_t)-1 ? NULL : v[i] + k + 1;
}

/* Index the KEYs v has gained since, the latest of each winning. */
static int
index_keys(struct name_table *t, size_t *indexed, const struct strv *v)
{
	for (; *indexed < v->n; (*indexed)++)
		if (nametable_put(t, v->v[*indexed], strcspn(v->v[*indexed],
		    "="), *indexed) == -1)
			return -1;
	return 0;
}

void
envscope_init(struct envscope *scope, struct strv *out,
    const struct strv *const *also)
{
	memset(scope, 0, sizeof(*scope));
	scope->out = out;
	scope->also = also;
	scope->bytes_max = env_arg_max();
}

void
envscope_free(struct envscope *scope)
{
	size_t i;

	for (i = 0; i <= ENVSCOPE_OUTER_MAX; i++)
		nametable_free(&scope->keys[i]);
}

int
envscope_index(struct envscope *scope)
{
	size_t i;

	if (index_keys(&scope->keys[0], &scope->indexed[0], scope->out) == -1)
		return -1;
	for (i = 0; scope->also != NULL && scope->also[i] != NULL &&
	    i < ENVSCOPE_OUTER_MAX; i++)
		if (index_keys(&scope->keys[i + 1], &scope->indexed[i + 1],
		    scope->also[i]) == -1)
			return -1;
	return 0;
}

const char *
envscope_environ(const char *name, size_t k)
{
	char **e;

	for (e = environ; e != NULL && *e != NULL; e++)
		if (strncmp(*e, name, k) == 0 && (*e)[k] == '=')
			return *e + k + 1;
	return NULL;
}

const char *
envscope_lookup(const struct envscope *scope, const char *name, size_t k)
{
	const char *v = find_in(&scope->keys[0], scope->out->v, name, k);
	size_t i;

	for (i = 0; v == NULL && scope->also != NULL && scope->also[i] != NULL &&
	    i < ENVSCOPE_OUTER_MAX; i++)
		v = find_in(&scope->keys[i + 1], scope->also[i]->v, name, k);
	return v != NULL ? v : envscope_environ(name, k);
}

int
envscope_add(struct envscope *scope, const char *kv, size_t n)
{
	if (scope->bytes + n + 1 > scope->bytes_max)
		return 1;
	scope->bytes += n + 1;
	if (strv_push(scope->out, kv, n) == -1 ||
	    index_keys(&scope->keys[0], &scope->indexed[0], scope->out) == -1)
		return -1;
	return 0;
}
