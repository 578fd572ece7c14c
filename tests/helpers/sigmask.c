/*
 * sigmask: run a program with some signals blocked and some ignored, the way
 * a careless parent might start grpsup.  Usage: sigmask [-b SIG]... [-i SIG]...
 * PROGRAM [ARG]...  SIG is a number.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Ignore sig, even one that glibc reserves (32, 33) and will not touch. */
static void
ignore(int sig)
{
	unsigned long k[8] = { (unsigned long)SIG_IGN };

	if (signal(sig, SIG_IGN) == SIG_ERR)
		syscall(SYS_rt_sigaction, sig, k, NULL, (size_t)(NSIG - 1) / 8);
}

int
main(int argc, char **argv)
{
	sigset_t set;
	int i = 1;

	sigemptyset(&set);
	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		int sig = atoi(argv[i + 1]);

		if (strcmp(argv[i], "-b") == 0)
			sigaddset(&set, sig);
		else if (strcmp(argv[i], "-i") == 0)
			ignore(sig);
		else
			break;
	}
	if (i >= argc) {
		fputs("usage: sigmask [-b SIG]... [-i SIG]... PROGRAM...\n", stderr);
		return 2;
	}
	sigprocmask(SIG_BLOCK, &set, NULL);
	execvp(argv[i], argv + i);
	perror(argv[i]);
	return 127;
}
