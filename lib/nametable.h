#ifndef GRPSUP_NAMETABLE_H
#define GRPSUP_NAMETABLE_H

#include <stddef.h>

/*
 * Names to an index, in a hash table, so that a file of 50,000 programs or
 * of 80,000 variables is read and checked in linear time. A name is a run of
 * bytes: a program's name, or the KEY of a "KEY=VALUE". Zeroed is empty. The
 * names are not copied: each must outlive the table (or be replaced).
 */
struct name_entry {
	const char *name;	/* NULL: a free slot */
	size_t len;
	size_t index;
};

struct name_table {
	struct name_entry *e;
	size_t cap, n;
};

/*
 * nametable_add: name (NUL-terminated) stands for index. A name already
 * there keeps its first index. Returns 0, or -1 with errno ENOMEM.
 */
int nametable_add(struct name_table *t, const char *name, size_t index);

/*
 * nametable_put: the len bytes of name stand for index from now on, also
 * when they stood for another; the entry then points to this name. Returns
 * 0, or -1 with errno ENOMEM.
 */
int nametable_put(struct name_table *t, const char *name, size_t len,
    size_t index);

/* nametable_find: the index of the len bytes of name, or (size_t)-1. */
size_t nametable_find(const struct name_table *t, const char *name,
    size_t len);

/* nametable_free: t is empty again. */
void nametable_free(struct name_table *t);

#endif
