/*
 * Signals as events: one SA_SIGINFO handler writes each caught signal, with
 * its sender, into a pipe that the loop reads in arrival order; what each
 * signal asks of grpsup.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sigq.h"

/* The pipe's ends; -1 until sigq_open. See sigq.h for why it is static. */
static int queue[2] = { -1, -1 };

/* Signals read ahead by sigq_cont_waiting, for sigq_read to give first. */
static struct sigq_event ahead[32];
static size_t nahead, next_ahead;

/* Whether sig is one of those a fault raises. */
static int
sigq_is_fault(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
	    sig == SIGFPE || sig == SIGTRAP || sig == SIGABRT;
}

static void
on_signal(int sig, siginfo_t *si, void *uctx)
{
	struct sigq_event e;
	struct timespec ts;
	int saved = errno;

	(void)uctx;
	if (sigq_is_fault(sig) && (si->si_code > 0 || si->si_pid == getpid())) {
		/* grpsup's own fault or abort: die of it, with a core */
		signal(sig, SIG_DFL);
		if (si->si_code <= 0)
			raise(sig);
		errno = saved;
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	memset(&e, 0, sizeof(e));
	e.sig = sig;
	e.code = si->si_code;
	e.pid = si->si_code == SI_KERNEL ? 0 : si->si_pid;
	e.at_ms = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	(void)write(queue[1], &e, sizeof(e));	/* full: merged, as pending */
	errno = saved;
}

static int
caught(int sig)
{
	return sig != SIGKILL && sig != SIGSTOP && sig != SIGCHLD &&
	    sig != SIGPIPE && sig != SIGXFSZ;
}

int
sigq_open(void)
{
	struct sigaction sa;
	int sig;

	if (queue[0] >= 0)
		return queue[0];
	if (pipe2(queue, O_NONBLOCK | O_CLOEXEC) == -1)
		return -1;
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sigfillset(&sa.sa_mask);
	for (sig = 1; sig < NSIG; sig++) {
		if (!caught(sig))
			continue;
		sa.sa_flags = SA_SIGINFO | SA_RESTART;
		if (sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU)
			sa.sa_flags = SA_SIGINFO;
		/* glibc keeps two real-time signals for itself: EINVAL */
		(void)sigaction(sig, &sa, NULL);
	}
	return queue[0];
}

int
sigq_read(struct sigq_event *e)
{
	ssize_t n;

	if (next_ahead < nahead) {
		*e = ahead[next_ahead++];
		return 1;
	}
	nahead = next_ahead = 0;

	do
		n = read(queue[0], e, sizeof(*e));
	while (n == -1 && errno == EINTR);
	return n == (ssize_t)sizeof(*e);
}

enum signal_role
sigq_role(int sig)
{
	switch (sig) {
	case SIGTERM: case SIGINT: case SIGQUIT:
#ifdef SIGPWR
	case SIGPWR:
#endif
		return ROLE_STOP;
	case SIGHUP:
		return ROLE_HANGUP;
	case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return ROLE_JOB_STOP;
	case SIGCONT:
		return ROLE_CONTINUE;
	case SIGWINCH:
		return ROLE_RESIZE;
	default:
		return ROLE_FORWARD;
	}
}

int
sigq_repeated(struct sigq_memory *m, const struct sigq_event *e)
{
	struct sigq_event *last = &m->last[e->sig];
	enum signal_role role = sigq_role(e->sig);

	/*
	 * Only a stop is merged (timeout(1) sends it twice); every signal
	 * passed on is delivered (a reload loop's USR1s), and job control
	 * sets a state, where the last one sent is what counts.
	 */
	if (role != ROLE_STOP)
		return 0;
	if (e->code != SI_KERNEL && last->sig == e->sig &&
	    last->pid == e->pid && e->at_ms - last->at_ms < 1000)
		return 1;
	*last = *e;
	return 0;
}

int
sigq_continued(const struct sigq_event *e, size_t n)
{
	while (n-- > 0)
		if (e[n].sig == SIGCONT)
			return 1;
	return 0;
}

int
sigq_cont_waiting(void)
{
	size_t i;
	ssize_t n;

	/* what came since the last read, kept for sigq_read */
	if (next_ahead == nahead)
		nahead = next_ahead = 0;
	while (nahead < sizeof(ahead) / sizeof(ahead[0]) &&
	    (n = read(queue[0], &ahead[nahead], sizeof(ahead[0]))) ==
	    (ssize_t)sizeof(ahead[0]))
		nahead++;
	for (i = next_ahead; i < nahead; i++)
		if (ahead[i].sig == SIGCONT)
			return 1;
	return 0;
}
