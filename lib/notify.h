#ifndef GRPSUP_NOTIFY_H
#define GRPSUP_NOTIFY_H

#include <stddef.h>
#include <sys/types.h>
#include <sys/un.h>

/*
 * Both sides of the sd_notify protocol: datagrams of KEY=VALUE lines on a
 * Unix socket named by NOTIFY_SOCKET ("/path", or "@name" in the abstract
 * namespace).
 */

/*
 * notify_listen: a datagram socket for a program that says "notify": bound
 * to a fresh abstract name that the kernel picks, non-blocking, close-on-exec,
 * with the sender's credentials on every datagram. Writes
 * "NOTIFY_SOCKET=@name" into env (of size len). Returns the fd, or -1 with
 * errno set.
 */
int notify_listen(char *env, size_t len);

/* What one datagram said; status points into the caller's buffer. */
struct notify_message {
	int ready;		/* READY=1 was there */
	const char *status;	/* STATUS=..., or NULL */
	size_t status_len;
};

/*
 * notify_parse: read a datagram, buf (len bytes): newline-separated
 * KEY=VALUE lines; unknown keys are ignored, as systemd does.
 */
void notify_parse(const char *buf, size_t len, struct notify_message *m);

/*
 * notify_receive: read one datagram from fd into buf (of size len) and parse
 * it into m. Datagrams sent by a user other than root, uid and grpsup's own
 * are dropped (returns 0 with m empty); file descriptors passed along are
 * closed. Returns 1 for a datagram, 0 for nothing (more may come), -1 with
 * errno set on an error.
 */
int notify_receive(int fd, uid_t uid, char *buf, size_t len,
    struct notify_message *m);

/*
 * notify_open: when grpsup's own environment has NOTIFY_SOCKET (systemd
 * Type=notify), a socket to tell it about the group, close-on-exec; its
 * address goes into *sa and *salen. Returns the fd, -1 when there is no
 * NOTIFY_SOCKET (errno 0) or on error (errno set).
 */
int notify_open(struct sockaddr_un *sa, size_t *salen);

/*
 * notify_send: send msg ("READY=1") to the manager at sa. Returns 0, or -1
 * with errno set.
 */
int notify_send(int fd, const struct sockaddr_un *sa, size_t salen,
    const char *msg);

/* grpsup's own manager: where to tell it, and whether READY=1 was told. */
struct notify_manager {
	int fd;			/* -1: no manager, or it went away */
	struct sockaddr_un addr;
	size_t len;
	int told_ready;
};

/*
 * notify_manager_open: m for grpsup's own NOTIFY_SOCKET (notify_open); fd
 * -1 when there is none. Returns 0, or -1 with errno set when NOTIFY_SOCKET
 * is there but unusable.
 */
int notify_manager_open(struct notify_manager *m);

/*
 * notify_manager_tell: send msg to the manager, if any; a message with
 * READY=1 is sent once. A manager that is not there any more is closed and
 * left alone: returns -1 with errno set that once, else 0.
 */
int notify_manager_tell(struct notify_manager *m, const char *msg);

/* notify_manager_wants_ready: there is a manager not yet told READY=1. */
int notify_manager_wants_ready(const struct notify_manager *m);

/* notify_manager_close: release m. */
void notify_manager_close(struct notify_manager *m);

#endif
