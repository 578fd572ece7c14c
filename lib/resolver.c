/*
 * c-ares driven by libev: c-ares says which sockets it wants watched
 * (sock_state_cb) and when it next needs to run (ares_timeout); each ev_io
 * and the one ev_timer hand the event back to ares_process_fd. Look-ups that
 * their caller cancelled finish inside c-ares and are then dropped.
 */
#include <ares.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "container.h"
#include "resolver.h"

/* One socket of c-ares, watched; allocated alone, so it never moves. */
struct resolver_io {
	struct resolver *r;
	ev_io io;
	struct resolver_io *next;
};

struct resolver_query {
	resolver_fn *fn;	/* NULL: cancelled */
	void *arg;
	int in_call;		/* inside ares_getaddrinfo: freed by the caller */
	int answered;
};

static void
arm_timer(struct resolver *r)
{
	struct timeval tv, *t;

	ev_timer_stop(r->loop, &r->timer);
	if (r->channel == NULL ||
	    (t = ares_timeout(r->channel, NULL, &tv)) == NULL)
		return;
	ev_timer_set(&r->timer, (double)t->tv_sec + t->tv_usec / 1e6, 0.);
	ev_timer_start(r->loop, &r->timer);
}

static void
on_io(struct ev_loop *loop, ev_io *w, int revents)
{
	struct resolver_io *rio = container_of(w, struct resolver_io, io);
	struct resolver *r = rio->r;
	int fd = w->fd;

	(void)loop;
	ares_process_fd(r->channel, revents & EV_READ ? fd : ARES_SOCKET_BAD,
	    revents & EV_WRITE ? fd : ARES_SOCKET_BAD);
	arm_timer(r);
}

static void
on_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct resolver *r = container_of(w, struct resolver, timer);

	(void)loop;
	(void)revents;
	ares_process_fd(r->channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
	arm_timer(r);
}

/* c-ares opens, changes or closes a socket: the watchers follow. */
static void
on_sock_state(void *data, ares_socket_t fd, int readable, int writable)
{
	struct resolver *r = data;
	struct resolver_io **at = &r->ios, *rio;

	while (*at != NULL && (*at)->io.fd != fd)
		at = &(*at)->next;
	if ((rio = *at) != NULL) {
		ev_io_stop(r->loop, &rio->io);
		if (!readable && !writable) {
			*at = rio->next;
			free(rio);
			return;
		}
	} else if (!readable && !writable) {
		return;
	} else if ((rio = calloc(1, sizeof(*rio))) == NULL) {
		return;	/* the look-up then times out at its deadline */
	} else {
		rio->r = r;
		rio->next = r->ios;
		r->ios = rio;
	}
	ev_io_init(&rio->io, on_io, fd, (readable ? EV_READ : 0) |
	    (writable ? EV_WRITE : 0));
	ev_io_start(r->loop, &rio->io);
}

/* The channel, on the first look-up: resolv.conf and hosts read then. */
static int
open_channel(struct resolver *r, struct ev_loop *loop)
{
	struct ares_options o;
	ares_channel ch;

	if (r->channel != NULL)
		return 0;
	if (r->failed || ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS)
		return -1;
	memset(&o, 0, sizeof(o));
	o.sock_state_cb = on_sock_state;
	o.sock_state_cb_data = r;
	o.timeout = 1000;	/* ms per try: an attempt lasts 2 s in all */
	o.tries = 2;
	r->loop = loop;
	if (ares_init_options(&ch, &o, ARES_OPT_SOCK_STATE_CB |
	    ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES) != ARES_SUCCESS) {
		ares_library_cleanup();
		r->failed = 1;
		return -1;
	}
	r->channel = ch;
	ev_init(&r->timer, on_timer);
	return 0;
}

static const char *
ares_reason(int status)
{
	switch (status) {
	case ARES_ENOTFOUND:
	case ARES_ENONAME:
	case ARES_ENODATA:
		return "no such host (yet)";
	case ARES_ETIMEOUT:
		return "the name servers did not answer";
	case ARES_ENOMEM:
		return "out of memory";
	default:
		return ares_strerror(status);
	}
}

