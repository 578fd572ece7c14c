/*
 * The group's lifecycle: its states and the transitions between them.
 * grouprun.c turns each libev event into one of the transitions here (or,
 * for signals and job control, in groupsig.c); this table is what each
 * event does in each state ("stop" is the move to
 * STOPPING: every running program with no running dependent gets its stop
 * signal, the others once their dependents have ended; the pending ones
 * never start).
 *
 * event                  STARTING, RUNNING        STOPPING        SWEEPING
 * ---------------------  -----------------------  --------------  ----------
 * a program exits        a oneshot's 0: ready,    record the      when no
 *   (group_program_      and when all are done,   exit; none      child is
 *   ended)               stop "finished"; any     runs: DONE, or  left: DONE
 *                        other exit: stop         SWEEPING while
 *                                                 children remain
 * a program stops        said; the one that leads the terminal stops the
 *   (..._paused)         group as one job: in every state
 * a program is ready     start the programs       -               -
 *   (probe, READY=1)     that waited for it
 * ready-timeout          stop (124)               -               -
 * a program's grace      -                        it SIGKILLs its -
 *   passes                                        group; said
 * --timeout passes       stop (124)               -               -
 * a program's dependents -                       its stop        -
 *   have all ended                                signal (stop
 *                                                 order: reverse
 *                                                 start order)
 * TERM INT QUIT PWR,     stop                     SIGKILL to all  SIGKILL
 *   a terminal's HUP                                              to all
 * TSTP TTIN TTOU, CONT   passed on to every program; TSTP... stop grpsup
 * any other signal       to the programs that take it (program_forward)
 * the sweep's grace      -                        -               SIGKILL to
 *   passes                                                        leftovers
 * output lost its reader stop (141 counted)       -               -
 * output drained         -                        maybe DONE      maybe DONE
 *
 * IDLE becomes RUNNING in grouprun; RUNNING is STARTING while the due
 * programs are being started, a batch a turn of the loop (group_start_due).
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

#include "descend.h"
#include "group.h"
#include "grouplife.h"
#include "notify.h"
#include "process.h"
#include "sigq.h"

static void group_done(struct group *g);

/* Tell the owner; what is an error's what or a STATUS= line, or NULL. */
void
group_emit(struct group *g, enum group_event_kind kind, const struct program *p,
    int sig, long count, int err, const char *what)
{
	struct group_event e = { kind, p, sig, count, err, what };

	if (g->on_event != NULL)
		g->on_event(g, &e, g->event_arg);
}

void
group_emit_error(struct group *g, const char *what, int err)
{
	group_emit(g, GE_ERROR, NULL, 0, 0, err, what);
}

int
group_running(const struct group *g)
{
	return g->state == GROUP_STARTING || g->state == GROUP_RUNNING;
}

/* Stop signals and the rest: ask p's group to stop, and say so. */
static void
group_signal_program(struct group *g, struct program *p, int sig)
{
	if (program_signal(p, sig) == -1)
		group_emit_error(g, "kill", errno);
	group_emit(g, GE_SIGNALLED, p, sig, 0, 0, NULL);
}

/* grpsup's own manager (systemd Type=notify) hears of the group. */
static void
tell_manager(struct group *g, const char *msg)
{
	if (notify_manager_tell(&g->manager, msg) == -1)
		group_emit_error(g, "NOTIFY_SOCKET", errno);
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
		group_emit(g, GE_STARTED, p, 0, 0, 0, NULL);
		return program_await_ready(p);
	case STARTED_EXEC_FAILED:
		/* the child exits by itself; its exit is recorded when reaped */
		group_emit(g, GE_START_FAILED, p, 0, 0, p->fail.err, NULL);
		group_stop(g, TRIGGER_EXEC, p, 0);
		return 0;
	default:	/* the child, if any, exits by itself */
		g->start_failed = 1;
		group_emit(g, GE_START_FAILED, p, 0, 0, p->fail.err, NULL);
		group_stop(g, TRIGGER_START, p, 0);
		return 0;
	}
}

