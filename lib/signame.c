/*
 * Signal names and numbers as users write them (TERM, SIGterm, 15, RTMIN+1),
 * and the names messages use.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "signame.h"
#include "text.h"

/* The first name of a number is the one signame_of() prints. */
static const struct {
	const char *name;
	int sig;
} signals[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
	{ "IOT", SIGABRT }, { "BUS", SIGBUS }, { "FPE", SIGFPE },
	{ "KILL", SIGKILL }, { "USR1", SIGUSR1 }, { "SEGV", SIGSEGV },
	{ "USR2", SIGUSR2 }, { "PIPE", SIGPIPE }, { "ALRM", SIGALRM },
	{ "TERM", SIGTERM },
#ifdef SIGSTKFLT
	{ "STKFLT", SIGSTKFLT },
#endif
	{ "CHLD", SIGCHLD }, { "CLD", SIGCHLD }, { "CONT", SIGCONT },
	{ "STOP", SIGSTOP }, { "TSTP", SIGTSTP }, { "TTIN", SIGTTIN },
	{ "TTOU", SIGTTOU }, { "URG", SIGURG }, { "XCPU", SIGXCPU },
	{ "XFSZ", SIGXFSZ }, { "VTALRM", SIGVTALRM }, { "PROF", SIGPROF },
	{ "WINCH", SIGWINCH }, { "IO", SIGIO }, { "POLL", SIGIO },
#ifdef SIGPWR
	{ "PWR", SIGPWR },
#endif
	{ "SYS", SIGSYS },
};

#define NSIGNALS (sizeof(signals) / sizeof(signals[0]))

static int
last_signal(void)
{
#ifdef SIGRTMAX
	return SIGRTMAX;
#else
	return NSIG - 1;
#endif
}

int
signame_parse(const char *s)
{
	char *end;
	long n;
	size_t i;

	if (s == NULL || *s == '\0')
		goto invalid;
	if (*s >= '0' && *s <= '9') {
		errno = 0;
		n = strtol(s, &end, 10);
		if (errno != 0 || *end != '\0' || n < 1 || n > last_signal())
			goto invalid;
		return (int)n;
	}
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (i = 0; i < NSIGNALS; i++)
		if (strcasecmp(s, signals[i].name) == 0)
			return signals[i].sig;
#ifdef SIGRTMIN
	if (strncasecmp(s, "RTMIN", 5) == 0 || strncasecmp(s, "RTMAX", 5) == 0) {
		int base = (s[4] | 0x20) == 'n' ? SIGRTMIN : SIGRTMAX;

		n = 0;
		if (s[5] != '\0' && (s[5] != (base == SIGRTMIN ? '+' : '-') ||
		    s[6] < '0' || s[6] > '9' || (n = strtol(s + 6, &end, 10),
		    *end != '\0')))
			goto invalid;
		if (n > SIGRTMAX - SIGRTMIN)	/* also no overflow below */
			goto invalid;
		n = base == SIGRTMIN ? base + n : base - n;
		return (int)n;
	}
#endif
invalid:
	errno = EINVAL;
	return -1;
}

const char *
signame_of(int sig, char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < NSIGNALS; i++)
		if (signals[i].sig == sig)
			return signals[i].name;
#ifdef SIGRTMIN
	/* as kill -l and bash name them: RTMIN+n up to the middle, then RTMAX-n */
	if (sig >= SIGRTMIN && sig <= SIGRTMAX) {
		if (sig == SIGRTMIN)
			snprintf(buf, len, "RTMIN");
		else if (sig == SIGRTMAX)
			snprintf(buf, len, "RTMAX");
		else if (sig - SIGRTMIN <= (SIGRTMAX - SIGRTMIN) / 2)
			snprintf(buf, len, "RTMIN+%d", sig - SIGRTMIN);
		else
			snprintf(buf, len, "RTMAX-%d", SIGRTMAX - sig);
		return buf;
	}
#endif
	snprintf(buf, len, "%d", sig);
	return buf;
}

const char *
signame_unforwardable(int sig)
{
	switch (sig) {
	case SIGKILL: case SIGSTOP:
		return "it cannot be caught";
	case SIGTERM: case SIGINT: case SIGQUIT:
#ifdef SIGPWR
	case SIGPWR:
#endif
		return "it stops the group, and each program gets its stop "
		    "signal";
	case SIGTSTP: case SIGTTIN: case SIGTTOU: case SIGCONT:
		return "job control goes to every program";
	case SIGCHLD: case SIGPIPE: case SIGXFSZ:
		return "grpsup keeps it for itself";
	default:
		return NULL;
	}
}

const char *
signame_hint(const char *s, char *buf, size_t len)
{
	const char *names[NSIGNALS];
	char up[16];
	size_t i, n = 0;
	int near;

	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (i = 0; s[i] != '\0' && i + 1 < sizeof(up); i++)
		up[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
	up[i] = '\0';
	while (n < NSIGNALS) {
		names[n] = signals[n].name;
		n++;
	}
	if (s[i] != '\0' || (near = text_nearest(up, names, n)) < 0)
		buf[0] = '\0';
	else
		snprintf(buf, len, " (did you mean %s?)", names[near]);
	return buf;
}
