/*
 * bare: what grpsup's group stop does, with nothing else: fork and exec
 * "sleep 1000" and "true", wait for true, SIGTERM sleep, wait for it. With N
 * (default 1), N sleeps instead of one. The floor the group-stop and scale
 * benchmarks compare grpsup with.
 *   bare react DIR: the floor of the reaction benchmark: "stamp term
 *   DIR/t.out" and "stamp exit DIR/e.out", and SIGTERM to the first as soon
 *   as waitpid returns the second.
 */
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t
run(char *const argv[])
{
	pid_t pid = fork();

	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}

static int
react(const char *stamp, const char *dir)
{
	char t[4096], e[4096], s0[] = "term", s1[] = "exit";
	char *targv[] = { (char *)stamp, s0, t, NULL };
	char *eargv[] = { (char *)stamp, s1, e, NULL };
	pid_t tp, ep;

	snprintf(t, sizeof(t), "%s/t.out", dir);
	snprintf(e, sizeof(e), "%s/e.out", dir);
	tp = run(targv);
	ep = run(eargv);
	waitpid(ep, NULL, 0);
	kill(tp, SIGTERM);
	waitpid(tp, NULL, 0);
	return 0;
}

int
main(int argc, char **argv)
{
	static char s0[] = "sleep", s1[] = "1000", t0[] = "true";
	char *sleep_argv[] = { s0, s1, NULL }, *true_argv[] = { t0, NULL };
	int n = argc > 1 ? atoi(argv[1]) : 1, i;

	pid_t *pids = calloc((size_t)n, sizeof(*pids)), t;

	if (argc > 3 && strcmp(argv[1], "react") == 0)
		return react(argv[2], argv[3]);
	if (pids == NULL)
		return 1;
	for (i = 0; i < n; i++)
		pids[i] = run(sleep_argv);
	t = run(true_argv);
	waitpid(t, NULL, 0);
	for (i = 0; i < n; i++)
		kill(pids[i], SIGTERM);
	for (i = 0; i < n; i++)
		waitpid(pids[i], NULL, 0);
	return 0;
}
