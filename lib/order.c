/*
 * The start order of a group: every name a program waits for exists, and the
 * waits form no cycle; checked in linear time.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "nametable.h"
#include "order.h"

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

int
order_parse_list(const char *list, struct strv *into)
{
	const char *s = list;
	size_t n;

	for (;;) {
		while (is_blank(*s))
			s++;
		n = strcspn(s, ", \t");
		if (n == 0 || !command_name_valid_n(s, n)) {
			errno = EINVAL;
			return -1;
		}
		if (strv_push(into, s, n) == -1)
			return -1;
		s += n;
		while (is_blank(*s))
			s++;
		if (*s == '\0')
			return 0;
		if (*s++ != ',') {
			errno = EINVAL;
			return -1;
		}
	}
}

struct walk {
	char *const *names;
	const struct strv *const *after;
	size_t n;
	size_t **deps;		/* deps[i][j]: the index after[i]->v[j] names */
	char *state;		/* 0 unseen, 1 on the path, 2 done */
	size_t *path;		/* the path, depth first */
	size_t *next;		/* next[k]: the next dependency of path[k] */
};

/* "a -> b -> ... -> d" for the path from d on, closed by d again. */
static void
spell_cycle(const struct walk *w, size_t depth, size_t d, char *why,
    size_t len)
{
	size_t k, at;

	at = (size_t)snprintf(why, len, "after: dependency cycle: ");
	for (k = 0; w->path[k] != d; k++)
		;
	for (; k <= depth && at < len; k++)
		at += (size_t)snprintf(why + at, len - at, "%s -> ",
		    w->names[w->path[k]]);
	if (at < len)
		snprintf(why + at, len - at, "%s", w->names[d]);
}

/*
 * Depth first from program i, with a path of its own rather than the
 * stack (a chain of 50,000 programs is fine): a program met again on the
 * path closes a cycle, reported at the program whose wait closes it.
 */
static int
find_cycle(struct walk *w, size_t i, size_t *bad, char *why, size_t len)
{
	size_t depth = 0, top, d;

	w->state[i] = 1;
	w->path[0] = i;
	w->next[0] = 0;
	for (;;) {
		top = w->path[depth];
		if (w->after[top] == NULL || w->next[depth] == w->after[top]->n) {
			w->state[top] = 2;
			if (depth-- == 0)
				return 0;
			continue;
		}
		d = w->deps[top][w->next[depth]++];
		if (w->state[d] == 1) {
			spell_cycle(w, depth, d, why, len);
			*bad = top;
			return -1;
		}
		if (w->state[d] == 0) {
			w->state[d] = 1;
			w->path[++depth] = d;
			w->next[depth] = 0;
		}
	}
}

/* Each name of each after list: another program's, found in t. */
static int
resolve_names(struct walk *w, const struct name_table *t, size_t *bad,
    char *why, size_t len)
{
	size_t i, j, d;

	for (i = 0; i < w->n; i++) {
		const struct strv *a = w->after[i];

		if ((w->deps[i] = calloc(a != NULL ? a->n + 1 : 1,
		    sizeof(size_t))) == NULL)
			return -2;
		for (j = 0; a != NULL && j < a->n; j++) {
			*bad = i;
			if (strcmp(a->v[j], w->names[i]) == 0) {
				snprintf(why, len, "after: '%s' cannot wait "
				    "for itself", a->v[j]);
				return -1;
			}
			d = nametable_find(t, a->v[j], strlen(a->v[j]));
			if (d == (size_t)-1) {
				snprintf(why, len, "after: no program named "
				    "'%s'", a->v[j]);
				return -1;
			}
			w->deps[i][j] = d;
		}
	}
	return 0;
}

static void
free_deps(size_t **deps, size_t n)
{
	size_t i;

	for (i = 0; deps != NULL && i < n; i++)
		free(deps[i]);
	free(deps);
}

int
order_check(char *const *names, const struct strv *const *after, size_t n,
    size_t **deps, size_t *bad, char *why, size_t len)
{
	struct walk w = { names, after, n, NULL, NULL, NULL, NULL };
	struct name_table t = { 0 };
	size_t i;
	int r = 0;

	*bad = 0;
	w.deps = calloc(n + 1, sizeof(*w.deps));
	w.state = calloc(n + 1, 1);
	w.path = calloc(n + 1, sizeof(*w.path));
	w.next = calloc(n + 1, sizeof(*w.next));
	if (w.deps == NULL || w.state == NULL || w.path == NULL ||
	    w.next == NULL)
		r = -2;
	for (i = 0; r == 0 && i < n; i++)
		if (nametable_add(&t, names[i], i) == -1)
			r = -2;
	if (r == 0)
		r = resolve_names(&w, &t, bad, why, len);
	for (i = 0; r == 0 && i < n; i++)
		if (w.state[i] == 0)
			r = find_cycle(&w, i, bad, why, len);
	if (r == -2) {
		snprintf(why, len, "%s", strerror(ENOMEM));
		errno = ENOMEM;
		*bad = 0;
		r = -1;
	}
	for (i = 0; r == 0 && deps != NULL && i < n; i++) {
		deps[i] = w.deps[i];	/* handed over */
		w.deps[i] = NULL;
	}
	free_deps(w.deps, n);
	nametable_free(&t);
	free(w.state);
	free(w.path);
	free(w.next);
	return r;
}
