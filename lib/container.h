#ifndef GRPSUP_CONTAINER_H
#define GRPSUP_CONTAINER_H

#include <stddef.h>

/* The struct that embeds member, from a pointer to it (libev watchers). */
#define container_of(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))

#endif
