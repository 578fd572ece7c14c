/* Small files of /proc, read in one go. */
#ifndef GRPSUP_PROCFS_H
#define GRPSUP_PROCFS_H

#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * procfs_read: the start of /proc/PID/FILE (pid 0: this process) into buf
 * (of size len), NUL-terminated, in one read. Returns the bytes read (more
 * than 0), or -1 with errno set.
 */
ssize_t procfs_read(pid_t pid, const char *file, char *buf, size_t len);

/*
 * procfs_signals: the signals process pid (0: this one) catches and those it
 * ignores, as the kernel sees them (SigCgt and SigIgn of its status), added
 * to caught and ignored (either may be NULL). Returns 0, or -1 with errno
 * set (a process that is gone: ENOENT).
 */
int procfs_signals(pid_t pid, sigset_t *caught, sigset_t *ignored);

#endif
