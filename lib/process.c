/*
 * grpsup's own process and terminal: its signal state set up, its file
 * descriptor limit raised for a large group, the terminal it may hand to a
 * program's process group, and what /proc says of a process group or a
 * process stopped by job control.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "process.h"
#include "procfs.h"

void
process_setup(void)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
#ifdef __linux__
	if (getpid() != 1)
		(void)prctl(PR_SET_CHILD_SUBREAPER, 1);
#endif
}

int
process_raise_nofile(struct rlimit *was)
{
	struct rlimit more;

	if (getrlimit(RLIMIT_NOFILE, was) == -1 ||
	    was->rlim_cur >= was->rlim_max)
		return 0;
	more = *was;
	more.rlim_cur = more.rlim_max;
	return setrlimit(RLIMIT_NOFILE, &more) == 0;
}

int
process_has_terminal(void)
{
	int fd = open("/dev/tty", O_RDONLY | O_NOCTTY | O_CLOEXEC);

	if (fd == -1)
		return 0;
	close(fd);
	return 1;
}

int
process_terminal_fd(void)
{
	return isatty(STDIN_FILENO) && tcgetpgrp(STDIN_FILENO) == getpgrp() ?
	    STDIN_FILENO : -1;
}

void
process_give_terminal(int fd, pid_t pgid)
{
	sigset_t ttou, old;

	sigemptyset(&ttou);
	sigaddset(&ttou, SIGTTOU);
	sigprocmask(SIG_BLOCK, &ttou, &old);
	(void)tcsetpgrp(fd, pgid);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

int
process_group_alive(pid_t pgid)
{
	return kill(-pgid, 0) == 0 || errno == EPERM;
}

int
process_has_children(void)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	return waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) == 0 ||
	    errno != ECHILD;
}

int
process_stopped(pid_t pid)
{
	char stat[256], *end;

	if (procfs_read(pid, "stat", stat, sizeof(stat)) == -1 ||
	    (end = strrchr(stat, ')')) == NULL)
		return 0;
	return end[1] == ' ' && end[2] == 'T';
}
