/*
 * Names to an index in a hash table: program names and environment keys, so
 * that large files are read and checked in linear time.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nametable.h"

/* FNV-1a: short names, few collisions, no seed to keep. */
static size_t
hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;

	while (len-- > 0) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

/* The slot of name, or the free slot where it would go. */
static struct name_entry *
slot(const struct name_table *t, const char *name, size_t len)
{
	size_t i = hash(name, len) & (t->cap - 1);

	while (t->e[i].name != NULL && !(t->e[i].len == len &&
	    memcmp(t->e[i].name, name, len) == 0))
		i = (i + 1) & (t->cap - 1);
	return &t->e[i];
}

/* Twice the room, every entry moved: the table stays at most half full. */
static int
grow(struct name_table *t)
{
	struct name_table bigger = { NULL, t->cap ? 2 * t->cap : 64, 0 };
	struct name_entry *e;
	size_t i;

	if ((bigger.e = calloc(bigger.cap, sizeof(*bigger.e))) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	for (i = 0; i < t->cap; i++)
		if ((e = &t->e[i])->name != NULL)
			*slot(&bigger, e->name, e->len) = *e;
	bigger.n = t->n;
	free(t->e);
	*t = bigger;
	return 0;
}

/* The entry of the len bytes of name, made when missing; NULL: ENOMEM. */
static struct name_entry *
entry(struct name_table *t, const char *name, size_t len, size_t index)
{
	struct name_entry *e;

	if (2 * (t->n + 1) > t->cap && grow(t) == -1)
		return NULL;
	e = slot(t, name, len);
	if (e->name == NULL) {
		e->name = name;
		e->len = len;
		e->index = index;
		t->n++;
	}
	return e;
}

int
nametable_add(struct name_table *t, const char *name, size_t index)
{
	return entry(t, name, strlen(name), index) == NULL ? -1 : 0;
}

int
nametable_put(struct name_table *t, const char *name, size_t len,
    size_t index)
{
	struct name_entry *e = entry(t, name, len, index);

	if (e == NULL)
		return -1;
	e->name = name;
	e->index = index;
	return 0;
}

size_t
nametable_find(const struct name_table *t, const char *name, size_t len)
{
	const struct name_entry *e;

	if (t->cap == 0)
		return (size_t)-1;
	e = slot(t, name, len);
	return e->name != NULL ? e->index : (size_t)-1;
}

void
nametable_free(struct name_table *t)
{
	free(t->e);
	memset(t, 0, sizeof(*t));
}
