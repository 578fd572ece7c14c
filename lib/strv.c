/*
 * A growing NULL-terminated array of malloc'd strings.
 */
#include <stdlib.h>
#include <string.h>

#include "strv.h"

int
strv_push(struct strv *sv, const char *s, size_t len)
{
	char *copy;

	if (sv->n + 2 > sv->cap) {
		size_t cap = sv->cap ? 2 * sv->cap : 8;
		char **v = realloc(sv->v, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		sv->v = v;
		sv->cap = cap;
	}
	copy = len == (size_t)-1 ? strdup(s) : strndup(s, len);
	if (copy == NULL)
		return -1;
	sv->v[sv->n++] = copy;
	sv->v[sv->n] = NULL;
	return 0;
}

void
strv_free(struct strv *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}
