/*
 * stamp: the two ends of the reaction benchmark.
 *   stamp term FILE   wait for SIGTERM; on it, write the CLOCK_REALTIME time
 *                     (ns) into FILE and exit 0.
 *   stamp exit FILE MS   sleep MS ms, write the time into FILE, exit 1.
 * The difference of the two times is how long grpsup took from one
 * program's exit to its sibling's stop signal.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *file;

/* async-signal-safe: clock_gettime, open, write, _exit */
static void
stamp(int code)
{
	struct timespec ts;
	char buf[32], *p = buf + sizeof(buf);
	long long ns;
	int fd;

	clock_gettime(CLOCK_REALTIME, &ts);
	ns = (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
	*--p = '\n';
	do
		*--p = (char)('0' + ns % 10);
	while ((ns /= 10) > 0);
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		(void)!write(fd, p, (size_t)(buf + sizeof(buf) - p));
		close(fd);
	}
	_exit(code);
}

static void
on_term(int sig)
{
	(void)sig;
	stamp(0);
}

int
main(int argc, char **argv)
{
	struct timespec nap;
	long ms;

	if (argc < 3)
		return 2;
	file = argv[2];
	if (strcmp(argv[1], "term") == 0) {
		signal(SIGTERM, on_term);
		for (;;)
			pause();
	}
	ms = argc > 3 ? atol(argv[3]) : 100;
	nap.tv_sec = ms / 1000;
	nap.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&nap, NULL);
	stamp(1);
}
