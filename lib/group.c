/*
 * The group's lifecycle. Every libev callback here, and every report of a
 * program's or the output's own watchers, is an event; this table is what
 * each one does in each state ("stop" is the move to STOPPING: every running
 * program gets its stop signal, the pending ones never start).
 *
 * event                STARTING, RUNNING        STOPPING         SWEEPING
 * -------------------  -----------------------  ---------------  ----------
 * on_child             a oneshot's 0: ready,    record the exit; when no
 *                      and when all are done,   none runs: DONE, child is
 *                      stop "finished"; any     or SWEEPING if   left: DONE
 *                      other exit: stop         children remain
 * on_program READY     start the programs that  -                -
 *                      waited for it
 * on_program STATUS    said (-v)                said (-v)        -
 * on_program           stop (124)               -                -
 *   READY_TIMEOUT
 * on_program           -                        said (the        -
 *   GRACE_EXPIRED                               program SIGKILLed
 *                                               its group)
 * on_timeout           stop (124)               -                -
 * on_stop_signal       stop                     SIGKILL to all   SIGKILL to all
 * on_forward_signal    forward                  -                -
 * on_job_signal        forward; on TSTP, stop grpsup itself: in every state
 * on_sweep_deadline    -                        -                SIGKILL to
 *                                                                leftovers
 * on_output BROKEN     stop (141 counted)       -                -
 * on_output CHANGED    -                        maybe DONE       maybe DONE
 *
 * IDLE becomes RUNNING in group_run; RUNNING is STARTING while the due
 * programs are being started (a start may make others due: one more pass).
 * DONE ends the loop.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "container.h"
#include "descend.h"
#include "group.h"
#include "notify.h"
#include "process.h"
#include "sigq.h"

static void group_stop(struct group *g, enum trigger_kind kind,
    struct program *p, int sig);
static void group_check_done(struct group *g);

/* Programs started in one turn of the loop, at most. */
#define START_BATCH 64

/* Tell the owner; what is an error's what or a STATUS= line, or NULL. */
static void
emit(struct group *g, enum group_event_kind kind, const struct program *p,
    int sig, long count, int err, const char *what)
{
	struct group_event e = { kind, p, sig, count, err, what };

	if (g->on_event != NULL)
		g->on_event(g, &e, g->event_arg);
}

static void
emit_error(struct group *g, const char *what, int err)
{
	emit(g, GE_ERROR, NULL, 0, 0, err, what);
}

static int
group_running(const struct group *g)
{
	return g->state == GROUP_STARTING || g->state == GROUP_RUNNING;
}

/* Stop signals and the rest: ask p's group to stop, and say so. */
static void
group_signal_program(struct group *g, struct program *p, int sig)
{
	if (program_signal(p, sig) == -1)
		emit_error(g, "kill", errno);
	emit(g, GE_SIGNALLED, p, sig, 0, 0, NULL);
}

/* grpsup's own manager (systemd Type=notify) hears of the group. */
static void
tell_manager(struct group *g, const char *msg)
{
	if (notify_manager_tell(&g->manager, msg) == -1)
		emit_error(g, "NOTIFY_SOCKET", errno);
}

static void
tell_manager_if_all_ready(struct group *g)
{
	size_t i;

	if (!notify_manager_wants_ready(&g->manager) || !group_running(g))
		return;
	for (i = 0; i < g->nprogs; i++)
		if (!g->progs[i].is_ready)
			return;
	tell_manager(g, "READY=1\nSTATUS=every program is ready");
}

static int
deps_ready(const struct group *g, const struct program *p)
{
	size_t i;

	for (i = 0; i < p->set->after.n; i++)
		if (!g->progs[p->deps[i]].is_ready)
			return 0;
	return 1;
}

/* Start p; a failure to start stops the group. Returns 1 when p is ready. */
static int
group_start_program(struct group *g, struct program *p)
{
	switch (program_start(p)) {
	case STARTED:
		emit(g, GE_STARTED, p, 0, 0, 0, NULL);
		return program_await_ready(p);
	case STARTED_EXEC_FAILED:
		/* the child exits by itself; its exit is recorded when reaped */
		emit(g, GE_START_FAILED, p, 0, 0, p->fail.err, NULL);
		group_stop(g, TRIGGER_EXEC, p, 0);
		return 0;
	default:	/* the child, if any, exits by itself */
		g->start_failed = 1;
		emit(g, GE_START_FAILED, p, 0, 0, p->fail.err, NULL);
		group_stop(g, TRIGGER_START, p, 0);
		return 0;
	}
}

static void group_program_ready(struct group *g, struct program *p);

