/*
 * Unit tests of the group's lifecycle table (lib/lifecycle.c): every pair of
 * state and event, with no child process and no event loop. The cells that
 * move the group or ask something are listed here, as grpsup(1) describes
 * them; every other pair must keep the state and ask nothing. Prints TAP.
 */
#include <stdio.h>

#include "../../lib/lifecycle.h"

static int ntests, nfailed;

struct cell {
	enum group_state state;
	enum life_event ev;
	enum group_state next;
	unsigned actions;
};

static const struct cell expected[] = {
	/* the run begins; programs start a batch a turn, in order */
	{ GROUP_IDLE, LIFE_RUN, GROUP_RUNNING, 0 },
	{ GROUP_RUNNING, LIFE_START_DUE, GROUP_STARTING, ACT_START_BATCH },
	{ GROUP_STARTING, LIFE_START_DUE, GROUP_STARTING, ACT_NEXT_TURN },
	{ GROUP_STARTING, LIFE_BATCH_STARTED, GROUP_STARTING, ACT_NEXT_TURN },
	{ GROUP_STARTING, LIFE_BATCH_NONE, GROUP_RUNNING, 0 },
	{ GROUP_STARTING, LIFE_TURN, GROUP_RUNNING, ACT_START_DUE },
	/* the first trigger stops the group, also in the middle of a start */
	{ GROUP_STARTING, LIFE_TRIGGER, GROUP_STOPPING, ACT_STOP },
	{ GROUP_RUNNING, LIFE_TRIGGER, GROUP_STOPPING, ACT_STOP },
	{ GROUP_STARTING, LIFE_STOP_SIGNAL, GROUP_STOPPING, ACT_STOP },
	{ GROUP_RUNNING, LIFE_STOP_SIGNAL, GROUP_STOPPING, ACT_STOP },
	/* a group of tasks is over when its last process ends */
	{ GROUP_STARTING, LIFE_DRAINED, GROUP_STARTING, ACT_FINISH_IF_IDLE },
	{ GROUP_RUNNING, LIFE_DRAINED, GROUP_RUNNING, ACT_FINISH_IF_IDLE },
	/* a second stop signal: SIGKILL to everything, or drop the output */
	{ GROUP_STOPPING, LIFE_STOP_SIGNAL, GROUP_STOPPING,
	    ACT_KILL_ALL | ACT_LOOK },
	{ GROUP_SWEEPING, LIFE_STOP_SIGNAL, GROUP_SWEEPING,
	    ACT_KILL_ALL | ACT_LOOK },
	{ GROUP_KILLING, LIFE_STOP_SIGNAL, GROUP_KILLING,
	    ACT_KILL_ALL | ACT_LOOK },
	{ GROUP_DRAINING, LIFE_STOP_SIGNAL, GROUP_DRAINING,
	    ACT_ABANDON | ACT_LOOK },
	/* once stopping, every end makes grpsup look at what is left */
	{ GROUP_STOPPING, LIFE_CHANGED, GROUP_STOPPING, ACT_LOOK },
	{ GROUP_SWEEPING, LIFE_CHANGED, GROUP_SWEEPING, ACT_LOOK },
	{ GROUP_KILLING, LIFE_CHANGED, GROUP_KILLING, ACT_LOOK },
	{ GROUP_DRAINING, LIFE_CHANGED, GROUP_DRAINING, ACT_LOOK },
	/* no program left, descendants remain: the sweep */
	{ GROUP_STOPPING, LIFE_LEFTOVERS, GROUP_SWEEPING, ACT_SWEEP },
	{ GROUP_SWEEPING, LIFE_SWEEP_GRACE, GROUP_KILLING, ACT_KILL_LEFTOVERS },
	{ GROUP_KILLING, LIFE_SWEEP_GRACE, GROUP_KILLING, ACT_KILL_LEFTOVERS },
	{ GROUP_KILLING, LIFE_OTHER_REAPED, GROUP_KILLING, ACT_LOOK_SOON },
	{ GROUP_KILLING, LIFE_UNLISTED, GROUP_DONE, ACT_END },
	/* nothing runs: output waits for its reader, for the grace */
	{ GROUP_STOPPING, LIFE_OUTPUT_LEFT, GROUP_DRAINING, ACT_DRAIN },
	{ GROUP_SWEEPING, LIFE_OUTPUT_LEFT, GROUP_DRAINING, ACT_DRAIN },
	{ GROUP_KILLING, LIFE_OUTPUT_LEFT, GROUP_DRAINING, ACT_DRAIN },
	{ GROUP_DRAINING, LIFE_DRAIN_GRACE, GROUP_DRAINING,
	    ACT_ABANDON | ACT_LOOK },
	/* nothing left at all: the end */
	{ GROUP_STOPPING, LIFE_NOTHING_LEFT, GROUP_DONE, ACT_END },
	{ GROUP_SWEEPING, LIFE_NOTHING_LEFT, GROUP_DONE, ACT_END },
	{ GROUP_KILLING, LIFE_NOTHING_LEFT, GROUP_DONE, ACT_END },
	{ GROUP_DRAINING, LIFE_NOTHING_LEFT, GROUP_DONE, ACT_END },
};

static const struct cell *
expected_cell(enum group_state state, enum life_event ev)
{
	size_t i;

	for (i = 0; i < sizeof(expected) / sizeof(expected[0]); i++)
		if (expected[i].state == state && expected[i].ev == ev)
			return &expected[i];
	return NULL;
}

int
main(void)
{
	int state, ev, bad;

	for (state = 0; state < GROUP_STATES; state++) {
		bad = 0;
		for (ev = 0; ev < LIFE_EVENTS; ev++) {
			const struct cell *c = expected_cell((enum group_state)state,
			    (enum life_event)ev);
			struct life_step s = lifecycle_step(
			    (enum group_state)state, (enum life_event)ev);
			enum group_state next = c != NULL ? c->next :
			    (enum group_state)state;
			unsigned actions = c != NULL ? c->actions : 0;

			if (s.next == next && s.actions == actions)
				continue;
			printf("# %s + %s: got %s, actions %#x; want %s, %#x\n",
			    lifecycle_state_name((enum group_state)state),
			    lifecycle_event_name((enum life_event)ev),
			    lifecycle_state_name(s.next), s.actions,
			    lifecycle_state_name(next), actions);
			bad = 1;
		}
		ntests++;
		nfailed += bad;
		printf("%s %d unit: lifecycle: %s, every one of the %d events\n",
		    bad ? "not ok" : "ok", ntests,
		    lifecycle_state_name((enum group_state)state),
		    LIFE_EVENTS);
	}
	return nfailed != 0;
}
