#ifndef GRPSUP_WRITER_H
#define GRPSUP_WRITER_H

#include <ev.h>
#include <stddef.h>
#include <sys/uio.h>

/* How a writer reaches its file without ever blocking the event loop. */
enum writer_mode {
	WRITER_BLOCKING,	/* regular file, disk: a write never waits long */
	WRITER_REOPENED,	/* pipe or tty: a non-blocking open of our own */
	WRITER_SOCKET,		/* socket: MSG_DONTWAIT on each send */
};

struct writer;
typedef void writer_fn(struct writer *, void *);

struct writer {
	int fd;			/* where the bytes go */
	int own_fd;		/* fd was opened here: close it at the end */
	enum writer_mode mode;
	char *pend;		/* bytes accepted, not written yet, in order */
	size_t plen, pcap;
	int broken;		/* the file cannot take more: bytes are dropped */
	int epipe;		/* ... because its reader went away */
	int err;		/* ... with this errno */
	int said;		/* its owner has told of the break */
	size_t lost;		/* bytes it had no memory to keep: dropped */
	int lost_said;		/* its owner has told of the first loss */
	int tty;		/* the file is a terminal */
	struct ev_loop *loop;
	ev_io io;		/* active while pend waits for room */
	writer_fn *on_change;	/* called when pend drains or the file breaks */
	void *arg;
};

/*
 * writer_open: set w up to write to fd (grpsup's stdout or stderr) without
 * blocking the loop and without changing fd's open file description, which
 * other processes share (O_NONBLOCK on it would reach the terminal and the
 * shell): a pipe or a tty is opened again through /proc/self/fd, a socket
 * gets MSG_DONTWAIT, anything else is written as it is. Returns 0; a reopen
 * that fails falls back to plain writes.
 */
int writer_open(struct writer *w, struct ev_loop *loop, int fd,
    writer_fn *on_change, void *arg);

/*
 * writer_ready: whether a write now would go straight to the file: nothing
 * is pending. A broken writer is ready (it drops everything).
 */
int writer_ready(const struct writer *w);

/*
 * writer_writev: write the n pieces of iov as one unit, after anything still
 * pending. What the file cannot take now is copied and written, in order, as
 * soon as it has room; nothing else is written in between, so a unit is never
 * split by another. Returns 0, or -1 with errno ENOMEM when it could not keep
 * the rest: the rest is then lost, and counted in lost.
 */
int writer_writev(struct writer *w, const struct iovec *iov, int n);

/*
 * writer_flush: write what is pending, waiting for room at most timeout_ms
 * (-1: as long as needed; 0: one try): for the end of the run, when the
 * loop is gone.
 */
void writer_flush(struct writer *w, int timeout_ms);

/*
 * writer_drop: forget what is pending (its reader did not take it in
 * time). Returns how many bytes were dropped.
 */
size_t writer_drop(struct writer *w);

/* writer_close: stop w's watcher, free its buffer, close its own fd. */
void writer_close(struct writer *w);

#endif
