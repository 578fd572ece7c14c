#ifndef GRPSUP_STRV_H
#define GRPSUP_STRV_H

#include <stddef.h>

/* A growing NULL-terminated array of malloc'd strings. Zeroed is empty. */
struct strv {
	char **v;		/* NULL-terminated once anything was pushed */
	size_t n, cap;
};

/*
 * strv_push: append a malloc'd copy of s (or of its first len bytes when len
 * is not (size_t)-1). Returns 0, or -1 with errno ENOMEM (sv is unchanged).
 */
int strv_push(struct strv *sv, const char *s, size_t len);

/* strv_free: free every string and the array; sv is empty again. */
void strv_free(struct strv *sv);

#endif