/*
 * Start, in the group's order, the pending programs whose dependencies are
 * ready, a batch at a time: between batches the loop acts on what came
 * meanwhile (an exit, a signal), so that a trigger never waits for a long
 * start. While a batch started something, another pass follows (a program
 * ready at once lets later ones start); one that becomes ready while the
 * group is STARTING is seen by that pass.
 */
static void
group_start_due(struct group *g)
{
	size_t i, started = 0;

	if (g->state == GROUP_STARTING)
		ev_timer_start(g->host.loop, &g->start_w);
	if (g->state != GROUP_RUNNING)
		return;
	g->state = GROUP_STARTING;
	for (i = 0; i < g->nprogs && g->state == GROUP_STARTING &&
	    started < START_BATCH; i++) {
		struct program *p = &g->progs[i];

		if (p->state != PROGRAM_PENDING || !deps_ready(g, p))
			continue;
		started++;
		if (group_start_program(g, p))
			group_program_ready(g, p);
	}
	if (g->state != GROUP_STARTING)
		return;
	if (started > 0)
		ev_timer_start(g->host.loop, &g->start_w);	/* 0 s: next turn */
	else
		g->state = GROUP_RUNNING;
}

/* Its dependents may start now; so may grpsup's manager hear of it. */
static void
group_program_ready(struct group *g, struct program *p)
{
	if (!program_mark_ready(p))
		return;
	emit(g, GE_READY, p, 0, 0, 0, NULL);
	group_start_due(g);
	tell_manager_if_all_ready(g);
}

/* Nothing runs and nothing waits (oneshots all done): the group is over. */
static void
group_finish_if_idle(struct group *g)
{
	size_t i;

	for (i = 0; i < g->nprogs; i++)
		if (g->progs[i].state != PROGRAM_DONE)
			return;
	group_stop(g, TRIGGER_DONE, NULL, 0);
}

/*
 * What a program is asked to stop with: SIGINT and SIGQUIT received by
 * grpsup go on as they are (Ctrl-C in a shell), any other trigger gets the
 * program's own stop signal, def.
 */
static int
stop_signal_for(const struct group *g, int def)
{
	if (g->trigger.kind == TRIGGER_SIGNAL && (g->trigger.sig == SIGINT ||
	    g->trigger.sig == SIGQUIT))
		return g->trigger.sig;
	return def;
}

/*
 * RUNNING to STOPPING, once, on the first trigger: every running program is
 * asked to stop, the pending ones never start.
 */
static void
group_stop(struct group *g, enum trigger_kind kind, struct program *p, int sig)
{
	size_t i;

	if (!group_running(g))
		return;
	g->state = GROUP_STOPPING;
	g->trigger.kind = kind;
	g->trigger.prog = p;
	g->trigger.sig = sig;
	ev_timer_stop(g->host.loop, &g->timeout_w);
	tell_manager(g, "STOPPING=1");
	emit(g, GE_STOPPING, p, sig, 0, 0, NULL);
	for (i = 0; i < g->nprogs; i++) {
		struct program *q = &g->progs[i];

		program_unwatch(q);
		if (q->state == PROGRAM_PENDING) {
			q->state = PROGRAM_DONE;
			q->end = END_NOT_STARTED;
		} else if (q->state == PROGRAM_RUNNING &&
		    q->fail.step == SPAWN_OK) {
			group_signal_program(g, q, stop_signal_for(g,
			    q->set->stop_signal));
		}
	}
}

/* A second stop signal: SIGKILL to every program and descendant. */
static void
group_kill_all(struct group *g)
{
	size_t i;
	long n;

	for (i = 0; i < g->nprogs; i++)
		if (g->progs[i].state == PROGRAM_RUNNING)
			program_kill(&g->progs[i], KILL_ALL);
	n = descendants_signal(g->self, SIGKILL, NULL, 0);
	emit(g, GE_KILL_ALL, NULL, SIGKILL, n, 0, NULL);
}

/*
 * STOPPING to SWEEPING: the programs are down but descendants remain. Those
 * that escaped the programs' process groups never got the stop signal, so
 * send it now, and SIGKILL whatever is left when the group grace has passed.
 */
static void
group_sweep(struct group *g)
{
	int sig = stop_signal_for(g, g->stop_signal);
	size_t i, n = 0;
	pid_t *skip;
	long count;

	g->state = GROUP_SWEEPING;
	/* without the list, some would only get a second stop signal */
	if ((skip = calloc(g->nprogs + 1, sizeof(*skip))) != NULL)
		for (i = 0; i < g->nprogs; i++)
			if (g->progs[i].sent_signal != 0)
				skip[n++] = g->progs[i].pid;
	count = descendants_signal(g->self, sig, skip, n);
	free(skip);
	if (count == -1)
		emit_error(g, "read /proc", errno);
	else if (count > 0)
		emit(g, GE_ORPHANS, NULL, sig, count, 0, NULL);
	ev_now_update(g->host.loop);
	ev_timer_set(&g->sweep_w, (double)g->grace_ms / 1000.0, 0.);
	ev_timer_start(g->host.loop, &g->sweep_w);
}

