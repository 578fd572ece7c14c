/*
 * The descendants of a process and the members of a process group, found
 * through the parent pids and process groups in /proc/PID/stat; sending them
 * a signal, scanning again until no new process appears.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "descend.h"
#include "procfs.h"

/* Enough rounds for any real process tree; a fork bomb gets SIGKILL later. */
#define MAX_ROUNDS 64

struct proc {
	pid_t pid, ppid, pgid;
	int live;		/* not a zombie */
	int mark;		/* a descendant of root */
};

struct table {
	struct proc *v;
	size_t n, cap;
};

/* Read ppid, pgid and state from /proc/PID/stat; 0 on success. */
static int
read_stat(pid_t pid, struct proc *p)
{
	char buf[512], *s;
	long ppid, pgid;
	char state;

	if (procfs_read(pid, "stat", buf, sizeof(buf)) == -1)
		return -1;
	/* the command name may hold ')' and blanks: parse after the last ')' */
	if ((s = strrchr(buf, ')')) == NULL ||
	    sscanf(s + 1, " %c %ld %ld", &state, &ppid, &pgid) != 3)
		return -1;
	p->pid = pid;
	p->ppid = (pid_t)ppid;
	p->pgid = (pid_t)pgid;
	p->live = state != 'Z' && state != 'X';
	p->mark = 0;
	return 0;
}

static int
table_add(struct table *t, const struct proc *p)
{
	struct proc *v;

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 128;
		if ((v = realloc(t->v, t->cap * sizeof(*v))) == NULL)
			return -1;
		t->v = v;
	}
	t->v[t->n++] = *p;
	return 0;
}

static int
table_read(struct table *t)
{
	struct dirent *d;
	struct proc p;
	DIR *dir;
	char *end;
	long pid;

	t->n = 0;
	/* an empty /proc (a tmpfs over it) lists nothing: it is no procfs */
	if (access("/proc/self/stat", R_OK) == -1 ||
	    (dir = opendir("/proc")) == NULL)
		return -1;
	while ((d = readdir(dir)) != NULL) {
		pid = strtol(d->d_name, &end, 10);
		if (*end != '\0' || pid <= 0 || read_stat((pid_t)pid, &p) == -1)
			continue;
		if (table_add(t, &p) == -1) {
			closedir(dir);
			return -1;
		}
	}
	closedir(dir);
	return 0;
}

/* Mark the descendants of root; a pass per level until nothing changes. */
static void
table_mark(struct table *t, pid_t root)
{
	size_t i, j;
	int changed = 1;

	while (changed) {
		changed = 0;
		for (i = 0; i < t->n; i++) {
			if (t->v[i].mark)
				continue;
			if (t->v[i].ppid == root) {
				t->v[i].mark = changed = 1;
				continue;
			}
			for (j = 0; j < t->n; j++)
				if (t->v[j].mark && t->v[j].pid == t->v[i].ppid) {
					t->v[i].mark = changed = 1;
					break;
				}
		}
	}
}

static int
in_list(pid_t x, const pid_t *v, size_t n)
{
	while (n-- > 0)
		if (v[n] == x)
			return 1;
	return 0;
}

/* Signal the marked, live, not yet signalled; returns how many were new. */
static long
signal_new(struct table *t, int sig, const pid_t *skip, size_t nskip,
    struct table *done)
{
	long fresh = 0;
	size_t i, k;

	for (i = 0; i < t->n; i++) {
		struct proc *p = &t->v[i];

		if (!p->mark || !p->live || in_list(p->pgid, skip, nskip))
			continue;
		for (k = 0; k < done->n && done->v[k].pid != p->pid; k++)
			;
		if (k < done->n)
			continue;
		if (table_add(done, p) == -1)
			return -1;
		(void)kill(p->pid, sig);
		fresh++;
	}
	return fresh;
}

long
descend_signal(pid_t root, int sig, const pid_t *skip, size_t nskip)
{
	struct table now = { 0 }, done = { 0 };
	long fresh, total = -1;
	int round, err;

	for (round = 0; round < MAX_ROUNDS; round++) {
		if (table_read(&now) == -1)
			goto out;
		table_mark(&now, root);
		if ((fresh = signal_new(&now, sig, skip, nskip, &done)) == -1)
			goto out;
		if (fresh == 0)
			break;
	}
	total = (long)done.n;
out:
	err = errno;
	free(now.v);
	free(done.v);
	errno = err;
	return total;
}

long
descend_group_members(pid_t pgid)
{
	struct table now = { 0 };
	long n = 0;
	size_t i;

	if (table_read(&now) == -1) {
		free(now.v);
		return -1;
	}
	for (i = 0; i < now.n; i++)
		n += now.v[i].live && now.v[i].pgid == pgid;
	free(now.v);
	return n;
}
