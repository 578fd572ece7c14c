#ifndef GRPSUP_GROUP_H
#define GRPSUP_GROUP_H

#include <ev.h>
#include <stdint.h>
#include <sys/types.h>

#include <sys/un.h>

#include "identity.h"
#include "output.h"
#include "probe.h"
#include "spawn.h"
#include "strv.h"

enum program_state {
	PROGRAM_PENDING,	/* not started yet */
	PROGRAM_RUNNING,	/* started, not reaped yet */
	PROGRAM_DONE,		/* reaped, or will never run */
};

/* How a program ended, for the summary and the report. */
enum program_end {
	END_NONE,		/* still running, or not started yet */
	END_EXITED,		/* ended by itself */
	END_STOPPED,		/* ended after grpsup's stop signal */
	END_KILLED,		/* needed SIGKILL */
	END_EXEC_FAILED,	/* its command could not be exec'ed: 126/127 */
	END_START_FAILED,	/* grpsup could not start it: fork or set-up */
	END_NOT_STARTED,	/* the group stopped before its turn */
};

struct group;

struct program {
	/* Set by the caller between group_init and group_run. */
	char *name;		/* malloc'd; group_free frees it */
	char *command;		/* malloc'd; group_free frees it */
	int stop_signal;
	int64_t grace_ms;
	struct strv env;	/* KEY=VALUE over the group's, later winning */
	char *directory;	/* malloc'd; NULL: grpsup's */
	struct identity id;	/* resolved user and groups; zero: grpsup's */
	struct strv after;	/* names it starts after (section 8) */
	char *ready;		/* its readiness PROBE, malloc'd, or NULL */
	int64_t ready_timeout_ms;	/* -1: the default (group_prepare sets) */
	int oneshot;		/* a task: ready, and no trigger, on exit 0 */

	/* Owned by the group. */
	struct group *group;
	char **argv;		/* what is exec'ed: the words, or sh -c */
	char **envp;
	char *env_name;		/* "GRPSUP_NAME=..." */
	pid_t pid;		/* also its process group id */
	enum program_state state;
	enum program_end end;
	int wstatus;		/* as waitpid gave it */
	int status;		/* as a shell gives it: code, or 128 + signal */
	int sent_signal;	/* the stop signal grpsup sent it, 0: none */
	int killed;		/* grpsup sent it SIGKILL */
	int stopping_exit;	/* it ended while the group was stopping */
	struct spawn_error fail;
	ev_tstamp started, ended;
	ev_timer grace_timer;
	size_t *deps;		/* indexes of the programs in after */
	struct probe *probe;	/* from ready; NULL: none */
	int is_ready;
	ev_tstamp ready_at;
	ev_timer ready_timer;	/* ready-timeout */
	int notify_fd;		/* the socket of a notify probe, -1: none */
	ev_io notify_w;
	char notify_env[128];	/* "NOTIFY_SOCKET=@..." for it, or "" */
	struct program_output output;	/* output.mode is the caller's */
};

enum group_state {
	GROUP_IDLE,
	GROUP_RUNNING,
	GROUP_STOPPING,		/* from the first stop trigger on */
	GROUP_DONE,		/* every program and descendant has ended */
};

/* What made the group stop. */
enum trigger_kind {
	TRIGGER_NONE,
	TRIGGER_EXIT,		/* prog ended */
	TRIGGER_EXEC,		/* prog could not be exec'ed */
	TRIGGER_START,		/* prog could not be started: fork, set-up */
	TRIGGER_SIGNAL,		/* grpsup received sig */
	TRIGGER_TIMEOUT,	/* the --timeout deadline passed */
	TRIGGER_EPIPE,		/* grpsup's stdout or stderr lost its reader */
	TRIGGER_READY_TIMEOUT,	/* prog was not ready in its ready-timeout */
	TRIGGER_DONE,		/* every program has finished (oneshots) */
};

struct trigger {
	enum trigger_kind kind;
	struct program *prog;
	int sig;
};

