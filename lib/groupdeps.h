/* The start order seen from a running group (groupdeps.c). */
#ifndef GRPSUP_GROUPDEPS_H
#define GRPSUP_GROUPDEPS_H

#include "group.h"

/* groupdeps_ready: every program p starts after is ready. */
int groupdeps_ready(const struct group *g, const struct program *p);

/*
 * groupdeps_stop_holder: a program that depends on q, still runs, and was
 * not killed at its grace (q's stop waits for it), or NULL.
 */
const struct program *groupdeps_stop_holder(const struct group *g,
    const struct program *q);

#endif