/* STOPPING or SWEEPING to DONE once nothing runs and all output is out. */
static void
group_check_done(struct group *g)
{
	size_t i;

	if (g->state != GROUP_STOPPING && g->state != GROUP_SWEEPING)
		return;
	for (i = 0; i < g->nprogs; i++)
		if (g->progs[i].state == PROGRAM_RUNNING)
			return;
	if (process_has_children()) {
		if (g->state == GROUP_STOPPING)
			group_sweep(g);
		return;
	}
	if (!output_idle(&g->out))
		return;
	g->state = GROUP_DONE;
	ev_break(g->host.loop, EVBREAK_ALL);
}

static void
group_program_ended(struct group *g, struct program *p, int wstatus)
{
	program_ended(p, wstatus, !group_running(g));
	g->exits[g->nexits++] = p;
	emit(g, GE_EXITED, p, 0, 0, 0, NULL);
	if (!group_running(g))
		return;
	if (program_succeeded_task(p)) {
		group_program_ready(g, p);
		group_finish_if_idle(g);
	} else {
		group_stop(g, TRIGGER_EXIT, p, 0);
	}
}

static struct program *
group_find(struct group *g, pid_t pid)
{
	size_t i;

	for (i = 0; i < g->nprogs; i++)
		if (g->progs[i].pid == pid &&
		    g->progs[i].state == PROGRAM_RUNNING)
			return &g->progs[i];
	return NULL;
}

/* Job control: sig to every running program's process group. */
static void
pass_on(struct group *g, int sig)
{
	size_t i;

	for (i = 0; i < g->nprogs; i++)
		if (g->progs[i].state == PROGRAM_RUNNING)
			(void)kill(-g->progs[i].pid, sig);
	emit(g, GE_FORWARDED, NULL, sig, 0, 0, NULL);
}

/*
 * sig to each running program that takes it (program_takes); a terminal's
 * resize only to the programs that write to grpsup's terminal (raw).
 */
static void
forward(struct group *g, int sig)
{
	size_t i;

	for (i = 0; i < g->nprogs; i++) {
		struct program *p = &g->progs[i];
		int to;

		if (p->state != PROGRAM_RUNNING)
			continue;
		to = sig == SIGWINCH ? g->on_tty && p->set->output == OUTPUT_RAW :
		    program_takes(p, sig);
		if (to)
			(void)kill(-p->pid, sig);
		emit(g, to ? GE_FORWARDED : GE_NOT_FORWARDED, p, sig, 0, 0,
		    NULL);
	}
}

/* Events: each libev callback, as the table at the top says. */