static void
on_answer(void *arg, int status, int timeouts, struct ares_addrinfo *ai)
{
	struct resolver_query *q = arg;
	struct resolver_result res = { .error = NULL };
	struct ares_addrinfo_node *n;

	(void)timeouts;
	if (status == ARES_SUCCESS && ai != NULL)
		for (n = ai->nodes; n != NULL && res.naddrs < RESOLVER_ADDRS;
		    n = n->ai_next)
			if (n->ai_addrlen <= sizeof(res.addr[0])) {
				memcpy(&res.addr[res.naddrs], n->ai_addr,
				    n->ai_addrlen);
				res.addrlen[res.naddrs++] = n->ai_addrlen;
			}
	if (status != ARES_SUCCESS)
		res.error = ares_reason(status);
	else if (res.naddrs == 0)
		res.error = "the host has no address";
	if (ai != NULL)
		ares_freeaddrinfo(ai);
	/* the channel being destroyed: its owner is going, not waiting */
	if (q->fn != NULL && status != ARES_EDESTRUCTION)
		q->fn(q->arg, &res);
	q->answered = 1;
	if (!q->in_call)
		free(q);
}

/*
 * "localhost" and the names under it are the loopback addresses (RFC 6761),
 * also where /etc/hosts is missing (a chroot): c-ares 1.18 would ask DNS.
 */
static int
loopback(const char *host, unsigned short p, struct resolver_result *res)
{
	struct sockaddr_in *in = (struct sockaddr_in *)&res->addr[0];
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&res->addr[1];
	size_t n = strlen(host);

	if (strcasecmp(host, "localhost") != 0 && !(n > 10 &&
	    strcasecmp(host + n - 10, ".localhost") == 0))
		return 0;
	in->sin_family = AF_INET;
	in->sin_port = htons(p);
	in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	res->addrlen[0] = sizeof(*in);
	in6->sin6_family = AF_INET6;
	in6->sin6_port = htons(p);
	in6->sin6_addr = in6addr_loopback;
	res->addrlen[1] = sizeof(*in6);
	res->naddrs = 2;
	return 1;
}

/* A literal address needs no look-up (and no channel). */
static int
numeric(const char *host, const char *port, struct resolver_result *res)
{
	struct sockaddr_in *in = (struct sockaddr_in *)&res->addr[0];
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&res->addr[0];
	unsigned short p = (unsigned short)atoi(port);

	memset(res, 0, sizeof(*res));
	if (loopback(host, p, res))
		return 1;
	if (inet_pton(AF_INET, host, &in->sin_addr) == 1) {
		in->sin_family = AF_INET;
		in->sin_port = htons(p);
		res->addrlen[0] = sizeof(*in);
	} else if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(p);
		res->addrlen[0] = sizeof(*in6);
	} else {
		return 0;
	}
	res->naddrs = 1;
	return 1;
}

struct resolver_query *
resolver_lookup(struct resolver *r, struct ev_loop *loop, const char *host,
    const char *port, resolver_fn *fn, void *arg)
{
	struct ares_addrinfo_hints hints;
	struct resolver_result res;
	struct resolver_query *q;

	if (numeric(host, port, &res)) {
		fn(arg, &res);
		return NULL;
	}
	if (open_channel(r, loop) == -1 || (q = calloc(1, sizeof(*q))) ==
	    NULL) {
		memset(&res, 0, sizeof(res));
		res.error = "cannot start a look-up (out of memory)";
		fn(arg, &res);
		return NULL;
	}
	q->fn = fn;
	q->arg = arg;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = ARES_AI_NUMERICSERV;
	/* an answer at once (hosts file) calls on_answer from inside */
	q->in_call = 1;
	ares_getaddrinfo(r->channel, host, port, &hints, on_answer, q);
	q->in_call = 0;
	arm_timer(r);
	if (q->answered) {
		free(q);
		return NULL;
	}
	return q;
}

void
resolver_cancel(struct resolver_query *q)
{
	if (q != NULL)
		q->fn = NULL;
}

void
resolver_free(struct resolver *r)
{
	struct resolver_io *rio;

	if (r->channel != NULL) {
		ev_timer_stop(r->loop, &r->timer);
		/* each pending query gets ARES_EDESTRUCTION and is freed */
		ares_destroy(r->channel);
		ares_library_cleanup();
	}
	while ((rio = r->ios) != NULL) {
		r->ios = rio->next;
		ev_io_stop(r->loop, &rio->io);
		free(rio);
	}
	memset(r, 0, sizeof(*r));
}
