/*
 * failrealloc.so: LD_PRELOAD'ed into grpsup, realloc fails with ENOMEM for
 * more than $FAILREALLOC_MAX bytes once the file $FAILREALLOC_AFTER exists,
 * as it does when memory runs out while grpsup's stdout is not read (the
 * start, whose arrays grow with the environment, is left alone). Only in a
 * process called grpsup: the programs it starts inherit LD_PRELOAD.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void *realloc(void *p, size_t n);

static size_t limit;
static int active;
static const char *after;

__attribute__((constructor)) static void
setup(void)
{
	const char *max = getenv("FAILREALLOC_MAX");

	active = max != NULL &&
	    strcmp(program_invocation_short_name, "grpsup") == 0;
	limit = active ? strtoul(max, NULL, 10) : 0;
	after = getenv("FAILREALLOC_AFTER");
}

void *
realloc(void *p, size_t n)
{
	static void *(*next)(void *, size_t);

	if (next == NULL)
		next = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
	if (active && n > limit && (after == NULL || access(after, F_OK) == 0)) {
		errno = ENOMEM;
		return NULL;
	}
	return next(p, n);
}