/*
 * Start, in the group's order, the pending programs whose dependencies are
 * ready, a batch at a time: between batches the loop acts on what came
 * meanwhile (an exit, a signal), so that a trigger never waits for a long
 * start. While a batch started something, another pass follows (a program
 * ready at once lets later ones start); one that becomes ready while the
 * group is STARTING is seen by that pass.
 */
void
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
void
group_program_ready(struct group *g, struct program *p)
{
	if (!program_mark_ready(p))
		return;
	group_emit(g, GE_READY, p, 0, 0, 0, NULL);
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
void
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
	group_emit(g, GE_STOPPING, p, sig, 0, 0, NULL);
	for (i = 0; i < g->nprogs; i++) {
		struct program *q = &g->progs[i];

		program_unwatch(q);
		if (q->state == PROGRAM_PENDING) {
			q->state = PROGRAM_DONE;
			q->end = END_NOT_STARTED;
		}
	}
	group_stop_due(g);
}

/* A dependent of q that still runs, and was not killed at its grace. */
static const struct program *
stop_holder(const struct group *g, const struct program *q)
{
	size_t i, j;

	for (i = 0; i < g->nprogs; i++) {
		const struct program *d = &g->progs[i];

		if (!program_alive(d) || d->killed != KILL_NONE)
			continue;
		for (j = 0; j < d->set->after.n; j++)
			if (&g->progs[d->deps[j]] == q)
				return d;
	}
	return NULL;
}

/*
 * The reverse of the start order, as docker compose stops services: a
 * running program is asked to stop once no program that depends on it runs
 * (or each was killed at its grace), so that a web server ends its requests
 * before the database it uses stops. Those with no dependents go at once;
 * each call that asks some program to stop is one more wave.
 */
void
group_stop_due(struct group *g)
{
	const struct program *holder;
	int wave = g->stop_waves + 1;
	size_t i;

	if (g->state != GROUP_STOPPING || g->killed_all)
		return;
	for (i = 0; i < g->nprogs; i++) {
		struct program *q = &g->progs[i];

		if (!program_alive(q) || q->fail.step != SPAWN_OK ||
		    q->stop_wave != 0)
			continue;
		if ((holder = stop_holder(g, q)) != NULL) {
			if (!q->stop_waited)
				group_emit(g, GE_STOP_WAITS, q, 0, 0, 0,
				    holder->set->name);
			q->stop_waited = 1;
			continue;
		}
		q->stop_wave = g->stop_waves = wave;
		q->stop_at = ev_time();
		group_signal_program(g, q, stop_signal_for(g,
		    q->set->stop_signal));
	}
}

void
group_kill_all(struct group *g)
{
	size_t i;
	long n;

	g->killed_all = 1;	/* the stop order is over */
	for (i = 0; i < g->nprogs; i++)
		if (program_alive(&g->progs[i]))
			program_kill(&g->progs[i], KILL_ALL);
	n = descend_signal(g->self, SIGKILL, NULL, 0);
	group_emit(g, GE_KILL_ALL, NULL, SIGKILL, n, 0, NULL);
}

/*
 * sig to the leftover descendants, found through /proc. Without a readable
 * /proc they cannot be listed: as PID 1, kill(-1) reaches every process of
 * the namespace but grpsup; otherwise that children remain is said once,
 * and the sweep ends at its grace (never a silent hang). Returns how many
 * were signalled, or 0 when that cannot be known.
 */
static long
leftovers_signal(struct group *g, int sig, const pid_t *skip, size_t n)
{
	long count = descend_signal(g->self, sig, skip, n);

	if (count != -1)
		return count;
	if (!g->unlisted)
		group_emit(g, GE_ORPHANS_UNLISTED, NULL, sig, 0, errno, NULL);
	g->unlisted = 1;
	if (g->self == 1)
		(void)kill(-1, sig);
	return 0;
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
	count = leftovers_signal(g, sig, skip, n);
	free(skip);
	if (count > 0)
		group_emit(g, GE_ORPHANS, NULL, sig, count, 0, NULL);
	ev_now_update(g->host.loop);
	ev_timer_set(&g->sweep_w, (double)g->grace_ms / 1000.0, 0.);
	ev_timer_start(g->host.loop, &g->sweep_w);
}

