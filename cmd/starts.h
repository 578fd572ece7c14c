#ifndef GRPSUP_STARTS_H
#define GRPSUP_STARTS_H

#include <stddef.h>

#include "../lib/config.h"
#include "options.h"

/*
 * starts_apply: put the command line's --ready, --after, --oneshot and
 * --forward into c, over what a file said: --ready replaces NAME's probe,
 * the first --after for NAME replaces the file's list (a later one adds to
 * it), --oneshot marks NAME a task, --forward replaces NAME's forward. Then checks what they changed: the names, the probes,
 * the start order, no probe on a oneshot. Returns 0, or -1 with a one-line
 * message naming the option in err (of size len).
 */
int starts_apply(struct conf *c, const struct options *o, char *err,
    size_t len);

#endif
