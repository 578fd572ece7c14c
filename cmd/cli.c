/*
 * What every part of the command line's handling shares: the --report
 * path and its checks, the one-line errors that end in status 125, stdio
 * made safe at the start, libev's errors, and dying of a signal.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <unistd.h>

#include "../lib/report.h"
#include "../lib/verdict.h"
#include "cli.h"
#include "messages.h"

/* --report: where the JSON summary goes once known; NULL: nowhere. */
char *cli_report_path;

/* Write the report, if any; a failure is said, the status stays. */
void
cli_write_report(const struct group *g, int status, const char *error)
{
	if (cli_report_path == NULL)
		return;
	if (report_write(cli_report_path, g, status, error) == -1)
		say("--report: cannot write '%s': %s", cli_report_path,
		    strerror(errno));
}

/*
 * --report of a command line that cannot be parsed: the report is written
 * on a usage error whatever the order of the options (--bogus --report F).
 */
const char *
cli_find_report_option(int argc, char **argv)
{
	const char *found = NULL;
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--report") == 0 && i + 1 < argc)
			found = argv[++i];
		else if (strncmp(argv[i], "--report=", 9) == 0)
			found = argv[i] + 9;
	return found;
}

_Noreturn void
cli_fail(const char *msg)
{
	say("%s", msg);
	cli_write_report(NULL, STATUS_CANNOT_START, msg);
	exit(STATUS_CANNOT_START);
}

_Noreturn void
cli_usage_error(const char *msg)
{
	say("%s", msg);
	fputs("Try 'grpsup --help' for more information.\n", stderr);
	cli_write_report(NULL, STATUS_CANNOT_START, msg);
	exit(STATUS_CANNOT_START);
}

/* A report that cannot be written is said before anything starts. */
void
cli_check_report_path(void)
{
	char msg[PATH_MAX + 64];

	if (cli_report_path == NULL || report_check(cli_report_path) == 0)
		return;
	snprintf(msg, sizeof(msg), "--report: cannot write '%s': %s",
	    cli_report_path, strerror(errno));
	say("%s", msg);
	free(cli_report_path);
	cli_report_path = NULL;	/* it cannot be written: none is tried */
	exit(STATUS_CANNOT_START);
}

/* A closed 0, 1 or 2 would be reused by the first pipe or file we open. */
void
cli_sanitize_stdio(void)
{
	int fd;

	for (fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) == -1 &&
		    open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) != fd)
			exit(STATUS_CANNOT_START);
}

_Noreturn void
cli_no_memory(void)
{
	say("%s", strerror(ENOMEM));
	exit(STATUS_CANNOT_START);
}

/*
 * libev's own system errors (a pipe or epoll it cannot make): one line and
 * 125, as grpsup's own start failures, not libev's abort() (134).
 */
void
cli_on_libev_error(const char *msg)
{
	int err = errno;

	if (strncmp(msg, "(libev) ", 8) == 0)
		msg += 8;
	say("libev: %s: %s", msg, strerror(err));
	_exit(STATUS_CANNOT_START);
}

/*
 * Die of sig as a shell expects, without a core file (Ctrl-\ is a stop, not
 * a crash); as PID 1 that is impossible: exit 128+sig.
 */
_Noreturn void
cli_die_of(int sig, int status)
{
	struct rlimit none = { 0, 0 };
	sigset_t set;

	fflush(NULL);
	(void)setrlimit(RLIMIT_CORE, &none);
#ifdef __linux__
	/* a core_pattern that pipes to a crash reporter ignores the limit */
	(void)prctl(PR_SET_DUMPABLE, 0);
#endif
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	exit(status);
}
