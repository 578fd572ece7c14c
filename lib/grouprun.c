/*
 * grouprun: the event loop, its watchers, and their callbacks, each of
 * which turns a libev event into a transition of the lifecycle (group.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "container.h"
#include "descend.h"
#include "group.h"
#include "grouplife.h"
#include "process.h"
#include "sigq.h"
#include "verdict.h"

/* libev reaps every child, adopted orphans too: one watcher for all pids. */
/* The running program whose main process is pid, or NULL. */
static struct program *
running_program(struct group *g, pid_t pid)
{
	size_t i;

	for (i = 0; i < g->nprogs; i++)
		if (g->progs[i].pid == pid &&
		    g->progs[i].state == PROGRAM_RUNNING)
			return &g->progs[i];
	return NULL;
}

static void
on_child(struct ev_loop *loop, ev_child *w, int revents)
{
	struct group *g = container_of(w, struct group, child_w);
	struct program *p = running_program(g, w->rpid);
	size_t i;

	(void)loop;
	(void)revents;
	if (WIFSTOPPED(w->rstatus) || WIFCONTINUED(w->rstatus)) {
		if (p != NULL && WIFSTOPPED(w->rstatus))
			groupsig_paused(g, p, WSTOPSIG(w->rstatus));
		return;
	}
	if (p != NULL) {
		group_program_ended(g, p, w->rstatus);
	} else {
		for (i = 0; i < g->nprogs; i++)
			if (probe_reaped(g->progs[i].probe, w->rpid,
			    w->rstatus))
				break;
		if (i == g->nprogs)
			group_other_reaped(g);
	}
	group_check_done(g);
}

static void
on_program(struct program *p, enum program_event ev, const char *text,
    void *arg)
{
	struct group *g = arg;

	switch (ev) {
	case PROGRAM_READY:
		group_program_ready(g, p);
		return;
	case PROGRAM_STATUS:
		group_emit(g, GE_STATUS, p, 0, 0, 0, text);
		return;
	case PROGRAM_READY_TIMEOUT:
		group_stop(g, TRIGGER_READY_TIMEOUT, p, 0);
		return;
	case PROGRAM_GRACE_EXPIRED:
		group_emit(g, GE_GRACE_EXPIRED, p, SIGKILL, 0, 0, NULL);
		group_stop_due(g);	/* killed at its grace: it holds none */
		return;
	}
}

static void
on_timeout(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	group_stop(container_of(w, struct group, timeout_w), TRIGGER_TIMEOUT,
	    NULL, 0);
}

static void
on_drain_deadline(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	group_abandon_output(container_of(w, struct group, drain_w));
}

static void
on_sweep_deadline(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	group_kill_leftovers(container_of(w, struct group, sweep_w));
}

/*
 * grpsup's output failed: a failure at this point of the exits, with status
 * (the first failure of the output counts), and a stop trigger while the
 * group runs. A write error other than EPIPE is said, once.
 */
static void
output_failed(struct group *g, int status, enum trigger_kind kind,
    const char *what, int err)
{
	if (g->output_failed_at != (size_t)-1)
		return;
	g->output_failed_at = g->nexits;
	g->output_failed_status = status;
	if (!group_running(g)) {
		if (kind == TRIGGER_OUTPUT_ERROR)
			group_emit(g, GE_OUTPUT_FAILED, NULL, 0, 0, err, what);
		return;
	}
	g->trigger.what = what;
	g->trigger.err = err;
	group_stop(g, kind, NULL, 0);
}

/*
 * Bytes of output were lost for want of memory: a failure of grpsup's
 * output (status 1, the first failure of the output counts), said; the
 * group goes on, as it does for a slow reader.
 */
static void
output_lost_bytes(struct group *g, const char *what)
{
	if (g->output_failed_at == (size_t)-1) {
		g->output_failed_at = g->nexits;
		g->output_failed_status = 1;
	}
	group_emit(g, GE_OUTPUT_FAILED, NULL, 0, 0, ENOMEM, what);
}

static void
on_output(enum output_event ev, const char *what, int err, void *arg)
{
	struct group *g = arg;

	switch (ev) {
	case OUTPUT_BROKEN:
		output_failed(g, STATUS_EPIPE, TRIGGER_EPIPE, NULL, EPIPE);
		return;
	case OUTPUT_WRITE_ERROR:
		output_failed(g, 1, TRIGGER_OUTPUT_ERROR, what, err);
		return;
	case OUTPUT_HANGUP:
		group_stop(g, TRIGGER_HANGUP, NULL, SIGHUP);
		return;
	case OUTPUT_ERROR:
		group_emit_error(g, what, err);
		return;
	case OUTPUT_LOST:
		output_lost_bytes(g, what);
		return;
	case OUTPUT_CHANGED:
		group_check_done(g);
		return;
	}
}

