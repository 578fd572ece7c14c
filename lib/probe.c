/*
 * Readiness probes, whatever their kind: made from a PROBE as written,
 * started, stopped, given reaped children and output lines, described for
 * messages. What each kind does is in its own file, behind struct
 * probe_ops; nothing outside the probe files knows the kinds.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"
#include "probeexec.h"
#include "probefile.h"
#include "probelog.h"
#include "probenet.h"

/* notify: READY=1 reaches the program's own socket, which program.c reads */
static const struct probe_ops notify_ops = { .feed = PROBE_FEED_NOTIFY };

static const struct probe_ops *
ops_of(enum probe_kind kind)
{
	switch (kind) {
	case PROBE_TCP:
		return &probenet_tcp;
	case PROBE_HTTP:
		return &probenet_http;
	case PROBE_UNIX:
		return &probenet_unix;
	case PROBE_FILE:
		return &probefile_ops;
	case PROBE_EXEC:
		return &probeexec_ops;
	case PROBE_LOG:
		return &probelog_ops;
	default:
		return &notify_ops;
	}
}

struct probe *
probe_new(char *text, const char *directory, char *why, size_t len)
{
	struct probe *pr = calloc(1, sizeof(*pr));

	if (pr == NULL) {
		snprintf(why, len, "%s", strerror(errno));
		return NULL;
	}
	pr->fd = -1;
	pr->text = text;
	if (probespec_parse(text, &pr->spec, why, len) == -1) {
		free(pr);
		return NULL;
	}
	pr->ops = ops_of(pr->spec.kind);
	if (pr->ops->setup != NULL && pr->ops->setup(pr, directory, why,
	    len) == -1) {
		probe_free(pr);
		return NULL;
	}
	return pr;
}

void
probe_limit(struct probe *pr, int64_t interval_ms, int64_t try_ms)
{
	pr->interval_ms = interval_ms > 0 ? interval_ms : 0;
	pr->try_ms = try_ms > 0 ? try_ms : 0;
}

enum probe_feed
probe_feed(const struct probe *pr)
{
	return pr->ops->feed;
}

void
probe_start(struct probe *pr, struct ev_loop *loop,
    struct resolver *resolver, const struct spawn_attr *exec_attr,
    probe_ready_fn *on_ready, void *arg)
{
	pr->loop = loop;
	pr->resolver = resolver;
	pr->exec_attr = *exec_attr;
	pr->on_ready = on_ready;
	pr->arg = arg;
	probetry_init(pr);
	if (pr->ops->feed != PROBE_FEED_TRIES)
		return;
	pr->running = 1;
	probetry_attempt(pr);
}

void
probe_stop(struct probe *pr)
{
	if (pr == NULL || pr->loop == NULL)
		return;
	probetry_end(pr);
	pr->running = 0;
}

int
probe_reaped(struct probe *pr, pid_t pid, int wstatus)
{
	if (pr == NULL || pr->ops->reaped == NULL)
		return 0;
	return pr->ops->reaped(pr, pid, wstatus);
}

int
probe_log_match(struct probe *pr, const char *line, size_t len)
{
	if (pr == NULL || pr->ops->line == NULL)
		return 0;
	return pr->ops->line(pr, line, len);
}

void
probe_how_ready(const struct probe *pr, char *buf, size_t len)
{
	switch (pr->ops->feed) {
	case PROBE_FEED_NOTIFY:
		snprintf(buf, len, "READY=1");
		break;
	case PROBE_FEED_LINES:
		snprintf(buf, len, "%s, line %u", pr->text, pr->attempts);
		break;
	default:
		snprintf(buf, len, "%s, %u %s", pr->text, pr->attempts,
		    pr->attempts == 1 ? "try" : "tries");
	}
}

void
probe_why_not(const struct probe *pr, char *buf, size_t len)
{
	if (pr->ops->feed == PROBE_FEED_NOTIFY)
		snprintf(buf, len, "no READY=1 came");
	else if (pr->last_error[0] != '\0')
		snprintf(buf, len, "%s: %.150s", pr->text, pr->last_error);
	else
		snprintf(buf, len, "%s", pr->text);
}

void
probe_free(struct probe *pr)
{
	if (pr == NULL)
		return;
	probe_stop(pr);
	if (pr->ops != NULL && pr->ops->release != NULL)
		pr->ops->release(pr);
	free(pr);
}