/* libev reaps every child, adopted orphans too: one watcher for all pids. */
static void
on_child(struct ev_loop *loop, ev_child *w, int revents)
{
	struct group *g = container_of(w, struct group, child_w);
	struct program *p = group_find(g, w->rpid);
	size_t i;

	(void)loop;
	(void)revents;
	if (p != NULL)
		group_program_ended(g, p, w->rstatus);
	else
		for (i = 0; i < g->nprogs; i++)
			if (probe_reaped(g->progs[i].probe, w->rpid,
			    w->rstatus))
				break;
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
		emit(g, GE_STATUS, p, 0, 0, 0, text);
		return;
	case PROGRAM_READY_TIMEOUT:
		group_stop(g, TRIGGER_READY_TIMEOUT, p, 0);
		return;
	case PROGRAM_GRACE_EXPIRED:
		emit(g, GE_GRACE_EXPIRED, p, SIGKILL, 0, 0, NULL);
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
on_sweep_deadline(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct group *g = container_of(w, struct group, sweep_w);
	long n;

	(void)loop;
	(void)revents;
	n = descendants_signal(g->self, SIGKILL, NULL, 0);
	if (n == -1)
		emit_error(g, "read /proc", errno);
	else if (n > 0)
		emit(g, GE_ORPHANS_KILLED, NULL, SIGKILL, n, 0, NULL);
}

static void
on_output(enum output_event ev, const char *what, int err, void *arg)
{
	struct group *g = arg;

	switch (ev) {
	case OUTPUT_BROKEN:
		if (g->epipe_at != (size_t)-1 || !group_running(g))
			return;
		g->epipe_at = g->nexits;
		group_stop(g, TRIGGER_EPIPE, NULL, 0);
		return;
	case OUTPUT_ERROR:
		emit_error(g, what, err);
		return;
	case OUTPUT_CHANGED:
		group_check_done(g);
		return;
	}
}

/*
 * What a signal received asks (grpsup(1), SIGNALS): a stop, a hangup of the
 * terminal, job control, or a signal to pass on to the programs that take
 * it. The same signal from the same sender within a second counts once.
 */
static void
group_signal(struct group *g, const struct sigq_event *e)
{
	if (sigq_repeated(&g->signals, e))
		return;
	switch (sigq_role(e->sig)) {
	case ROLE_HANGUP:
		/* the kernel's HUP to a grpsup with a terminal: it hung up */
		if (e->code != SI_KERNEL || !g->has_tty || !group_running(g))
			break;
		/* FALLTHROUGH */
	case ROLE_STOP:
		if (group_running(g))
			group_stop(g, TRIGGER_SIGNAL, NULL, e->sig);
		else if (g->state != GROUP_DONE)
			group_kill_all(g);
		return;
	case ROLE_JOB_STOP:
		/*
		 * Ctrl-Z stops the terminal's foreground process group:
		 * grpsup's, which the programs are not in. So grpsup passes it
		 * on and stops itself, as the default action would have; as
		 * PID 1 the kernel would ignore that SIGSTOP.
		 */
		pass_on(g, e->sig);
		if (g->self != 1)
			(void)raise(SIGSTOP);
		return;
	case ROLE_CONTINUE:
		pass_on(g, e->sig);
		return;
	default:
		break;
	}
	forward(g, e->sig);
}

static void
on_signals(struct ev_loop *loop, ev_io *w, int revents)
{
	struct group *g = container_of(w, struct group, signal_w);
	struct sigq_event e;

	(void)loop;
	(void)revents;
	while (sigq_read(&e))
		group_signal(g, &e);
}

static void
on_start_due(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct group *g = container_of(w, struct group, start_w);

	(void)loop;
	(void)revents;
	if (g->state != GROUP_STARTING)
		return;
	g->state = GROUP_RUNNING;
	group_start_due(g);
}

/* Set-up and run. */

static void
watch_events(struct group *g, int fd)
{
	ev_child_init(&g->child_w, on_child, 0, 0);
	ev_child_start(g->host.loop, &g->child_w);
	ev_io_init(&g->signal_w, on_signals, fd, EV_READ);
	ev_io_start(g->host.loop, &g->signal_w);
	spawn_changed_signals(&g->changed);	/* every handler is in place */
	ev_init(&g->timeout_w, on_timeout);
	ev_init(&g->sweep_w, on_sweep_deadline);
	ev_init(&g->start_w, on_start_due);
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
	for (i = 0; i < g->nprogs; i++) {
		ev_timer_stop(loop, &g->progs[i].grace_timer);
		program_unwatch(&g->progs[i]);
	}
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
	if (process_raise_nofile(&g->nofile))
		g->host.nofile = &g->nofile;
	g->host.changed = &g->changed;
	g->host.devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (g->host.devnull == -1)
		return -1;
	if (notify_manager_open(&g->manager) == -1)
		emit_error(g, "NOTIFY_SOCKET", errno);
	g->host.loop = ev_default_loop(EVFLAG_NOENV);
	if (g->host.loop == NULL) {
		errno = ENOMEM;
		return -1;
	}
	for (i = 0; i < g->nprogs; i++) {
		/* notify sockets only for a run: --check opens none */
		if (program_open_notify(&g->progs[i]) == -1)
			return -1;
		output_add(&g->out, &g->progs[i].output, g->settings[i].name,
		    g->settings[i].output);
	}
	return output_setup(&g->out, g->host.loop, on_output, g);
}

int
group_run(struct group *g)
{
	int fd;

	if ((fd = sigq_open()) == -1 || group_prepare(g) == -1 ||
	    group_setup_process(g) == -1)
		return -1;
	watch_events(g, fd);
	if (g->timeout_ms > 0) {
		ev_now_update(g->host.loop);	/* parsing took time */
		ev_timer_set(&g->timeout_w, (double)g->timeout_ms / 1000.0, 0.);
		ev_timer_start(g->host.loop, &g->timeout_w);
	}
	g->state = GROUP_RUNNING;
	/* signals that came while grpsup read its files act before a start */
	on_signals(g->host.loop, &g->signal_w, EV_READ);
	group_start_due(g);
	group_check_done(g);	/* nothing may have started at all */
	if (g->state != GROUP_DONE)
		ev_run(g->host.loop, 0);
	unwatch_all(g);
	return 0;
}
