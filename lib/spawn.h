#ifndef GRPSUP_SPAWN_H
#define GRPSUP_SPAWN_H

#include <signal.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "identity.h"

/* What the child was doing when it failed, in the order it does them. */
enum spawn_step {
	SPAWN_OK = 0,
	SPAWN_SETPGID,
	SPAWN_IDENTITY,		/* setgroups, setgid, setuid */
	SPAWN_PARENT,		/* grpsup died before the child could watch it */
	SPAWN_STDIO,
	SPAWN_DIRECTORY,
	SPAWN_EXEC,
	SPAWN_FORK,		/* in grpsup: no child was created */
	SPAWN_PIPE,		/* in grpsup: no pipe for its output */
};

struct spawn_attr {
	char *const *argv;	/* argv[0] is searched in envp's PATH without '/' */
	char *const *envp;
	int fd_in;		/* becomes the child's stdin */
	int fd_out, fd_err;	/* its stdout and stderr; -1 keeps grpsup's */
	const char *directory;	/* NULL keeps grpsup's */
	const struct identity *id;	/* NULL keeps grpsup's */
	const struct rlimit *nofile;	/* RLIMIT_NOFILE to set, NULL: keep */
	const sigset_t *reset;	/* the signals not at default in grpsup (see
				   spawn_changed_signals); NULL: all */
	int tty_fd;		/* >= 0: the child's group takes this terminal's
				   foreground (tcsetpgrp); -1: it does not */
};

struct spawn_error {
	int step;		/* enum spawn_step; SPAWN_OK when exec worked */
	int err;		/* errno of the failed step */
};

/*
 * spawn_start: fork a child that becomes the leader of a new process group,
 * runs as id, gets SIGKILL if grpsup dies, has every signal disposition at its
 * default and an empty signal mask, the given stdio, no other file
 * descriptor, and execs argv in directory. Blocks until the exec has happened or failed, so that the caller knows
 * which at once. Returns the child's pid; when a step failed, *fail says which
 * and why, and the child exits by itself with 127 (command not found) or 126
 * (found, not executable), as a shell would. Returns -1 with errno set when no
 * child was created, and *fail saying which step failed (SPAWN_PIPE or
 * SPAWN_FORK). Must be called from the main thread.
 */
pid_t spawn_start(const struct spawn_attr *a, struct spawn_error *fail);

/*
 * spawn_changed_signals: fill set with the signals whose disposition in this
 * process is not the default (caught or ignored), for spawn_attr.reset: a
 * child resets those, and execve resets nothing else that matters. Call it
 * once every handler is in place; a later change makes the set stale.
 */
void spawn_changed_signals(sigset_t *set);

/*
 * spawn_findable: whether file would be found and executed as a child's
 * exec would find it: with envp's PATH when it has no '/', from directory
 * (NULL: the current one) when it is relative. Returns 0, or -1 with errno
 * ENOENT (not found) or EACCES (found, but not an executable file).
 */
int spawn_findable(const char *file, char *const *envp, const char *directory);

/* spawn_step_name: a word for a step, for messages ("exec", "chdir"). */
const char *spawn_step_name(int step);

/* spawn_status: the exit status of a child that failed as *fail says. */
int spawn_status(const struct spawn_error *fail);

#endif
