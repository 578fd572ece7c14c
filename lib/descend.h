#ifndef GRPSUP_DESCEND_H
#define GRPSUP_DESCEND_H

#include <stddef.h>
#include <sys/types.h>

/*
 * descend_signal: send sig to every live (not zombie) descendant of root,
 * found through the parent pids in /proc/PID/stat, except the processes whose
 * process group is one of skip[0..nskip). Scans again after signalling until a
 * scan finds no process it has not signalled yet, so that a descendant that
 * forks while it looks is not missed. Returns how many processes were
 * signalled (0: root has no live descendant), or -1 with errno set when /proc
 * cannot be read.
 */
long descend_signal(pid_t root, int sig, const pid_t *skip, size_t nskip);

/*
 * descend_group_members: how many live (not zombie) processes are in process group
 * pgid now. Returns the count, or -1 with errno set when /proc cannot be
 * read.
 */
long descend_group_members(pid_t pgid);

#endif
