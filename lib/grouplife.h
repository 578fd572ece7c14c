/*
 * The transitions of the group's lifecycle (group.c, groupsig.c), for
 * grouprun.c, which calls them from its libev callbacks, and for nothing
 * else.
 */
#ifndef GRPSUP_GROUPLIFE_H
#define GRPSUP_GROUPLIFE_H

#include "group.h"
#include "sigq.h"

/* group_emit: tell g's owner of an event; what is an error's what, a STATUS=. */
void group_emit(struct group *g, enum group_event_kind kind,
    const struct program *p, int sig, long count, int err, const char *what);
/* group_emit_error: tell g's owner that what failed with err; the group goes on. */
void group_emit_error(struct group *g, const char *what, int err);

/*
 * group_post: one step of the lifecycle for ev: the state moves as the
 * table of lifecycle.c says, and group.c carries out the step's actions.
 */
void group_post(struct group *g, enum life_event ev);

/* group_running: g is STARTING or RUNNING (no stop trigger yet). */
int group_running(const struct group *g);

/*
 * group_start_due: start the pending programs whose dependencies are ready,
 * one batch now; g->start_w brings the next batch on the loop's next turn.
 */
void group_start_due(struct group *g);
/* group_program_ready: p is ready: its dependents may start. */
void group_program_ready(struct group *g, struct program *p);
/* group_program_ended: p's main process was reaped with wstatus. */
void group_program_ended(struct group *g, struct program *p, int wstatus);
/* groupsig_paused: p was stopped by sig (job control; groupsig.c). */
void groupsig_paused(struct group *g, struct program *p, int sig);
/*
 * group_stop: a stop trigger: the first moves g from RUNNING to STOPPING;
 * any later one does nothing, but for a stop signal (TRIGGER_SIGNAL), whose
 * second sends SIGKILL to everything, or drops the output that waits.
 */
void group_stop(struct group *g, enum trigger_kind kind, struct program *p,
    int sig);
/*
 * group_stop_due: in STOPPING, ask each running program with no running
 * dependent to stop (the reverse of the start order).
 */
void group_stop_due(struct group *g);
/*
 * group_check_done: STOPPING to SWEEPING while descendants remain, or to
 * DONE once nothing runs and all output is out (the loop ends).
 */
void group_check_done(struct group *g);
/*
 * group_other_reaped: grpsup reaped a process that is no program's main
 * one: a draining program may be done, and once the sweep's grace has
 * passed (KILLING), whatever was forked meanwhile gets SIGKILL too.
 */
void group_other_reaped(struct group *g);
/*
 * group_abandon_output: nothing runs, and the output's readers did not take
 * what waits within the grace (or a second stop signal came): it is dropped
 * and counted (GE_UNDELIVERED), and the group is done.
 */
void group_abandon_output(struct group *g);

/* group_kill_leftovers: the sweep's grace passed: SWEEPING to KILLING. */
void group_kill_leftovers(struct group *g);
/*
 * groupsig_received: act on a signal grpsup received, as its role says
 * (groupsig.c); continued says that a SIGCONT came after it (a job stop
 * then passes the stop on but does not stop grpsup, which nothing would
 * continue).
 */
void groupsig_received(struct group *g, const struct sigq_event *e,
    int continued);
/* group_kill_all: a second stop signal: SIGKILL to everything. */
void group_kill_all(struct group *g);

/* Programs started in one turn of the loop, at most. */
#define START_BATCH 64

#endif