static void
on_signals(struct ev_loop *loop, ev_io *w, int revents)
{
	struct group *g = container_of(w, struct group, signal_w);
	struct sigq_event e[32];
	size_t n, i;

	(void)loop;
	(void)revents;
	/* a batch, so that a stop can see the SIGCONT that came after it */
	do {
		for (n = 0; n < 32 && sigq_read(&e[n]); n++)
			;
		for (i = 0; i < n; i++)
			groupsig_received(g, &e[i], sigq_continued(e + i + 1,
			    n - i - 1));
	} while (n == 32);
}

static void
on_start_due(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct group *g = container_of(w, struct group, start_w);

	(void)loop;
	(void)revents;
	group_post(g, LIFE_TURN);
}

static void
watch_events(struct group *g, int fd)
{
	ev_child_init(&g->child_w, on_child, 0, 1);	/* stops too */
	ev_child_start(g->host.loop, &g->child_w);
	ev_io_init(&g->signal_w, on_signals, fd, EV_READ);
	ev_io_start(g->host.loop, &g->signal_w);
	spawn_changed_signals(&g->changed);	/* every handler is in place */
	ev_init(&g->timeout_w, on_timeout);
	ev_init(&g->sweep_w, on_sweep_deadline);
	ev_init(&g->drain_w, on_drain_deadline);
	ev_timer_init(&g->start_w, on_start_due, 0., 0.);	/* next turn */
	g->host.on_event = on_program;
	g->host.event_arg = g;
}

static void
unwatch_all(struct group *g)
{
	struct ev_loop *loop = g->host.loop;
	size_t i;

	ev_io_stop(loop, &g->signal_w);
	ev_child_stop(loop, &g->child_w);
	ev_timer_stop(loop, &g->start_w);
	ev_timer_stop(loop, &g->timeout_w);
	ev_timer_stop(loop, &g->sweep_w);
	ev_timer_stop(loop, &g->drain_w);
	for (i = 0; i < g->nprogs; i++) {
		ev_timer_stop(loop, &g->progs[i].grace_timer);
		program_unwatch(&g->progs[i]);
	}
}

static size_t
raw_programs(const struct group *g)
{
	size_t i, n = 0;

	for (i = 0; i < g->nprogs; i++)
		n += g->settings[i].output == OUTPUT_RAW;
	return n;
}

/* Why the run could not begin: what, and errno's word for it. Returns -1. */
static int
setup_failed(struct group *g, const char *what)
{
	snprintf(g->error, sizeof(g->error), "cannot start the group: %s: %s",
	    what, strerror(errno));
	return -1;
}

/*
 * The process, the loop and the output, for a run. Orphans must come to
 * grpsup (subreaper); the rest is in process_setup.
 */
static int
group_setup_process(struct group *g)
{
	size_t i;

	process_setup();
	g->self = getpid();
	g->has_tty = process_has_terminal();
	g->on_tty = isatty(STDOUT_FILENO) || isatty(STDERR_FILENO);
	g->host.tty_fd = raw_programs(g) == 1 ? process_terminal_fd() : -1;
	if (process_raise_nofile(&g->nofile))
		g->host.nofile = &g->nofile;
	g->host.changed = &g->changed;
	g->host.devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (g->host.devnull == -1)
		return setup_failed(g, "/dev/null");
	if (notify_manager_open(&g->manager) == -1)
		group_emit_error(g, "NOTIFY_SOCKET", errno);
	g->host.loop = ev_default_loop(EVFLAG_NOENV);
	if (g->host.loop == NULL) {
		errno = ENOMEM;
		return setup_failed(g, "the event loop");
	}
	for (i = 0; i < g->nprogs; i++) {
		/* notify sockets only for a run: --check opens none */
		if (program_open_notify(&g->progs[i]) == -1)
			return setup_failed(g, "a notify socket");
		output_add(&g->out, &g->progs[i].output, g->settings[i].name,
		    g->settings[i].output);
	}
	if (output_setup(&g->out, g->host.loop, on_output, g) == -1)
		return setup_failed(g, "the output (/dev/null, labels)");
	return 0;
}

int
grouprun(struct group *g)
{
	int fd;

	if ((fd = sigq_open()) == -1 || groupprep_prepare(g) == -1 ||
	    group_setup_process(g) == -1)
		return -1;
	watch_events(g, fd);
	if (g->timeout_ms > 0) {
		ev_now_update(g->host.loop);	/* parsing took time */
		ev_timer_set(&g->timeout_w, (double)g->timeout_ms / 1000.0, 0.);
		ev_timer_start(g->host.loop, &g->timeout_w);
	}
	group_post(g, LIFE_RUN);
	/* signals that came while grpsup read its files act before a start */
	on_signals(g->host.loop, &g->signal_w, EV_READ);
	group_start_due(g);
	group_check_done(g);	/* nothing may have started at all */
	if (g->state != GROUP_DONE)
		ev_run(g->host.loop, 0);
	unwatch_all(g);
	return 0;
}
