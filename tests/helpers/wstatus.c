/*
 * wstatus: run a command, write its pid to PIDFILE, wait for it and print
 * how it ended: "exit N", "signal N", or "signal N core" (a shell cannot tell the two apart).
 * Usage: wstatus PIDFILE PROGRAM [ARG]...
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	FILE *f;
	pid_t pid;
	int st;

	if (argc < 3) {
		fputs("usage: wstatus PIDFILE PROGRAM [ARG]...\n", stderr);
		return 2;
	}
	if ((pid = fork()) == 0) {
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	if ((f = fopen(argv[1], "w")) != NULL) {
		fprintf(f, "%d\n", (int)pid);
		fclose(f);
	}
	while (waitpid(pid, &st, 0) == -1)
		;
	if (WIFSIGNALED(st) && WCOREDUMP(st))
		printf("signal %d core\n", WTERMSIG(st));
	else if (WIFSIGNALED(st))
		printf("signal %d\n", WTERMSIG(st));
	else
		printf("exit %d\n", WEXITSTATUS(st));
	return 0;
}
