#ifndef GRPSUP_VERDICT_H
#define GRPSUP_VERDICT_H

#include "group.h"

/* The status grpsup exits with when it could not run the group. */
#define STATUS_CANNOT_START 125
/* The status grpsup exits with when a deadline stopped the group. */
#define STATUS_TIMEOUT 124
/* The failure that losing the reader of grpsup's output counts as. */
#define STATUS_EPIPE 141

/*
 * verdict_explained: whether p's end is explained by the stop: it ended
 * while the group was stopping, of the signal grpsup sent it or with exit
 * code 128 + that signal, and it did not need SIGKILL at its deadline.
 */
int verdict_explained(const struct program *p);

/*
 * verdict_ended_unready: whether p, which others wait for (after), ended by
 * itself before it was ready: a server that went to the background, whose
 * dependents never started. That is a failure whatever its status.
 */
int verdict_ended_unready(const struct program *p);

/*
 * verdict_failed: whether p's end counts as a failure: it ran and ended with
 * a status other than 0 that the stop does not explain, or it ended before
 * the programs that wait for it could start (verdict_ended_unready).
 */
int verdict_failed(const struct program *p);

/*
 * verdict_failure_status: the status p's failure gives the group: its own,
 * or 1 for a failure with status 0 (verdict_ended_unready).
 */
int verdict_failure_status(const struct program *p);

/*
 * verdict_status: the status grpsup exits with once g is done, by the first
 * rule of the specification that applies. When the stop trigger was a signal
 * that grpsup should die of, *die_signal is set to it (else 0) and the
 * returned status, 128 + signal, is for when dying of it is impossible.
 * With exit_from set, 0 comes only from that program having run and exited 0:
 * when it never ran and nothing else failed, the status is 1.
 */
int verdict_status(const struct group *g, int *die_signal);

#endif
