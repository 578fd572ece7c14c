/*
 * A destination written without ever blocking the loop: what it cannot take
 * now is kept and written, in order, as it takes more; a broken one drops
 * and says so.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "container.h"
#include "writer.h"

static enum writer_mode
choose_mode(int fd, int *reopened)
{
	char path[64];
	struct stat st;

	*reopened = -1;
	if (fstat(fd, &st) == -1)
		return WRITER_BLOCKING;
	if (S_ISSOCK(st.st_mode))
		return WRITER_SOCKET;
	if (!S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode))
		return WRITER_BLOCKING;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	*reopened = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	return *reopened >= 0 ? WRITER_REOPENED : WRITER_BLOCKING;
}

static void
on_writable(struct ev_loop *loop, ev_io *io, int revents)
{
	struct writer *w = container_of(io, struct writer, io);

	(void)loop;
	(void)revents;
	writer_writev(w, NULL, 0);
}

int
writer_open(struct writer *w, struct ev_loop *loop, int fd,
    writer_fn *on_change, void *arg)
{
	int reopened;

	memset(w, 0, sizeof(*w));
	w->tty = isatty(fd);
	w->mode = choose_mode(fd, &reopened);
	w->fd = w->mode == WRITER_REOPENED ? reopened : fd;
	w->own_fd = w->mode == WRITER_REOPENED;
	w->loop = loop;
	w->on_change = on_change;
	w->arg = arg;
	ev_io_init(&w->io, on_writable, w->fd, EV_WRITE);
	return 0;
}

int
writer_ready(const struct writer *w)
{
	return w->plen == 0 || w->broken;
}

/* One attempt (or, in blocking mode, as many as it takes); bytes written. */
static ssize_t
write_some(struct writer *w, const struct iovec *iov, int n)
{
	struct msghdr m;
	ssize_t r;

	do {
		if (w->mode == WRITER_SOCKET) {
			memset(&m, 0, sizeof(m));
			m.msg_iov = (struct iovec *)(uintptr_t)iov;
			m.msg_iovlen = (size_t)n;
			r = sendmsg(w->fd, &m, MSG_DONTWAIT | MSG_NOSIGNAL);
		} else {
			r = writev(w->fd, iov, n);
		}
	} while (r == -1 && errno == EINTR);
	return r;
}

static void
mark_broken(struct writer *w, int err)
{
	w->broken = 1;
	w->err = err;
	w->epipe = err == EPIPE || err == ECONNRESET;
	w->plen = 0;
	ev_io_stop(w->loop, &w->io);
	if (w->on_change != NULL)
		w->on_change(w, w->arg);
}

static int
keep(struct writer *w, const char *p, size_t len)
{
	char *b;
	size_t cap;

	if (w->plen + len > w->pcap) {
		for (cap = w->pcap ? w->pcap : 4096; cap < w->plen + len; cap *= 2)
			;
		if ((b = realloc(w->pend, cap)) == NULL)
			return -1;
		w->pend = b;
		w->pcap = cap;
	}
	memcpy(w->pend + w->plen, p, len);
	w->plen += len;
	return 0;
}

/* Keep iov's bytes from offset skip on, after what is pending. */
static int
keep_iov(struct writer *w, const struct iovec *iov, int n, size_t skip)
{
	int i;

	for (i = 0; i < n; i++) {
		if (skip >= iov[i].iov_len) {
			skip -= iov[i].iov_len;
			continue;
		}
		if (keep(w, (const char *)iov[i].iov_base + skip,
		    iov[i].iov_len - skip) == -1)
			return -1;
		skip = 0;
	}
	return 0;
}

/* Write what is pending; 1 when it is all written. */
static int
write_pending(struct writer *w)
{
	struct iovec v = { w->pend, w->plen };
	ssize_t r;

	while (w->plen > 0) {
		if ((r = write_some(w, &v, 1)) == -1) {
			if (errno != EAGAIN)
				mark_broken(w, errno);
			return w->broken;
		}
		memmove(w->pend, w->pend + r, w->plen - (size_t)r);
		w->plen -= (size_t)r;
		v.iov_len = w->plen;
	}
	return 1;
}

static size_t
iov_total(const struct iovec *iov, int n)
{
	size_t total = 0;

	while (n-- > 0)
		total += iov[n].iov_len;
	return total;
}

int
writer_writev(struct writer *w, const struct iovec *iov, int n)
{
	int was_waiting = w->plen > 0;
	size_t kept, lost = w->lost;
	ssize_t r = 0;

	if (w->broken)
		return 0;
	if (w->plen > 0) {
		if (!write_pending(w))
			goto later;
		if (w->broken)
			return 0;
	}
	if (n > 0 && (r = write_some(w, iov, n)) == -1) {
		if (errno != EAGAIN) {
			mark_broken(w, errno);
			return 0;
		}
		r = 0;
	}
	if ((size_t)r == iov_total(iov, n)) {
		ev_io_stop(w->loop, &w->io);
		if (was_waiting && w->on_change != NULL)
			w->on_change(w, w->arg);
		return 0;
	}
later:
	kept = w->plen;
	if (keep_iov(w, iov, n, (size_t)r) == -1)
		w->lost += iov_total(iov, n) - (size_t)r - (w->plen - kept);
	/* what is pending drains, also when the rest could not be kept */
	if (w->plen > 0)
		ev_io_start(w->loop, &w->io);
	return w->lost > lost ? -1 : 0;
}

void
writer_flush(struct writer *w, int timeout_ms)
{
	struct pollfd p = { w->fd, POLLOUT, 0 };

	while (!w->broken && w->plen > 0 && !write_pending(w))
		if (timeout_ms == 0 || poll(&p, 1, timeout_ms) == 0)
			return;
}

size_t
writer_drop(struct writer *w)
{
	size_t n = w->broken ? 0 : w->plen;

	w->plen = 0;
	if (w->loop != NULL)
		ev_io_stop(w->loop, &w->io);
	return n;
}

void
writer_close(struct writer *w)
{
	if (w->loop != NULL)
		ev_io_stop(w->loop, &w->io);
	free(w->pend);
	w->pend = NULL;
	w->plen = w->pcap = 0;
	if (w->own_fd)
		close(w->fd);
	w->own_fd = 0;
}
