/*
 * One program of a group: what it is set to be, what it is doing, and the
 * actions that start, signal and record it. Nothing here decides what the
 * group does next: each action says what happened, and group.c decides.
 */
#ifndef GRPSUP_PROGRAM_H
#define GRPSUP_PROGRAM_H

#include <ev.h>
#include <signal.h>
#include <stddef.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "command.h"
#include "output.h"
#include "probe.h"
#include "settings.h"
#include "spawn.h"
#include "strv.h"

enum program_state {
	PROGRAM_PENDING,	/* not started yet */
	PROGRAM_RUNNING,	/* started, not reaped yet */
	PROGRAM_DRAINING,	/* reaped; others of its process group remain */
	PROGRAM_DONE,		/* its process group is empty, or it never ran */
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

/* Why grpsup sent a program SIGKILL. */
enum program_kill {
	KILL_NONE,
	KILL_AT_GRACE,		/* it outlived its grace */
	KILL_ALL,		/* a second stop signal: everything at once */
};

struct program;

/* What a program tells its owner, from its own watchers. */
enum program_event {
	PROGRAM_READY,		/* its probe succeeded, or it sent READY=1 */
	PROGRAM_STATUS,		/* it sent STATUS=text */
	PROGRAM_READY_TIMEOUT,	/* it was not ready in its ready-timeout */
	PROGRAM_GRACE_EXPIRED,	/* it outlived its grace: it got SIGKILL */
};

typedef void program_fn(struct program *p, enum program_event ev,
    const char *text, void *arg);

/* What every program of a group shares; the group owns it. */
struct resolver;

struct program_host {
	program_fn *on_event;	/* told what the programs' watchers saw */
	void *event_arg;
	struct ev_loop *loop;
	const struct strv *env;	/* the group's KEY=VALUE, over grpsup's */
	int devnull;		/* every program's stdin */
	const struct rlimit *nofile;	/* to give children back; NULL: as is */
	const sigset_t *changed;	/* signals not at default in grpsup */
	struct output *out;
	int tty_fd;		/* the terminal its one raw program leads, or -1 */
	struct resolver *resolver;	/* the probes' look-ups */
};

struct program {
	struct program_settings *set;	/* the group's; settled by prepare */
	const struct program_host *host;

