/*
 * fork and exec of a program: in the child, async-signal-safe steps only
 * (process group, identity, directory, descriptors, limits, signals reset),
 * and a failure reported to the parent through a close-on-exec pipe.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "procfs.h"
#include "spawn.h"

#define DEFAULT_PATH "/usr/local/bin:/usr/bin:/bin"

/*
 * Everything from here to spawn_start runs in the child between fork and
 * exec: async-signal-safe calls only, no malloc, no stdio.
 */

_Noreturn static void
child_fail(int pipefd, int step, int err)
{
	struct spawn_error e = { step, err };
	ssize_t n;

	do
		n = write(pipefd, &e, sizeof(e));
	while (n == -1 && errno == EINTR);
	_exit(spawn_status(&e));
}

static void
reset_signal(int sig, const struct sigaction *dfl)
{
	if (sigaction(sig, dfl, NULL) == 0 || errno != EINVAL)
		return;
#ifdef SYS_rt_sigaction
	{
		/*
		 * glibc refuses its reserved signals (32, 33), yet they may
		 * come ignored from grpsup's parent: ask the kernel. SIG_DFL
		 * with no flags and an empty mask is all zeroes, whatever the
		 * architecture's layout of the structure.
		 */
		unsigned long k[8] = { 0 };

		(void)syscall(SYS_rt_sigaction, sig, k, NULL,
		    (size_t)(NSIG - 1) / 8);
	}
#endif
}

/*
 * Every disposition back to default, or only those in changed: a caught
 * signal would be reset by execve, but not before the mask is cleared below,
 * when grpsup's handler could still run here; an ignored one stays ignored
 * through execve.
 */
static void
reset_signals(const sigset_t *changed)
{
	struct sigaction dfl;
	sigset_t none, probe;
	int sig;

	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&probe);
	for (sig = 1; sig < NSIG; sig++)
		/* glibc's own (32, 33) fit in no sigset_t: always reset */
		if (sig != SIGKILL && sig != SIGSTOP && (changed == NULL ||
		    sigismember(changed, sig) == 1 ||
		    sigaddset(&probe, sig) == -1))
			reset_signal(sig, &dfl);
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
}

static int
close_range_compat(unsigned lo, unsigned hi)
{
	struct rlimit rl;
	unsigned fd;

	if (lo > hi)
		return 0;
#ifdef SYS_close_range
	if (syscall(SYS_close_range, lo, hi, 0) == 0)
		return 0;
#endif
	/* kernels before 5.9: close one by one up to the descriptor limit */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    rl.rlim_cur - 1 < hi)
		hi = (unsigned)rl.rlim_cur - 1;
	if (hi > 65535)
		hi = 65535;
	for (fd = lo; fd <= hi; fd++)
		(void)close((int)fd);
	return 0;
}

/* Close every fd above 2 except keep, which is close-on-exec anyway. */
static void
close_other_fds(int keep)
{
	close_range_compat(3, (unsigned)keep - 1);
	close_range_compat((unsigned)keep + 1, ~0U);
}

static int
move_fd(int from, int to)
{
	if (from < 0 || from == to)
		return 0;
	return dup2(from, to) == -1 ? -1 : 0;
}

static const char *
env_path(char *const *envp)
{
	for (; *envp != NULL; envp++)
		if (strncmp(*envp, "PATH=", 5) == 0)
			return *envp + 5;
	return DEFAULT_PATH;
}

/*
 * Exec file with a PATH search as execvp does, without its allocations.
 * Returns the errno to report: EACCES if a candidate was found but denied,
 * else the last failure.
 */
