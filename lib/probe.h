#ifndef GRPSUP_PROBE_H
#define GRPSUP_PROBE_H

#include <ev.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "httpreply.h"
#include "linematch.h"
#include "probespec.h"
#include "resolver.h"
#include "spawn.h"

/* Delays between attempts: the first, doubled each time up to the last. */
#define PROBE_RETRY_FIRST_MS 25
#define PROBE_RETRY_MAX_MS 500
/*
 * The longest one attempt may take: a look-up, a connection and the whole
 * reply; a command.
 */
#define PROBE_NET_ATTEMPT_MS 2000
#define PROBE_EXEC_ATTEMPT_MS 5000

struct probe;
typedef void probe_ready_fn(void *arg);

/* A probe at work: one attempt at a time, a back-off between them. */
struct probe {
	struct probe_spec spec;
	char *text;		/* the PROBE as written; spec points into it */
	char *file;		/* file: the path, against the directory */
	char **argv;		/* exec: what runs */
	char *request;		/* http: the GET, sent whole */
	struct line_match *regex;	/* log: the REGEX, compiled */
	size_t request_len;

	struct ev_loop *loop;
	struct resolver *resolver;	/* tcp, http: the group's look-ups */
	struct resolver_query *query;	/* the look-up of this attempt */
	struct spawn_attr exec_attr;	/* exec: env, stdio, directory, user */
	probe_ready_fn *on_ready;
	void *arg;		/* on_ready's */
	int running;		/* started, not ready nor stopped */
	int waiting;		/* between attempts, else in one */
	unsigned attempts;
	int delay_ms;		/* the next pause between attempts */
	int fd;			/* tcp, http: the socket of this attempt */
	size_t sent;
	struct http_reply reply;	/* http: the reply, as far as read */
	pid_t pid;		/* exec: the command of this attempt, 0: none */
	ev_io io;
	ev_timer timer;		/* the attempt's deadline, or the pause */
	char last_error[160];	/* why the last attempt failed */
};

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
 * probe_start: begin the attempts on loop at once: on success on_ready(arg)
 * is called once and the probe stops. Host names are looked up through
 * resolver at each attempt. exec_attr gives the exec probe's environment,
 * stdio, directory and user (copied; what it and resolver point to must
 * outlive the probe). A notify probe does nothing here (notify.h reads it),
 * nor does a log: probe (the program's output gives it its lines).
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

/* probe_free: stop pr and release it; NULL is no probe. */
void probe_free(struct probe *pr);

#endif
