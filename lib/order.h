#ifndef GRPSUP_ORDER_H
#define GRPSUP_ORDER_H

#include <stddef.h>

#include "strv.h"

/*
 * order_check: the start order of n programs, program i named names[i] and
 * waiting for the programs named in after[i] (NULL: none). Each of those
 * names must be another program of the group, and the waits must not form a
 * cycle. In linear time (a hash table of the names, a walk with a path of
 * its own). Returns 0, with deps[i] (when deps is not NULL) a malloc'd array
 * of the indexes after[i] names, in its order; or -1 with the program at
 * fault in *bad and a one-line reason in why (of size len): "after: no
 * program named 'x'", "after: dependency cycle: a -> b -> a". Fails with
 * ENOMEM only when memory runs out (why says so too).
 */
int order_check(char *const *names, const struct strv *const *after,
    size_t n, size_t **deps, size_t *bad, char *why, size_t len);

/*
 * order_parse_list: append the program names of list ("a, b,c": names
 * separated by commas, blanks around them allowed) to into. Returns 0, or -1
 * with errno EINVAL for a list that is not that (into may have grown), ENOMEM.
 */
int order_parse_list(const char *list, struct strv *into);

#endif