/* SIGKILL to every descendant; said when there were any. */
static void
kill_descendants(struct group *g)
{
	long n = leftovers_signal(g, SIGKILL, NULL, 0);

	if (n > 0)
		group_emit(g, GE_ORPHANS_KILLED, NULL, SIGKILL, n, 0, NULL);
}

void
group_kill_leftovers(struct group *g)
{
	if (g->state != GROUP_SWEEPING && g->state != GROUP_KILLING)
		return;
	g->state = GROUP_KILLING;
	kill_descendants(g);
	/* unlisted leftovers, not PID 1: end at the sweep's grace, said */
	if (g->unlisted && g->self != 1)
		group_done(g);
}

void
group_other_reaped(struct group *g)
{
	size_t i;
	int drained = 0;

	for (i = 0; i < g->nprogs; i++)
		drained |= program_drained(&g->progs[i]);
	/* a task whose last process just ended may have been the last */
	if (drained && group_running(g))
		group_finish_if_idle(g);
	/*
	 * A leftover that forked just before its SIGKILL left a new pid: look
	 * again, once for all the reaps of this turn of the loop.
	 */
	if (g->state == GROUP_KILLING && !ev_is_active(&g->sweep_w)) {
		ev_timer_set(&g->sweep_w, 0., 0.);
		ev_timer_start(g->host.loop, &g->sweep_w);
	}
}

void
group_check_done(struct group *g)
{
	size_t i;

	if (g->state != GROUP_STOPPING && g->state != GROUP_SWEEPING &&
	    g->state != GROUP_KILLING)
		return;
	group_stop_due(g);	/* an end may let a dependency stop */
	for (i = 0; i < g->nprogs; i++)
		if (program_alive(&g->progs[i]))
			return;
	if (process_has_children()) {
		if (g->state == GROUP_STOPPING)
			group_sweep(g);
		return;
	}
	if (!output_idle(&g->out)) {
		/* a reader that takes nothing cannot keep grpsup for ever */
		if (!ev_is_active(&g->drain_w)) {
			ev_now_update(g->host.loop);
			ev_timer_set(&g->drain_w, (double)g->grace_ms / 1000.0,
			    0.);
			ev_timer_start(g->host.loop, &g->drain_w);
		}
		return;
	}
	group_done(g);
}

/* DONE: the loop ends. */
static void
group_done(struct group *g)
{
	ev_timer_stop(g->host.loop, &g->drain_w);
	g->undelivered += output_lost(&g->out);
	g->state = GROUP_DONE;
	ev_break(g->host.loop, EVBREAK_ALL);
}

void
group_abandon_output(struct group *g)
{
	if (g->state == GROUP_DONE)
		return;
	g->undelivered += output_abandon(&g->out);
	group_emit(g, GE_UNDELIVERED, NULL, 0, (long)g->undelivered, 0, NULL);
	group_check_done(g);
}

void
group_program_ended(struct group *g, struct program *p, int wstatus)
{
	if (program_leads_terminal(p))
		process_give_terminal(g->host.tty_fd, getpgrp());
	program_ended(p, wstatus, !group_running(g));
	g->exits[g->nexits++] = p;
	group_emit(g, GE_EXITED, p, 0, 0, 0, NULL);
	if (!group_running(g))
		return;
	if (program_succeeded_task(p)) {
		group_program_ready(g, p);
		group_finish_if_idle(g);
	} else {
		group_stop(g, TRIGGER_EXIT, p, 0);
	}
}

struct program *
group_find(struct group *g, pid_t pid)
{
	size_t i;

	for (i = 0; i < g->nprogs; i++)
		if (g->progs[i].pid == pid &&
		    g->progs[i].state == PROGRAM_RUNNING)
			return &g->progs[i];
	return NULL;
}
