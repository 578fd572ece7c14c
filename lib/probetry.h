/*
 * A readiness probe at work, for the probe kinds (probenet.c, probefile.c,
 * probeexec.c, probelog.c) and probe.c: its state, what each kind does
 * (struct probe_ops), and the attempts with their back-off (probetry.c).
 */
#ifndef GRPSUP_PROBETRY_H
#define GRPSUP_PROBETRY_H

#include <ev.h>
#include <stddef.h>
#include <stdint.h>
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

/* Where a probe's verdicts come from. */
enum probe_feed {
	PROBE_FEED_TRIES,	/* its own attempts, retried (probe_start) */
	PROBE_FEED_LINES,	/* the program's lines (probe_log_match) */
	PROBE_FEED_NOTIFY,	/* READY=1 on the program's notify socket */
};

/* What one kind of probe does; a NULL function does nothing. */
struct probe_ops {
	enum probe_feed feed;
	/* ready what the attempts need; -1 with a one-line why */
	int (*setup)(struct probe *pr, const char *directory, char *why,
	    size_t len);
	void (*attempt)(struct probe *pr);	/* begin one attempt */
	void (*expired)(struct probe *pr);	/* its deadline passed */
	/* a reaped child: 1 when it was this probe's (and judged) */
	int (*reaped)(struct probe *pr, pid_t pid, int wstatus);
	/* a line of the program's output: 1 ready, 0 not */
	int (*line)(struct probe *pr, const char *line, size_t len);
	void (*release)(struct probe *pr);	/* what setup made */
};

/* A probe at work: one attempt at a time, a back-off between them. */
struct probe {
	struct probe_spec spec;
	const struct probe_ops *ops;
	char *text;		/* the PROBE as written; spec points into it */
	char *file;		/* file, unix: the path, against the directory */
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
	int64_t delay_ms;	/* the next pause between attempts */
	int64_t interval_ms;	/* the longest pause (PROBE_RETRY_MAX_MS) */
	int64_t try_ms;		/* the longest attempt; 0: its kind's */
	int fd;			/* tcp, http, unix: the socket of this attempt */
	size_t sent;
	struct http_reply reply;	/* http: the reply, as far as read */
	pid_t pid;		/* exec: the command of this attempt, 0: none */
	ev_io io;
	ev_timer timer;		/* the attempt's deadline, or the pause */
	char last_error[160];	/* why the last attempt failed */
};

/* probetry_init: pr's timer, before its first attempt (probe_start). */
void probetry_init(struct probe *pr);
/* probetry_attempt: count and begin one attempt of pr's kind. */
void probetry_attempt(struct probe *pr);
/*
 * probetry_end: end the attempt under way: its look-up, its socket, its
 * deadline; an exec attempt still running has its process group killed.
 */
void probetry_end(struct probe *pr);
/* probetry_succeed: the attempt succeeded: pr is ready, and stops. */
void probetry_succeed(struct probe *pr);
/*
 * probetry_retry: the attempt failed for why: pause, a little longer each
 * time (PROBE_RETRY_FIRST_MS to PROBE_RETRY_MAX_MS), and try again.
 */
void probetry_retry(struct probe *pr, const char *why);
/* probetry_retry_errno: probetry_retry with "what: strerror(err)". */
void probetry_retry_errno(struct probe *pr, const char *what, int err);
/*
 * probetry_deadline: the attempt under way may take ms at most (its kind's
 * default), or pr->try_ms where that is set.
 */
void probetry_deadline(struct probe *pr, int ms);
/*
 * probetry_path: pr->file, the spec's path against directory (NULL: as
 * written). Returns 0, or -1 with why.
 */
int probetry_path(struct probe *pr, const char *directory, char *why,
    size_t len);
/* probetry_path_free: release what probetry_path made (a release op). */
void probetry_path_free(struct probe *pr);

#endif