	char **argv;		/* what is exec'ed: the words, or sh -c */
	enum command_kind how;	/* which of the two, and whether sh stays */
	char **envp;
	char *env_name;		/* "GRPSUP_NAME=..." */
	pid_t pid;		/* also its process group id; 0: none */
	enum program_state state;
	enum program_end end;
	int wstatus;		/* as waitpid gave it */
	int status;		/* as a shell gives it: code, or 128 + signal */
	int sent_signal;	/* the stop signal grpsup sent it, 0: none */
	enum program_kill killed;	/* whether, and why, it got SIGKILL */
	long killed_count;	/* the processes of its group that did */
	int stopping_exit;	/* it ended while the group was stopping */
	int stop_wave;		/* when it was asked to stop: 1 first, 0 never */
	ev_tstamp stop_at;	/* and at what time */
	int stop_waited;	/* its stop waited for a dependent's end */
	struct spawn_error fail;
	ev_tstamp started, ended;
	ev_timer grace_timer;
	size_t *deps;		/* indexes of the programs in after */
	int awaited;		/* another program's after names it */
	struct probe *probe;	/* from ready; NULL: none */
	int is_ready;
	ev_tstamp ready_at;
	ev_timer ready_timer;	/* ready-timeout */
	int notify_fd;		/* the socket of a notify probe, -1: none */
	ev_io notify_w;
	char notify_env[128];	/* "NOTIFY_SOCKET=@..." for it, or "" */
	struct program_output output;
	struct output_watch log_watch;	/* a log: probe's, on output */
};

/* The ready-timeout of a program with a probe, unless it sets its own. */
#define READY_TIMEOUT_DEFAULT_MS 60000

/* What program_start did. */
enum program_started {
	STARTED,		/* it runs its command */
	STARTED_EXEC_FAILED,	/* its child could not exec: exits 126/127 */
	STARTED_SETUP_FAILED,	/* its child could not be set up, and exits */
	START_FAILED,		/* no child: fork or a pipe failed (p->fail) */
};

/*
 * program_init: p, not started, for set (which must outlive it) and host.
 */
void program_init(struct program *p, struct program_settings *set,
    const struct program_host *host);

/*
 * program_prepare: resolve what p will exec (its words, or /bin/sh -c), its
 * environment and its probe (host names are looked up here, so this may
 * block), and settle its ready-timeout: a program with a probe gets the
 * default, any other none, unless set. Returns 0, or -1 with errno set and,
 * for a fault in its settings (EINVAL), a one-line reason in why (of size
 * len): "api: ready: ...".
 */
int program_prepare(struct program *p, char *why, size_t len);

/*
 * program_open_notify: for a program whose probe is notify, the socket it
 * sends READY=1 to, named in its environment. Returns 0 (also for any other
 * program), or -1 with errno set.
 */
int program_open_notify(struct program *p);

/*
 * program_start: spawn p with its output connected. On START_FAILED, p is
 * done ("could not be started") and p->fail says why; on the other
 * failures its child exits by itself and is reaped as any other.
 */
enum program_started program_start(struct program *p);

/*
 * program_await_ready: once p runs: start its ready-timeout and its probe
 * or its notify watcher (which tell the host PROGRAM_READY, or
 * PROGRAM_READY_TIMEOUT). Returns 1 when p is ready at once (no probe), else
 * 0.
 */
int program_await_ready(struct program *p);

/*
 * program_mark_ready: p is ready: its probe and ready-timeout end. Returns 0
 * when it was ready already, else 1.
 */
int program_mark_ready(struct program *p);

/*
 * program_signal: send sig to p's whole process group, followed by SIGCONT
 * (a stopped program acts on sig only once continued), and start its grace
 * period unless sig is SIGKILL: when it passes, p's group gets SIGKILL and
 * the host PROGRAM_GRACE_EXPIRED. Returns 0, or -1 with errno set when the
 * kill failed for another reason than the group being gone.
 */
int program_signal(struct program *p, int sig);

/*
 * program_forward: pass sig on to p's main process when p takes it (its
 * forward setting), never to the rest of its process group; a terminal's
 * resize goes to its whole group, and only when p writes to grpsup's
 * terminal (on_tty). Returns 1 when it was sent, else 0.
 */
int program_forward(struct program *p, int sig, int on_tty);

/*
 * program_leads_terminal: whether p is the one raw program that was given
 * grpsup's terminal (host->tty_fd) and holds it now.
 */
int program_leads_terminal(const struct program *p);

/*
 * program_kill: SIGKILL to p's whole process group, for why; its grace
 * ends. A program whose main process had ended is done then, killed (137).
 */
void program_kill(struct program *p, enum program_kill why);

/* program_alive: p's process group may still hold processes. */
int program_alive(const struct program *p);

/*
 * program_drained: for a program whose main process has ended, whether the
 * rest of its process group has now ended too (p is done then). Called when
 * grpsup reaps a process that is not a program's main one.
 */
int program_drained(struct program *p);

/*
 * program_unwatch: its probe, ready-timeout and notify watcher end (with p,
 * or with the group's stop).
 */
void program_unwatch(struct program *p);

/*
 * program_ended: record p's exit (wstatus, as waitpid gave it) once its main
 * process is reaped, its last output read first; stopping says whether the
 * group was stopping. p is done when its process group is empty; else it
 * is draining, its grace going on, until program_drained or the grace.
 */
void program_ended(struct program *p, int wstatus, int stopping);

/*
 * program_succeeded_task: whether p is a oneshot that ran and exited 0: it
 * is ready, and its exit stops nothing.
 */
int program_succeeded_task(const struct program *p);

/* program_free: release what program_prepare and the run allocated. */
void program_free(struct program *p);

#endif
