/* --check (check.c). */
#ifndef GRPSUP_CHECK_H
#define GRPSUP_CHECK_H

#include "../lib/group.h"

/*
 * check_runnable: every program of the prepared group g can be found as a
 * run would look for it; each one that cannot is said. Returns 0 or -1.
 */
int check_runnable(const struct group *g);
/* check_print: the resolved group, a few lines per program, on stdout. */
void check_print(const struct group *g);

#endif
