#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
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
		if (n == 0 || !name_is_valid_n(s, n)) {
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

size_t
order_find(char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return (size_t)-1;
}

struct walk {
	char *const *names;
	const struct strv *const *after;
	size_t n;
	char *state;		/* 0 unseen, 1 on the path, 2 done */
	size_t *path;
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
 * Depth-first from program i: a program met again on the path closes a
 * cycle, reported at the program whose wait closes it.
 */
static int
find_cycle(struct walk *w, size_t i, size_t depth, size_t *bad, char *why,
    size_t len)
{
	const struct strv *deps = w->after[i];
	size_t j, d;

	w->state[i] = 1;
	w->path[depth] = i;
	for (j = 0; deps != NULL && j < deps->n; j++) {
		d = order_find(w->names, w->n, deps->v[j]);
		if (w->state[d] == 1) {
			spell_cycle(w, depth, d, why, len);
			*bad = i;
			return -1;
		}
		if (w->state[d] == 0 &&
		    find_cycle(w, d, depth + 1, bad, why, len) == -1)
			return -1;
	}
	w->state[i] = 2;
	return 0;
}

static int
check_names(char *const *names, const struct strv *const *after, size_t n,
    size_t *bad, char *why, size_t len)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; after[i] != NULL && j < after[i]->n; j++) {
			const char *dep = after[i]->v[j];

			*bad = i;
			if (strcmp(dep, names[i]) == 0) {
				snprintf(why, len, "after: '%s' cannot wait "
				    "for itself", dep);
				return -1;
			}
			if (order_find(names, n, dep) == (size_t)-1) {
				snprintf(why, len, "after: no program named "
				    "'%s'", dep);
				return -1;
			}
		}
	return 0;
}

int
order_check(char *const *names, const struct strv *const *after, size_t n,
    size_t *bad, char *why, size_t len)
{
	struct walk w = { names, after, n, NULL, NULL };
	size_t i;
	int r = 0;

	if (check_names(names, after, n, bad, why, len) == -1)
		return -1;
	w.state = calloc(n ? n : 1, 1);
	w.path = calloc(n ? n : 1, sizeof(*w.path));
	if (w.state == NULL || w.path == NULL) {
		snprintf(why, len, "%s", strerror(ENOMEM));
		*bad = 0;
		r = -1;
	}
	for (i = 0; r == 0 && i < n; i++)
		if (w.state[i] == 0)
			r = find_cycle(&w, i, 0, bad, why, len);
	free(w.state);
	free(w.path);
	return r;
}
