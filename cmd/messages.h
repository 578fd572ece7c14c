#ifndef GRPSUP_MESSAGES_H
#define GRPSUP_MESSAGES_H

#include "../lib/group.h"

enum verbosity { QUIET = -1, NORMAL = 0, VERBOSE = 1 };

/*
 * say: write the formatted message as one of grpsup's lines on stderr: once
 * messages_route has named a running group, through its output (labelled,
 * never inside a program's line); before that, as "grpsup: message".
 */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * messages_route: send what say() writes through out from now on (directly
 * to stderr while out is not set up, or NULL).
 */
void messages_route(struct output *out);

/*
 * messages_event: the group's event handler; arg points to an enum
 * verbosity. Errors are always said, the stop and its reasons unless quiet,
 * starts, signals and exits only when verbose.
 */
void messages_event(const struct group *g, const struct group_event *e,
    void *arg);

/*
 * messages_summary: the closing summary: what stopped the group, how each
 * program ended, and the status grpsup exits with (or the signal it dies of).
 */
void messages_summary(const struct group *g, int status, int die_signal);

#endif
