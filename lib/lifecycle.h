/*
 * The group's lifecycle as data (lifecycle.c): its states, the events that
 * move it, and for each pair the next state and the actions that group.c
 * carries out. Pure: no system call, no event loop.
 */
#ifndef GRPSUP_LIFECYCLE_H
#define GRPSUP_LIFECYCLE_H

enum group_state {
	GROUP_IDLE,		/* grouprun has not begun */
	GROUP_STARTING,		/* running, and starting the programs due */
	GROUP_RUNNING,		/* every due program started; waiting */
	GROUP_STOPPING,		/* a stop trigger came: programs asked to stop */
	GROUP_SWEEPING,		/* programs ended; leftover descendants asked */
	GROUP_KILLING,		/* the sweep's grace passed: SIGKILL to each
				   descendant, again at each reap, until none */
	GROUP_DRAINING,		/* nothing runs: output waits for its reader,
				   for the grace at most */
	GROUP_DONE,		/* every program and descendant has ended */
	GROUP_STATES
};

enum life_event {
	LIFE_RUN,		/* grouprun begins */
	LIFE_START_DUE,		/* programs may be due to start */
	LIFE_TURN,		/* the loop's next turn, for the next batch */
	LIFE_BATCH_STARTED,	/* a batch started programs: more may be due */
	LIFE_BATCH_NONE,	/* a batch found none due */
	LIFE_TRIGGER,		/* a stop trigger: an exit, a deadline, ... */
	LIFE_STOP_SIGNAL,	/* TERM, INT, QUIT or PWR received */
	LIFE_CHANGED,		/* something ended: look at what is left */
	LIFE_DRAINED,		/* a program's last process ended */
	LIFE_OTHER_REAPED,	/* a process that was no program's main one */
	LIFE_PROGRAMS_LEFT,	/* a look: programs still run */
	LIFE_LEFTOVERS,		/* a look: none runs, descendants remain */
	LIFE_OUTPUT_LEFT,	/* a look: nothing runs, output waits */
	LIFE_NOTHING_LEFT,	/* a look: nothing runs, all output is out */
	LIFE_SWEEP_GRACE,	/* the sweep's grace passed */
	LIFE_UNLISTED,		/* leftovers that cannot be listed remain */
	LIFE_DRAIN_GRACE,	/* output's grace passed, or a second stop */
	LIFE_EVENTS
};

/* What group.c does on a step; several may be asked at once, in order. */
enum life_action {
	ACT_START_BATCH = 1 << 0,	/* start a batch of due programs */
	ACT_NEXT_TURN = 1 << 1,		/* another batch on the next turn */
	ACT_START_DUE = 1 << 2,		/* post LIFE_START_DUE */
	ACT_STOP = 1 << 3,		/* record the trigger, cancel what is
					   pending, ask the programs to stop */
	ACT_KILL_ALL = 1 << 4,		/* SIGKILL to every process */
	ACT_LOOK = 1 << 5,		/* stop the due programs, look at what
					   is left (posts PROGRAMS_LEFT ...) */
	ACT_FINISH_IF_IDLE = 1 << 6,	/* every program done: a trigger */
	ACT_SWEEP = 1 << 7,		/* the stop signal to the leftovers */
	ACT_KILL_LEFTOVERS = 1 << 8,	/* SIGKILL to the leftovers */
	ACT_LOOK_SOON = 1 << 9,		/* look for leftovers on the next turn */
	ACT_DRAIN = 1 << 10,		/* the output's grace begins */
	ACT_ABANDON = 1 << 11,		/* drop the output that waits, said */
	ACT_END = 1 << 12,		/* the loop ends */
};

struct life_step {
	enum group_state next;
	unsigned actions;		/* enum life_action, or'ed */
};

/*
 * lifecycle_step: what event does in state: the next state and the
 * actions, from the table at the top of lifecycle.c. A pair the table
 * leaves empty keeps the state and asks nothing.
 */
struct life_step lifecycle_step(enum group_state state, enum life_event ev);

/* lifecycle_state_name, lifecycle_event_name: for tests and messages. */
const char *lifecycle_state_name(enum group_state state);
const char *lifecycle_event_name(enum life_event ev);

#endif
