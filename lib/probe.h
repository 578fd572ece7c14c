#ifndef GRPSUP_PROBE_H
#define GRPSUP_PROBE_H

#include <ev.h>
#include <stddef.h>
#include <sys/types.h>

#include "probetry.h"

/*
 * probe_new: parse text (a PROBE) and make what the attempts need ahead of
 * time: the file's path against directory (NULL: as given), the command's
 * argv, the http request. A host name is not looked up here but at every
 * attempt, so that one that does not resolve yet is no error. text must
 * outlive the probe. Returns a probe for probe_free, or NULL with a one-line
 * reason in why (of size len).
 */
struct probe *probe_new(char *text, const char *directory, char *why,
    size_t len);

/*
 * probe_limit: before probe_start, the longest pause between tries
 * (interval_ms; 0 or less: PROBE_RETRY_MAX_MS) and the longest one try
 * (try_ms; 0 or less: its kind's). Only a probe that tries has them.
 */
void probe_limit(struct probe *pr, int64_t interval_ms, int64_t try_ms);

/* probe_feed: where pr's verdicts come from (its kind decides). */
enum probe_feed probe_feed(const struct probe *pr);

/*
 * probe_start: begin the attempts on loop at once: on success on_ready(arg)
 * is called once and the probe stops. Host names are looked up through
 * resolver at each attempt. exec_attr gives the exec probe's environment,
 * stdio, directory and user (copied; what it and resolver point to must
 * outlive the probe). Only a probe fed by its own tries (PROBE_FEED_TRIES)
 * does something here: READY=1 comes through the program's notify socket,
 * and lines through probe_log_match.
 */
void probe_start(struct probe *pr, struct ev_loop *loop,
    struct resolver *resolver, const struct spawn_attr *exec_attr,
    probe_ready_fn *on_ready, void *arg);

/*
 * probe_stop: end the attempts: close the socket, SIGKILL an exec attempt's
 * process group (its exit is still reaped by the caller's child watcher).
 * NULL is no probe.
 */
void probe_stop(struct probe *pr);

/*
 * probe_reaped: give the probe a reaped child; returns 1 if pid was its
 * exec attempt (the attempt is judged by wstatus), else 0 (also for NULL).
 */
int probe_reaped(struct probe *pr, pid_t pid, int wstatus);

/*
 * probe_log_match: whether a line of the program's output (len bytes, its
 * newline, if any, included) matches pr's log: REGEX; 0 for any other probe.
 * A line too costly to match (linematch.h) does not, and last_error says so.
 */
int probe_log_match(struct probe *pr, const char *line, size_t len);

/*
 * probe_how_ready: for a message, how pr found its program ready: "READY=1",
 * "PROBE, line N", "PROBE, N tries".
 */
void probe_how_ready(const struct probe *pr, char *buf, size_t len);
/*
 * probe_why_not: for a message, why pr has not found its program ready:
 * "no READY=1 came", "PROBE: the last try's error", or the PROBE.
 */
void probe_why_not(const struct probe *pr, char *buf, size_t len);

/* probe_free: stop pr and release it; NULL is no probe. */
void probe_free(struct probe *pr);

#endif
