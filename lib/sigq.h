/*
 * Signals as events: every catchable signal that grpsup handles is caught
 * by one SA_SIGINFO handler that writes it, with its sender, into a pipe,
 * in the order the signals arrive; the event loop reads the pipe. libev's
 * own signal watchers would lose the sender, dispatch pending signals by
 * number rather than by arrival, and drop a signal blocked when its watcher
 * starts (libev 4.33); SIGCHLD stays libev's.
 *
 * The pipe is the process's: signal dispositions are per process, so the
 * handler reaches it through this file's one static descriptor.
 */
#ifndef GRPSUP_SIGQ_H
#define GRPSUP_SIGQ_H

#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

/* One signal as it arrived. */
struct sigq_event {
	int sig;
	int code;		/* si_code: SI_USER, SI_KERNEL (a terminal) ... */
	pid_t pid;		/* the sender; 0 for the kernel */
	long long at_ms;	/* CLOCK_MONOTONIC when it arrived */
};

/*
 * sigq_open: catch every signal that can be caught, except SIGCHLD (the
 * event loop's) and SIGPIPE and SIGXFSZ (ignored: the write error is
 * handled instead), from now on. A fault (SIGSEGV, SIGBUS, SIGILL, SIGFPE,
 * SIGTRAP, SIGABRT) that grpsup itself causes keeps its default action; the
 * same signals sent by another process are queued. SIGTSTP, SIGTTIN and
 * SIGTTOU interrupt a system call rather than restart it, so that a write
 * to a terminal from the background returns to the loop. Calling it again
 * does nothing. Returns the descriptor to read (non-blocking, close-on-exec),
 * or -1 with errno set.
 */
int sigq_open(void);

/*
 * sigq_read: the next signal that arrived, into e. Returns 1, or 0 when none
 * waits. Signals that arrive while the pipe is full are dropped, as the
 * kernel merges a signal that is already pending.
 */
int sigq_read(struct sigq_event *e);

/* What a signal asks of grpsup (grpsup(1), SIGNALS). */
enum signal_role {
	ROLE_STOP,		/* TERM, INT, QUIT, PWR: stop the group */
	ROLE_HANGUP,		/* HUP: the terminal hung up, or forwarded */
	ROLE_JOB_STOP,		/* TSTP, TTIN, TTOU: passed on, then stop */
	ROLE_CONTINUE,		/* CONT: passed on */
	ROLE_RESIZE,		/* WINCH: to programs on grpsup's terminal */
	ROLE_FORWARD,		/* every other: to the programs that take it */
};

/* sigq_role: what sig asks of grpsup. */
enum signal_role sigq_role(int sig);

/*
 * sigq_cont_waiting: whether a SIGCONT has come and waits to be read (what
 * came is kept for sigq_read): checked just before grpsup stops itself, as a
 * SIGCONT sent while it still runs would not continue it later.
 */
int sigq_cont_waiting(void);

/* sigq_continued: whether a SIGCONT is among the n events of e. */
int sigq_continued(const struct sigq_event *e, size_t n);

/* The last signal of each number that counted, for sigq_repeated. */
struct sigq_memory {
	struct sigq_event last[NSIG];
};

/*
 * sigq_repeated: whether e, a stop signal (TERM, INT, QUIT, PWR), repeats
 * the last one of its number that counted: same sender, within a second
 * (coreutils' timeout signals grpsup and then its process group; kill PID;
 * kill -PGID). One from the kernel (a terminal's Ctrl-C) always counts, and
 * so does every other signal: each one passed on is delivered, and job
 * control (TSTP, CONT...) is decided by the last one sent. When e counts, m
 * remembers it.
 */
int sigq_repeated(struct sigq_memory *m, const struct sigq_event *e);

#endif
