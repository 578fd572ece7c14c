/*
 * The group's lifecycle carried out: the table of lifecycle.c says, for
 * each state and event, where the group goes and what to do; group_post
 * takes the step and does it (start a batch, stop the programs in the
 * reverse of the start order, sweep the leftovers, wait for the output,
 * end), and the actions look at the programs and post what they find.
 * grouprun.c turns libev's events into these steps, and groupsig.c turns
 * signals into them.
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
#include "groupdeps.h"
#include "grouplife.h"
#include "notify.h"
#include "process.h"
#include "sigq.h"


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
 * start. While a batch started something, another follows on the next
 * turn (a program ready at once lets later ones start); one that becomes
 * ready while the group is STARTING is seen by that turn.
 */
static void
start_batch(struct group *g)
{
	size_t i, started = 0;

	for (i = 0; i < g->nprogs && g->state == GROUP_STARTING &&
	    started < START_BATCH; i++) {
		struct program *p = &g->progs[i];

		if (p->state != PROGRAM_PENDING || !groupdeps_ready(g, p))
			continue;
		started++;
		if (group_start_program(g, p))
			group_program_ready(g, p);
	}
	group_post(g, started > 0 ? LIFE_BATCH_STARTED : LIFE_BATCH_NONE);
}

void
group_start_due(struct group *g)
{
	group_post(g, LIFE_START_DUE);
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

void
group_stop(struct group *g, enum trigger_kind kind, struct program *p, int sig)
{
	g->next_trigger.kind = kind;
	g->next_trigger.prog = p;
	g->next_trigger.sig = sig;
	group_post(g, kind == TRIGGER_SIGNAL ? LIFE_STOP_SIGNAL : LIFE_TRIGGER);
}

/*
 * RUNNING to STOPPING, once, on the first trigger: every running program is
 * asked to stop, the pending ones never start.
 */
static void
stop(struct group *g)
{
	size_t i;

	g->trigger.kind = g->next_trigger.kind;
	g->trigger.prog = g->next_trigger.prog;
	g->trigger.sig = g->next_trigger.sig;
	ev_timer_stop(g->host.loop, &g->timeout_w);
	tell_manager(g, "STOPPING=1");
	group_emit(g, GE_STOPPING, g->trigger.prog, g->trigger.sig, 0, 0, NULL);
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
		if ((holder = groupdeps_stop_holder(g, q)) != NULL) {
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
 * SWEEPING: the programs are down but descendants remain. Those
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
	group_post(g, LIFE_SWEEP_GRACE);
}

/* KILLING: SIGKILL to the leftovers, again at every reap. */
static void
kill_leftovers(struct group *g)
{
	kill_descendants(g);
	/* unlisted leftovers, not PID 1: end at the sweep's grace, said */
	if (g->unlisted && g->self != 1)
		group_post(g, LIFE_UNLISTED);
}

void
group_other_reaped(struct group *g)
{
	size_t i;
	int drained = 0;

	for (i = 0; i < g->nprogs; i++)
		drained |= program_drained(&g->progs[i]);
	/* a task whose last process just ended may have been the last */
	if (drained)
		group_post(g, LIFE_DRAINED);
	group_post(g, LIFE_OTHER_REAPED);
}

/*
 * A leftover that forked just before its SIGKILL left a new pid: look
 * again, once for all the reaps of this turn of the loop.
 */
static void
look_soon(struct group *g)
{
	if (!ev_is_active(&g->sweep_w)) {
		ev_timer_set(&g->sweep_w, 0., 0.);
		ev_timer_start(g->host.loop, &g->sweep_w);
	}
}

void
group_check_done(struct group *g)
{
	group_post(g, LIFE_CHANGED);
}

/* What is left once the due programs were asked to stop: the next step. */
static void
look(struct group *g)
{
	size_t i;

	group_stop_due(g);	/* an end may let a dependency stop */
	for (i = 0; i < g->nprogs; i++)
		if (program_alive(&g->progs[i])) {
			group_post(g, LIFE_PROGRAMS_LEFT);
			return;
		}
	if (process_has_children())
		group_post(g, LIFE_LEFTOVERS);
	else if (!output_idle(&g->out))
		group_post(g, LIFE_OUTPUT_LEFT);
	else
		group_post(g, LIFE_NOTHING_LEFT);
}

/* A reader that takes nothing cannot keep grpsup for ever: the grace. */
static void
drain(struct group *g)
{
	if (ev_is_active(&g->drain_w))
		return;
	ev_now_update(g->host.loop);
	ev_timer_set(&g->drain_w, (double)g->grace_ms / 1000.0, 0.);
	ev_timer_start(g->host.loop, &g->drain_w);
}

/* DONE: the loop ends. */
static void
group_done(struct group *g)
{
	ev_timer_stop(g->host.loop, &g->drain_w);
	g->undelivered += output_lost(&g->out);
	ev_break(g->host.loop, EVBREAK_ALL);
}

void
group_abandon_output(struct group *g)
{
	group_post(g, LIFE_DRAIN_GRACE);
}

/* The output's readers took nothing within the grace: drop it, said. */
static void
abandon(struct group *g)
{
	g->undelivered += output_abandon(&g->out);
	group_emit(g, GE_UNDELIVERED, NULL, 0, (long)g->undelivered, 0, NULL);
}

/*
 * One step of the lifecycle: the state moves as the table says
 * (lifecycle.c), then its actions are carried out, in order; an action
 * may post further events, each a step of its own.
 */
void
group_post(struct group *g, enum life_event ev)
{
	struct life_step step = lifecycle_step(g->state, ev);
	unsigned a = step.actions;

	g->state = step.next;
	if (a & ACT_START_BATCH)
		start_batch(g);
	if (a & ACT_NEXT_TURN)
		ev_timer_start(g->host.loop, &g->start_w);	/* 0 s */
	if (a & ACT_START_DUE)
		group_start_due(g);
	if (a & ACT_STOP)
		stop(g);
	if (a & ACT_KILL_ALL)
		group_kill_all(g);
	if (a & ACT_FINISH_IF_IDLE)
		group_finish_if_idle(g);
	if (a & ACT_SWEEP)
		group_sweep(g);
	if (a & ACT_KILL_LEFTOVERS)
		kill_leftovers(g);
	if (a & ACT_LOOK_SOON)
		look_soon(g);
	if (a & ACT_DRAIN)
		drain(g);
	if (a & ACT_ABANDON)
		abandon(g);
	if (a & ACT_END)
		group_done(g);
	if (a & ACT_LOOK)
		look(g);
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
