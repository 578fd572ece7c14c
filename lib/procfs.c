/*
 * Small files of /proc read in one go: a process's stat line and status
 * fields.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "procfs.h"

ssize_t
procfs_read(pid_t pid, const char *file, char *buf, size_t len)
{
	char path[64];
	ssize_t n;
	int fd;

	if (pid == 0)
		snprintf(path, sizeof(path), "/proc/self/%s", file);
	else
		snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0) {
		errno = n == 0 ? ENOENT : errno;
		return -1;
	}
	buf[n] = '\0';
	return n;
}

/* Add the signals of a status mask ("0000000000004a02") to set. */
static void
add_mask(sigset_t *set, const char *hex)
{
	size_t n = strspn(hex, "0123456789abcdef"), i;
	int sig = 1, bit;

	for (i = n; i-- > 0; ) {
		int v = hex[i] <= '9' ? hex[i] - '0' : hex[i] - 'a' + 10;

		for (bit = 0; bit < 4 && sig < NSIG; bit++, sig++)
			if (v & (1 << bit))
				sigaddset(set, sig);
	}
}

int
procfs_signals(pid_t pid, sigset_t *caught, sigset_t *ignored)
{
	char buf[4096], *line;
	int found = 0;

	if (procfs_read(pid, "status", buf, sizeof(buf)) == -1)
		return -1;
	for (line = buf; line != NULL; line = strchr(line, '\n')) {
		line += *line == '\n';
		if (strncmp(line, "SigCgt:\t", 8) == 0 && ++found)
			if (caught != NULL)
				add_mask(caught, line + 8);
		if (strncmp(line, "SigIgn:\t", 8) == 0 && ++found)
			if (ignored != NULL)
				add_mask(ignored, line + 8);
	}
	if (found == 2)
		return 0;
	errno = EINVAL;
	return -1;
}
