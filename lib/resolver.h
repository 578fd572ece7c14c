#ifndef GRPSUP_RESOLVER_H
#define GRPSUP_RESOLVER_H

#include <ev.h>
#include <stddef.h>
#include <sys/socket.h>

/*
 * Name look-ups inside the event loop, through c-ares: a probe's host is
 * looked up at every attempt, never blocking the loop, so that a name that
 * appears later (a compose service starting) works.
 */

/* Addresses one look-up gives, at most. */
#define RESOLVER_ADDRS 4

struct resolver_result {
	struct sockaddr_storage addr[RESOLVER_ADDRS];
	socklen_t addrlen[RESOLVER_ADDRS];
	size_t naddrs;
	const char *error;	/* NULL: found; else why not (static text) */
};

typedef void resolver_fn(void *arg, const struct resolver_result *r);

struct resolver_io;
struct resolver_query;

/* The channel, made on the first look-up, and its watchers. Zeroed: none. */
struct resolver {
	struct ev_loop *loop;
	void *channel;		/* ares_channel; NULL until the first look-up */
	struct resolver_io *ios;	/* one watcher per socket c-ares opened */
	ev_timer timer;		/* c-ares's next timeout */
	int failed;		/* the channel could not be made (ENOMEM ...) */
};

/*
 * resolver_lookup: look host up (port: the service, a number) for a stream
 * socket, on r's loop; fn(arg, result) is called once, perhaps before
 * resolver_lookup returns, unless resolver_cancel comes first. Returns the
 * query, for resolver_cancel, or NULL when fn was already called (a numeric
 * address, an answer at once, or a failure to start).
 */
struct resolver_query *resolver_lookup(struct resolver *r, struct ev_loop *loop,
    const char *host, const char *port, resolver_fn *fn, void *arg);

/* resolver_cancel: fn will not be called for q; NULL is no query. */
void resolver_cancel(struct resolver_query *q);

/*
 * resolver_free: end every look-up (none of their fns is called) and
 * release the channel; r is zeroed, ready for use again.
 */
void resolver_free(struct resolver *r);

#endif