static int
exec_search(char *const *argv, char *const *envp)
{
	const char *file = argv[0], *p = env_path(envp), *end;
	char path[PATH_MAX];
	size_t dlen, flen = strlen(file);
	int seen_eacces = 0, err = ENOENT;

	if (strchr(file, '/') != NULL) {
		execve(file, argv, envp);
		return errno;
	}
	for (; ; p = end + 1) {
		end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		dlen = (size_t)(end - p);
		if (dlen + flen + 2 <= sizeof(path)) {
			memcpy(path, p, dlen);
			if (dlen == 0)
				path[dlen++] = '.';
			path[dlen] = '/';
			memcpy(path + dlen + 1, file, flen + 1);
			execve(path, argv, envp);
			err = errno;
			if (err == EACCES)
				seen_eacces = 1;
			else if (err != ENOENT && err != ENOTDIR &&
			    err != ENAMETOOLONG && err != ELOOP)
				return err;
		}
		if (*end == '\0')
			break;
	}
	return seen_eacces ? EACCES : err;
}

/*
 * Not inlined: its search buffer would otherwise sit in spawn_start's frame,
 * and every page of stack the parent ever touches stays in its memory.
 */
__attribute__((noinline)) _Noreturn static void
child_run(const struct spawn_attr *a, const char *found, int pipefd,
    pid_t parent)
{
	if (setpgid(0, 0) == -1)
		child_fail(pipefd, SPAWN_SETPGID, errno);
	/* every signal is still blocked: no SIGTTOU for a background group */
	if (a->tty_fd >= 0)
		(void)tcsetpgrp(a->tty_fd, getpid());
	/* first: a change of credentials clears the parent-death signal */
	if (a->id != NULL && identity_apply(a->id) == -1)
		child_fail(pipefd, SPAWN_IDENTITY, errno);
#ifdef __linux__
	/* checked after setting: the parent may have died just before */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 || getppid() != parent)
		child_fail(pipefd, SPAWN_PARENT, ESRCH);
#else
	(void)parent;
#endif
	reset_signals(a->reset);
	if (move_fd(a->fd_in, 0) == -1 || move_fd(a->fd_out, 1) == -1 ||
	    move_fd(a->fd_err, 2) == -1)
		child_fail(pipefd, SPAWN_STDIO, errno);
	close_other_fds(pipefd);
	/* grpsup's own raised limit is not the program's */
	if (a->nofile != NULL)
		(void)setrlimit(RLIMIT_NOFILE, a->nofile);
	if (a->directory != NULL && chdir(a->directory) == -1)
		child_fail(pipefd, SPAWN_DIRECTORY, errno);
	/* what the parent found; if it fails, the search says why */
	if (found[0] != '\0')
		execve(found, a->argv, a->envp);
	child_fail(pipefd, SPAWN_EXEC, exec_search(a->argv, a->envp));
}

/* End of the child's code. */

/*
 * 1: [dir/][part/]file is an executable regular file; 0: a file that is not;
 * -1: none.
 */
static int
executable(const char *dir, const char *part, size_t plen, const char *file)
{
	char path[PATH_MAX];
	struct stat st;

	if (snprintf(path, sizeof(path), "%s%s%.*s%s%s", dir ? dir : "",
	    dir ? "/" : "", (int)plen, part ? part : "", plen > 0 ? "/" : "",
	    file) >= (int)sizeof(path) || stat(path, &st) == -1)
		return -1;
	return S_ISREG(st.st_mode) && (st.st_mode & 0111) != 0;
}

int
spawn_findable(const char *file, char *const *envp, const char *directory)
{
	const char *p = env_path(envp), *end;
	int found = -1, r;

	if (strchr(file, '/') != NULL) {
		found = executable(*file == '/' ? NULL : directory, NULL, 0, file);
	} else {
		for (; found != 1; p = end + 1) {
			if ((end = strchr(p, ':')) == NULL)
				end = p + strlen(p);
			r = executable(*p == '/' ? NULL : directory, end > p ? p :
			    ".", end > p ? (size_t)(end - p) : 1, file);
			found = r > found ? r : found;
			if (*end == '\0')
				break;
		}
	}
	if (found == 1)
		return 0;
	errno = found == 0 ? EACCES : ENOENT;
	return -1;
}

