/*
 * Both sides of the sd_notify protocol: the socket a program sends READY=1
 * and STATUS= to, read by grpsup, and grpsup's own messages to its manager.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "notify.h"

int
notify_listen(char *env, size_t len)
{
	struct sockaddr_un sa;
	socklen_t salen = sizeof(sa_family_t);
	size_t n;
	int fd, on = 1, err;

	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	/* an address of the family alone: the kernel picks a free name */
	if (setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)) == -1 ||
	    bind(fd, (struct sockaddr *)&sa, salen) == -1)
		goto fail;
	salen = sizeof(sa);
	if (getsockname(fd, (struct sockaddr *)&sa, &salen) == -1)
		goto fail;
	n = salen - offsetof(struct sockaddr_un, sun_path);
	if (n < 2 || sa.sun_path[0] != '\0' || n - 1 + 15 > len ||
	    memchr(sa.sun_path + 1, '\0', n - 1) != NULL) {
		errno = EADDRNOTAVAIL;
		goto fail;
	}
	memcpy(env, "NOTIFY_SOCKET=@", 15);
	memcpy(env + 15, sa.sun_path + 1, n - 1);
	env[15 + n - 1] = '\0';
	return fd;
fail:
	err = errno;
	close(fd);
	errno = err;
	return -1;
}

void
notify_parse(const char *buf, size_t len, struct notify_message *m)
{
	const char *end = buf + len, *nl;

	memset(m, 0, sizeof(*m));
	for (; buf < end; buf = nl + 1) {
		size_t n;

		if ((nl = memchr(buf, '\n', (size_t)(end - buf))) == NULL)
			nl = end;
		n = (size_t)(nl - buf);
		if (n == 7 && memcmp(buf, "READY=1", 7) == 0)
			m->ready = 1;
		else if (n >= 7 && memcmp(buf, "STATUS=", 7) == 0) {
			m->status = buf + 7;
			m->status_len = n - 7;
		}
	}
}

/* Close what a sender passed along (sd_pid_notify_with_fds). */
static void
close_passed_fds(struct msghdr *mh)
{
	struct cmsghdr *c;

	for (c = CMSG_FIRSTHDR(mh); c != NULL; c = CMSG_NXTHDR(mh, c)) {
		int *fds = (int *)(void *)CMSG_DATA(c);
		size_t i, n;

		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (i = 0; i < n; i++)
			close(fds[i]);
	}
}

static const struct ucred *
credentials(struct msghdr *mh)
{
	struct cmsghdr *c;

	for (c = CMSG_FIRSTHDR(mh); c != NULL; c = CMSG_NXTHDR(mh, c))
		if (c->cmsg_level == SOL_SOCKET &&
		    c->cmsg_type == SCM_CREDENTIALS &&
		    c->cmsg_len >= CMSG_LEN(sizeof(struct ucred)))
			return (const struct ucred *)(void *)CMSG_DATA(c);
	return NULL;
}

int
notify_receive(int fd, uid_t uid, char *buf, size_t len,
    struct notify_message *m)
{
	union {
		struct cmsghdr align;
		char space[CMSG_SPACE(sizeof(struct ucred)) +
		    CMSG_SPACE(sizeof(int) * 16)];
	} control;
	struct iovec iov = { buf, len };
	struct msghdr mh;
	const struct ucred *cred;
	ssize_t n;

	memset(m, 0, sizeof(*m));
	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = &control;
	mh.msg_controllen = sizeof(control);
	n = recvmsg(fd, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
	if (n == -1)
		return errno == EAGAIN || errno == EINTR ? 0 : -1;
	close_passed_fds(&mh);
	cred = credentials(&mh);
	/* a socket in the abstract namespace has no permissions: check */
	if (cred == NULL || (cred->uid != 0 && cred->uid != uid &&
	    cred->uid != geteuid()))
		return 1;
	notify_parse(buf, (size_t)n, m);
	return 1;
}

int
notify_open(struct sockaddr_un *sa, size_t *salen)
{
	const char *path = getenv("NOTIFY_SOCKET");
	size_t n;
	int fd;

	if (path == NULL || (path[0] != '/' && path[0] != '@')) {
		errno = 0;
		return -1;
	}
	if ((n = strlen(path)) >= sizeof(sa->sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	memcpy(sa->sun_path, path, n);
	if (path[0] == '@')
		sa->sun_path[0] = '\0';
	*salen = offsetof(struct sockaddr_un, sun_path) + n +
	    (path[0] == '/');
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	return fd;
}

int
notify_send(int fd, const struct sockaddr_un *sa, size_t salen,
    const char *msg)
{
	ssize_t n;

	do
		n = sendto(fd, msg, strlen(msg), MSG_NOSIGNAL | MSG_DONTWAIT,
		    (const struct sockaddr *)sa, (socklen_t)salen);
	while (n == -1 && errno == EINTR);
	return n == -1 ? -1 : 0;
}

int
notify_manager_open(struct notify_manager *m)
{
	memset(m, 0, sizeof(*m));
	m->fd = notify_open(&m->addr, &m->len);
	return m->fd == -1 && errno != 0 ? -1 : 0;
}

int
notify_manager_tell(struct notify_manager *m, const char *msg)
{
	int ready = strncmp(msg, "READY=1", 7) == 0;

	if (m->fd < 0 || (ready && m->told_ready))
		return 0;
	m->told_ready |= ready;
	if (notify_send(m->fd, &m->addr, m->len, msg) == 0)
		return 0;
	notify_manager_close(m);
	return -1;
}

int
notify_manager_wants_ready(const struct notify_manager *m)
{
	return m->fd >= 0 && !m->told_ready;
}

void
notify_manager_close(struct notify_manager *m)
{
	int err = errno;

	if (m->fd >= 0)
		close(m->fd);
	m->fd = -1;
	errno = err;
}
