#ifndef GRPSUP_GROUP_H
#define GRPSUP_GROUP_H

#include <ev.h>
#include <stdint.h>
#include <sys/types.h>

#include <sys/resource.h>

#include "notify.h"
#include "output.h"
#include "program.h"
#include "resolver.h"
#include "lifecycle.h"
#include "settings.h"
#include "sigq.h"
#include "strv.h"

struct group;


/* What made the group stop. */
enum trigger_kind {
	TRIGGER_NONE,
	TRIGGER_EXIT,		/* prog ended */
	TRIGGER_EXEC,		/* prog could not be exec'ed */
	TRIGGER_START,		/* prog could not be started: fork, set-up */
	TRIGGER_SIGNAL,		/* grpsup received sig */
	TRIGGER_TIMEOUT,	/* the --timeout deadline passed */
	TRIGGER_EPIPE,		/* grpsup's stdout or stderr lost its reader */
	TRIGGER_OUTPUT_ERROR,	/* ... cannot take more: what, err */
	TRIGGER_READY_TIMEOUT,	/* prog was not ready in its ready-timeout */
	TRIGGER_DONE,		/* every program has finished (oneshots) */
	TRIGGER_HANGUP,		/* grpsup's terminal hung up (sig: HUP) */
};

struct trigger {
	enum trigger_kind kind;
	struct program *prog;
	int sig;
	const char *what;	/* OUTPUT_ERROR: "stdout", "stderr" ... */
	int err;		/* ... and its errno */
};

enum group_event_kind {
	GE_STARTED,		/* prog is running (pid) */
	GE_READY,		/* prog is ready: dependents may start */
	GE_STATUS,		/* prog sent STATUS=what through notify */
	GE_START_FAILED,	/* prog: fail says which step and why */
	GE_STOPPING,		/* the group begins to stop: see trigger */
	GE_SIGNALLED,		/* prog was sent sig */
	GE_STOP_WAITS,		/* prog's stop waits for dependent what to end */
	GE_GRACE_EXPIRED,	/* prog outlived its grace: SIGKILL */
	GE_FORWARDED,		/* sig was passed on: to prog, or (NULL) all */
	GE_NOT_FORWARDED,	/* prog was not sent sig: it does not take it */
	GE_PAUSED,		/* prog was stopped by sig (job control) */
	GE_KILL_ALL,		/* a second stop signal: SIGKILL to everything */
	GE_EXITED,		/* prog was reaped */
	GE_ORPHANS,		/* count leftover descendants were sent sig */
	GE_ORPHANS_KILLED,	/* count leftover descendants got SIGKILL */
	GE_ORPHANS_UNLISTED,	/* /proc cannot be read (err): the leftovers
				   that remain cannot be listed */
	GE_ERROR,		/* what failed with err; the group goes on */
	GE_UNDELIVERED,		/* count bytes of output were dropped: their
				   reader did not take them within the grace */
	GE_OUTPUT_FAILED,	/* grpsup's what cannot take more: err (said
				   here when the group was already stopping) */
};

struct group_event {
	enum group_event_kind kind;
	const struct program *prog;
	int sig;
	long count;
	int err;
	const char *what;
};

typedef void group_event_fn(const struct group *, const struct group_event *,
    void *);

/* What a group stops its programs with, unless told otherwise. */
#define GROUP_STOP_SIGNAL_DEFAULT SIGTERM
#define GROUP_GRACE_DEFAULT_MS 10000

struct group {
	/* Set by the caller between groupprep_init and grouprun. */
	int stop_signal;	/* for leftover descendants */
	int64_t grace_ms;	/* for leftover descendants */
	int64_t timeout_ms;	/* 0: none */
	int exit_from;		/* index of --exit-code-from, -1: none */
	struct strv env;	/* KEY=VALUE for all, over grpsup's own */
	group_event_fn *on_event;
	void *event_arg;
	struct output out;	/* out.color and out.timestamps are the caller's */

	/* Owned by the group. */
	struct program_settings *settings;	/* progs[i].set is settings + i */
	struct program *progs;
	size_t nprogs;
	struct program_host host;	/* what the programs share */
	struct resolver resolver;	/* the probes' look-ups, made at the first */
	int stop_waves;		/* how many times programs were asked to stop */
	int killed_all;		/* a second stop signal: SIGKILL to everything */
	enum group_state state;
	struct trigger trigger;
	struct trigger next_trigger;	/* what a LIFE_TRIGGER or LIFE_STOP_SIGNAL
					   step records, if it stops the group */
	struct program **exits;	/* in the order they were reaped */
	size_t nexits;
	int start_failed;	/* grpsup could not start a program: 125 */
	size_t output_failed_at;	/* output failed after this many exits:
				   a failure there; (size_t)-1: never */
	int output_failed_status;	/* 141 for EPIPE, 1 for the others */
	pid_t self;
	ev_child child_w;
	ev_io signal_w;		/* the signals received (sigq.h) */
	struct sigq_memory signals;	/* the last of each that counted */
	int job_stopped;	/* grpsup passed on a job-control stop and
				   has not been continued since */
	int has_tty;		/* grpsup has a controlling terminal */
	int on_tty;		/* its stdout or stderr is a terminal */
	ev_timer start_w;	/* the next batch of starts */
	ev_timer timeout_w;
	ev_timer sweep_w;	/* the leftover descendants' grace */
	ev_timer drain_w;	/* the output's grace once nothing runs */
	size_t undelivered;	/* bytes dropped at its end */
	int unlisted;		/* /proc could not list the leftovers */
	struct notify_manager manager;	/* grpsup's own NOTIFY_SOCKET */
	struct rlimit nofile;	/* RLIMIT_NOFILE as grpsup got it */
	sigset_t changed;	/* signals not at default here, for children */
	char error[320];	/* why groupprep_prepare failed, when it says */
};

/*
 * groupprep_init: set g up for the nprogs programs described by settings (a
 * malloc'd array that g takes over, whatever the outcome), with the group
 * defaults (stop signal TERM, grace 10s, no timeout, no exit-code-from).
 * Returns 0, or -1 with errno ENOMEM.
 */
int groupprep_init(struct group *g, struct program_settings *settings,
    size_t nprogs);

/*
 * groupprep_prepare: settle each program's settings (the group's stop signal and
 * grace where it has none; see program_prepare), resolve what it will exec
 * (direct or through /bin/sh), its environment, its probe (host names are
 * looked up here, so this may block) and the programs it waits for.
 * Called by grouprun; callable before it to show the resolved group.
 * Returns 0, or -1 with errno set and, for a fault in the programs' settings
 * (EINVAL), a one-line reason in g->error ("api: ready: cannot resolve...").
 */
int groupprep_prepare(struct group *g);

/*
 * grouprun: start the programs and supervise them on libev's default loop
 * until the group has stopped and grpsup has no child process left. Reports
 * what happens through g->on_event. Returns 0 once the group is done (its
 * exit status is verdict_status()), or -1 with errno set when it could not
 * begin (nothing was started). Call it once per process.
 */
int grouprun(struct group *g);

/*
 * groupprep_free: write what output is still pending (waiting for its readers),
 * then release what groupprep_init and grouprun allocated.
 */
void groupprep_free(struct group *g);

#endif