enum group_event_kind {
	GE_STARTED,		/* prog is running (pid) */
	GE_READY,		/* prog is ready: dependents may start */
	GE_STATUS,		/* prog sent STATUS=what through notify */
	GE_START_FAILED,	/* prog: fail says which step and why */
	GE_STOPPING,		/* the group begins to stop: see trigger */
	GE_SIGNALLED,		/* prog was sent sig */
	GE_GRACE_EXPIRED,	/* prog outlived its grace: SIGKILL */
	GE_FORWARDED,		/* sig was forwarded to the programs */
	GE_KILL_ALL,		/* a second stop signal: SIGKILL to everything */
	GE_EXITED,		/* prog was reaped */
	GE_ORPHANS,		/* count leftover descendants were sent sig */
	GE_ORPHANS_KILLED,	/* count leftover descendants got SIGKILL */
	GE_ERROR,		/* what failed with err; the group goes on */
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

struct group {
	/* Set by the caller between group_init and group_run. */
	struct program *progs;
	size_t nprogs;
	int stop_signal;	/* for leftover descendants */
	int64_t grace_ms;	/* for leftover descendants */
	int64_t timeout_ms;	/* 0: none */
	int exit_from;		/* index of --exit-code-from, -1: none */
	struct strv env;	/* KEY=VALUE for all, over grpsup's own */
	group_event_fn *on_event;
	void *event_arg;
	struct output out;	/* out.color and out.timestamps are the caller's */

	/* Owned by the group. */
	struct ev_loop *loop;
	enum group_state state;
	struct trigger trigger;
	struct program **exits;	/* in the order they were reaped */
	size_t nexits;
	int start_failed;	/* grpsup could not start a program: 125 */
	int epipe;		/* grpsup's output lost its reader: 141 ... */
	size_t epipe_at;	/* ... counted as a failure after this many exits */
	int killed_all;
	int orphan_phase;
	pid_t self;
	int devnull;
	ev_child child_w;
	ev_signal signal_w[9];	/* stop, forwarded and job signals */
	ev_timer timeout_w;
	ev_timer orphan_w;
	int starting, rescan;	/* starting waiting programs, and again */
	int manager_fd;		/* grpsup's own NOTIFY_SOCKET, -1: none */
	struct sockaddr_un manager;
	size_t manager_len;
	int told_ready;
	struct rlimit nofile;	/* RLIMIT_NOFILE as grpsup got it */
	int nofile_raised;	/* grpsup raised its own: restore in children */
	sigset_t changed;	/* signals not at default here, for children */
	char error[320];	/* why group_prepare failed, when it says */
};

/*
 * group_init: set g up for nprogs programs with the defaults (stop signal
 * TERM, grace 10s, no timeout, no exit-code-from); g->progs[i] are zeroed
 * for the caller to fill in. Returns 0, or -1 with errno ENOMEM.
 */
int group_init(struct group *g, size_t nprogs);

/* The ready-timeout of a program with a probe, unless it sets its own. */
#define READY_TIMEOUT_DEFAULT_MS 60000

/*
 * group_prepare: resolve what each program will exec (direct or through
 * /bin/sh), its environment, the programs it waits for and its probe (host
 * names are looked up here, so this may block), and settle ready-timeout: a
 * program with a probe gets the default, any other 0 (none) unless set.
 * Called by group_run; callable before it to show the resolved group.
 * Returns 0, or -1 with errno set and, for a fault in the programs' settings
 * (EINVAL), a one-line reason in g->error ("api: ready: cannot resolve...").
 */
int group_prepare(struct group *g);

/*
 * group_run: start the programs and supervise them on libev's default loop
 * until the group has stopped and grpsup has no child process left. Reports
 * what happens through g->on_event. Returns 0 once the group is done (its
 * exit status is group_status()), or -1 with errno set when it could not
 * begin (nothing was started). Call it once per process.
 */
int group_run(struct group *g);

/*
 * group_free: write what output is still pending (waiting for its readers),
 * then release what group_init and group_run allocated.
 */
void group_free(struct group *g);

/*
 * group_message: say text (one line, no newline) as grpsup, on stderr, in
 * the group's output order: labelled, never inside a program's line. Before
 * group_run has set up the output, it is written directly as "grpsup: text".
 */
void group_message(struct group *g, const char *text, size_t len);

/* For output.c: a pipe ended or a destination drained: maybe done. */
void group_output_changed(struct group *g);
/* For output.c: grpsup's stdout or stderr lost its reader (EPIPE). */
void group_output_broken(struct group *g);
/* For output.c: something failed that grpsup should report. */
void group_output_error(struct group *g, const char *what, int err);

#endif
