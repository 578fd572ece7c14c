/*
 * The probes that connect: tcp://HOST:PORT (a connection is made),
 * http://HOST:PORT/PATH (a GET answered with 2xx or 3xx) and unix:PATH (a
 * stream socket's listener takes the connection). A host name is looked up
 * at every attempt, and the attempts go round its addresses.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "container.h"
#include "probenet.h"

/*
 * The GET of an http probe: HTTP/1.1, as a browser sends it, and
 * "Connection: close", so that the server closes once it has answered.
 */
static int
http_setup(struct probe *pr, const char *directory, char *why, size_t len)
{
	const char *h = pr->spec.host;
	int v6 = strchr(h, ':') != NULL;
	int n = asprintf(&pr->request, "GET %s HTTP/1.1\r\nHost: %s%s%s:%s\r\n"
	    "User-Agent: grpsup\r\nAccept: */*\r\nConnection: close\r\n\r\n",
	    pr->spec.path, v6 ? "[" : "", h, v6 ? "]" : "", pr->spec.port);

	(void)directory;
	if (n == -1) {
		pr->request = NULL;
		snprintf(why, len, "%s", strerror(errno));
		return -1;
	}
	pr->request_len = (size_t)n;
	return 0;
}

static void
http_release(struct probe *pr)
{
	free(pr->request);
	pr->request = NULL;
}

/* The socket's path against directory; it must fit a socket address. */
static int
unix_setup(struct probe *pr, const char *directory, char *why, size_t len)
{
	if (probetry_path(pr, directory, why, len) == -1)
		return -1;
	if (strlen(pr->file) >= (size_t)UNIX_PATH_LEN) {
		snprintf(why, len, "unix:%.64s...: the socket's path in its "
		    "directory is longer than %d bytes", pr->spec.path,
		    UNIX_PATH_LEN - 1);
		return -1;
	}
	return 0;
}

static void
retry_resolve(struct probe *pr, const char *error)
{
	char why[sizeof(pr->last_error)];

	snprintf(why, sizeof(why), "cannot resolve '%.64s': %s", pr->spec.host,
	    error);
	probetry_retry(pr, why);
}

/* The whole reply is read before the socket closes: no reset. */
static void
http_read(struct probe *pr)
{
	char buf[4096], why[64];
	ssize_t n = read(pr->fd, buf, sizeof(buf));
	int r;

	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n == -1) {
		probetry_retry_errno(pr, "read", errno);
		return;
	}
	r = n == 0 ? httpreply_eof(&pr->reply) :
	    httpreply_feed(&pr->reply, buf, (size_t)n);
	if (r == -1) {
		probetry_retry(pr, pr->reply.error);
	} else if (r == 1 && pr->reply.status >= 200 &&
	    pr->reply.status < 400) {
		probetry_succeed(pr);
	} else if (r == 1) {
		snprintf(why, sizeof(why), "HTTP status %d", pr->reply.status);
		probetry_retry(pr, why);
	}
}

static void
http_write(struct probe *pr)
{
	ssize_t n = write(pr->fd, pr->request + pr->sent,
	    pr->request_len - pr->sent);

	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n == -1) {
		probetry_retry_errno(pr, "write", errno);
		return;
	}
	if ((pr->sent += (size_t)n) < pr->request_len)
		return;
	ev_io_stop(pr->loop, &pr->io);
	ev_io_set(&pr->io, pr->fd, EV_READ);
	ev_io_start(pr->loop, &pr->io);
}

static void
on_io(struct ev_loop *loop, ev_io *w, int revents)
{
	struct probe *pr = container_of(w, struct probe, io);
	socklen_t len = sizeof(int);
	int err = 0;

	(void)loop;
	if (revents & EV_READ) {
		http_read(pr);
		return;
	}
	if (pr->sent == 0) {	/* the connection is made or refused */
		if (getsockopt(pr->fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1)
			err = errno;
		if (err != 0) {
			probetry_retry_errno(pr, "connect", err);
			return;
		}
		if (pr->request == NULL) {	/* tcp, unix */
			probetry_succeed(pr);
			return;
		}
	}
	http_write(pr);
}

static void
connect_to(struct probe *pr, const struct sockaddr *sa, socklen_t len)
{
	pr->fd = socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0);
	if (pr->fd == -1) {
		probetry_retry_errno(pr, "socket", errno);
		return;
	}
	pr->sent = 0;
	httpreply_init(&pr->reply);
	if (connect(pr->fd, sa, len) == -1 && errno != EINPROGRESS) {
		probetry_retry_errno(pr, "connect", errno);
		return;
	}
	/* writable once connected (or refused), even when already done */
	ev_io_init(&pr->io, on_io, pr->fd, EV_WRITE);
	ev_io_start(pr->loop, &pr->io);
}

/* The host's addresses, now: attempts go round them. */
static void
on_resolved(void *arg, const struct resolver_result *res)
{
	struct probe *pr = arg;
	size_t i;

	pr->query = NULL;
	if (res->error != NULL) {
		retry_resolve(pr, res->error);
		return;
	}
	i = (pr->attempts - 1) % res->naddrs;
	connect_to(pr, (const struct sockaddr *)&res->addr[i],
	    res->addrlen[i]);
}

/* One deadline for the look-up, the connection and the reply. */
static void
attempt_connect(struct probe *pr)
{
	struct resolver_query *q;

	probetry_deadline(pr, PROBE_NET_ATTEMPT_MS);
	q = resolver_lookup(pr->resolver, pr->loop, pr->spec.host,
	    pr->spec.port, on_resolved, pr);
	if (q != NULL)	/* NULL: on_resolved was called already */
		pr->query = q;
}

/* A stale socket file refuses the connection: only a listener is ready. */
static void
attempt_unix(struct probe *pr)
{
	struct sockaddr_un sa;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, pr->file, strlen(pr->file) + 1);
	probetry_deadline(pr, PROBE_NET_ATTEMPT_MS);
	connect_to(pr, (const struct sockaddr *)&sa, sizeof(sa));
}

static void
expired(struct probe *pr)
{
	if (pr->query != NULL)
		retry_resolve(pr, "the name servers did not answer in time");
	else
		probetry_retry(pr, "no answer in time");
}

const struct probe_ops probenet_tcp = {
	.feed = PROBE_FEED_TRIES, .attempt = attempt_connect,
	.expired = expired,
};

const struct probe_ops probenet_http = {
	.feed = PROBE_FEED_TRIES, .setup = http_setup,
	.attempt = attempt_connect, .expired = expired,
	.release = http_release,
};

const struct probe_ops probenet_unix = {
	.feed = PROBE_FEED_TRIES, .setup = unix_setup,
	.attempt = attempt_unix, .expired = expired, .release = probetry_path_free,
};
