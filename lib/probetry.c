/*
 * A probe's attempts: one at a time, each with its deadline, a pause that
 * doubles between them, and the end of whatever an attempt left running.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "container.h"
#include "probetry.h"

static void
close_socket(struct probe *pr)
{
	if (pr->fd < 0)
		return;
	ev_io_stop(pr->loop, &pr->io);
	close(pr->fd);
	pr->fd = -1;
}

void
probetry_end(struct probe *pr)
{
	resolver_cancel(pr->query);
	pr->query = NULL;
	close_socket(pr);
	ev_timer_stop(pr->loop, &pr->timer);
	if (pr->pid > 0)
		(void)kill(-pr->pid, SIGKILL);
	pr->pid = 0;
}

void
probetry_succeed(struct probe *pr)
{
	probetry_end(pr);
	pr->running = 0;
	pr->on_ready(pr->arg);
}

void
probetry_retry(struct probe *pr, const char *why)
{
	probetry_end(pr);
	snprintf(pr->last_error, sizeof(pr->last_error), "%s", why);
	pr->waiting = 1;
	ev_timer_set(&pr->timer, (double)pr->delay_ms / 1000.0, 0.);
	ev_timer_start(pr->loop, &pr->timer);
	if (pr->delay_ms < pr->interval_ms)
		pr->delay_ms = pr->delay_ms * 2 < pr->interval_ms ?
		    pr->delay_ms * 2 : pr->interval_ms;
}

void
probetry_retry_errno(struct probe *pr, const char *what, int err)
{
	char why[sizeof(pr->last_error)];

	snprintf(why, sizeof(why), "%s: %s", what, strerror(err));
	probetry_retry(pr, why);
}

void
probetry_deadline(struct probe *pr, int ms)
{
	pr->waiting = 0;
	ev_timer_set(&pr->timer, (double)(pr->try_ms > 0 ? pr->try_ms : ms) /
	    1000.0, 0.);
	ev_timer_start(pr->loop, &pr->timer);
}

void
probetry_attempt(struct probe *pr)
{
	pr->attempts++;
	if (pr->ops->attempt != NULL)
		pr->ops->attempt(pr);
}

/* The pause is over, or the attempt's deadline passed. */
static void
on_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct probe *pr = container_of(w, struct probe, timer);

	(void)loop;
	(void)revents;
	if (pr->waiting)
		probetry_attempt(pr);
	else if (pr->ops->expired != NULL)
		pr->ops->expired(pr);
	else
		probetry_retry(pr, "no answer in time");
}

void
probetry_init(struct probe *pr)
{
	if (pr->interval_ms <= 0)
		pr->interval_ms = PROBE_RETRY_MAX_MS;
	pr->delay_ms = PROBE_RETRY_FIRST_MS < pr->interval_ms ?
	    PROBE_RETRY_FIRST_MS : pr->interval_ms;
	ev_init(&pr->timer, on_timer);
}

int
probetry_path(struct probe *pr, const char *directory, char *why,
    size_t len)
{
	if (pr->spec.path[0] == '/' || directory == NULL)
		pr->file = strdup(pr->spec.path);
	else if (asprintf(&pr->file, "%s/%s", directory, pr->spec.path) == -1)
		pr->file = NULL;
	if (pr->file != NULL)
		return 0;
	snprintf(why, len, "%s", strerror(errno));
	return -1;
}

void
probetry_path_free(struct probe *pr)
{
	free(pr->file);
	pr->file = NULL;
}