/*
 * Find argv[0] in PATH before fork, as the child's search would: the first
 * regular file with an execute bit, so that the child makes one execve, not
 * one per PATH entry, while the parent waits for it. Gives up (found empty,
 * the child searches) at a relative entry, which the child's directory
 * decides, and when nothing is found.
 */
static void
find_in_path(char *const *argv, char *const *envp, char *found, size_t len)
{
	const char *p = env_path(envp), *end;
	size_t dlen, flen = strlen(argv[0]);
	struct stat st;

	found[0] = '\0';
	if (strchr(argv[0], '/') != NULL)
		return;
	for (; ; p = end + 1) {
		if ((end = strchr(p, ':')) == NULL)
			end = p + strlen(p);
		dlen = (size_t)(end - p);
		if (dlen == 0 || *p != '/')
			return;
		if (dlen + flen + 2 <= len) {
			memcpy(found, p, dlen);
			found[dlen] = '/';
			memcpy(found + dlen + 1, argv[0], flen + 1);
			if (stat(found, &st) == 0 && S_ISREG(st.st_mode) &&
			    (st.st_mode & 0111) != 0)
				return;
		}
		if (*end == '\0')
			break;
	}
	found[0] = '\0';
}

static ssize_t
read_full(int fd, void *buf, size_t len)
{
	ssize_t n;

	do
		n = read(fd, buf, len);
	while (n == -1 && errno == EINTR);
	return n;
}

pid_t
spawn_start(const struct spawn_attr *a, struct spawn_error *fail)
{
	sigset_t all, old;
	pid_t parent = getpid(), pid;
	char found[PATH_MAX];
	int p[2], err;

	fail->step = SPAWN_OK;
	fail->err = 0;
	find_in_path(a->argv, a->envp, found, sizeof(found));
	if (pipe2(p, O_CLOEXEC) == -1) {
		fail->step = SPAWN_PIPE;	/* not a fork that failed */
		fail->err = errno;
		return -1;
	}
	/* no libev handler may run in the child before it resets them */
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		child_run(a, found, p[1], parent);
	}
	err = errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(p[1]);
	if (pid == -1) {
		close(p[0]);
		fail->step = SPAWN_FORK;
		fail->err = err;
		errno = err;
		return -1;
	}
	(void)setpgid(pid, pid);	/* closes the race with the child's own */
	if (read_full(p[0], fail, sizeof(*fail)) != (ssize_t)sizeof(*fail)) {
		fail->step = SPAWN_OK;
		fail->err = 0;
	}
	close(p[0]);
	return pid;
}

void
spawn_changed_signals(sigset_t *set)
{
	struct sigaction sa;
	int sig;

	sigemptyset(set);
	if (procfs_signals(0, set, set) == 0)
		return;
	sigemptyset(set);
	for (sig = 1; sig < NSIG; sig++) {
		if (sig == SIGKILL || sig == SIGSTOP)
			continue;
		if (sigaction(sig, NULL, &sa) == 0 && sa.sa_handler != SIG_DFL)
			sigaddset(set, sig);
	}
}

const char *
spawn_step_name(int step)
{
	static const char *const names[] = {
		[SPAWN_OK] = "start",
		[SPAWN_SETPGID] = "setpgid",
		[SPAWN_IDENTITY] = "change user",
		[SPAWN_PARENT] = "watch parent",
		[SPAWN_STDIO] = "set up stdio",
		[SPAWN_DIRECTORY] = "chdir",
		[SPAWN_EXEC] = "exec",
		[SPAWN_FORK] = "fork",
		[SPAWN_PIPE] = "pipe",
	};

	if (step < 0 || step > SPAWN_PIPE)
		return "start";
	return names[step];
}

int
spawn_status(const struct spawn_error *fail)
{
	if (fail->step == SPAWN_EXEC && fail->err != ENOENT &&
	    fail->err != ENOTDIR)
		return 126;
	return 127;
}
