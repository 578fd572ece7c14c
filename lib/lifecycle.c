/*
 * The group's lifecycle, as a table: for each state and event, the next
 * state and the actions (lifecycle.h). group.c looks each step up here and
 * carries the actions out; nothing else decides where the group goes.
 */
#include <stddef.h>

#include "lifecycle.h"

/*
 * A cell: the next state and the actions. Nothing moves to IDLE, so an
 * empty (zeroed) cell reads as: keep the state, do nothing.
 */
#define T(next, acts) { GROUP_##next, (acts) }

static const struct life_step table[GROUP_STATES][LIFE_EVENTS] = {
	[GROUP_IDLE] = {
		[LIFE_RUN] = T(RUNNING, 0),
	},
	[GROUP_STARTING] = {
		[LIFE_START_DUE] = T(STARTING, ACT_NEXT_TURN),
		[LIFE_TURN] = T(RUNNING, ACT_START_DUE),
		[LIFE_BATCH_STARTED] = T(STARTING, ACT_NEXT_TURN),
		[LIFE_BATCH_NONE] = T(RUNNING, 0),
		[LIFE_TRIGGER] = T(STOPPING, ACT_STOP),
		[LIFE_STOP_SIGNAL] = T(STOPPING, ACT_STOP),
		[LIFE_DRAINED] = T(STARTING, ACT_FINISH_IF_IDLE),
	},
	[GROUP_RUNNING] = {
		[LIFE_START_DUE] = T(STARTING, ACT_START_BATCH),
		[LIFE_TRIGGER] = T(STOPPING, ACT_STOP),
		[LIFE_STOP_SIGNAL] = T(STOPPING, ACT_STOP),
		[LIFE_DRAINED] = T(RUNNING, ACT_FINISH_IF_IDLE),
	},
	[GROUP_STOPPING] = {
		[LIFE_STOP_SIGNAL] = T(STOPPING, ACT_KILL_ALL | ACT_LOOK),
		[LIFE_CHANGED] = T(STOPPING, ACT_LOOK),
		[LIFE_LEFTOVERS] = T(SWEEPING, ACT_SWEEP),
		[LIFE_OUTPUT_LEFT] = T(DRAINING, ACT_DRAIN),
		[LIFE_NOTHING_LEFT] = T(DONE, ACT_END),
	},
	[GROUP_SWEEPING] = {
		[LIFE_STOP_SIGNAL] = T(SWEEPING, ACT_KILL_ALL | ACT_LOOK),
		[LIFE_CHANGED] = T(SWEEPING, ACT_LOOK),
		[LIFE_OUTPUT_LEFT] = T(DRAINING, ACT_DRAIN),
		[LIFE_NOTHING_LEFT] = T(DONE, ACT_END),
		[LIFE_SWEEP_GRACE] = T(KILLING, ACT_KILL_LEFTOVERS),
	},
	[GROUP_KILLING] = {
		[LIFE_STOP_SIGNAL] = T(KILLING, ACT_KILL_ALL | ACT_LOOK),
		[LIFE_CHANGED] = T(KILLING, ACT_LOOK),
		[LIFE_OTHER_REAPED] = T(KILLING, ACT_LOOK_SOON),
		[LIFE_OUTPUT_LEFT] = T(DRAINING, ACT_DRAIN),
		[LIFE_NOTHING_LEFT] = T(DONE, ACT_END),
		[LIFE_SWEEP_GRACE] = T(KILLING, ACT_KILL_LEFTOVERS),
		[LIFE_UNLISTED] = T(DONE, ACT_END),
	},
	[GROUP_DRAINING] = {
		[LIFE_STOP_SIGNAL] = T(DRAINING, ACT_ABANDON | ACT_LOOK),
		[LIFE_CHANGED] = T(DRAINING, ACT_LOOK),
		[LIFE_NOTHING_LEFT] = T(DONE, ACT_END),
		[LIFE_DRAIN_GRACE] = T(DRAINING, ACT_ABANDON | ACT_LOOK),
	},
	/* GROUP_DONE: the loop has ended; nothing moves it */
};

static const char *const state_names[GROUP_STATES] = {
	"IDLE", "STARTING", "RUNNING", "STOPPING", "SWEEPING", "KILLING",
	"DRAINING", "DONE",
};

static const char *const event_names[LIFE_EVENTS] = {
	"run", "start-due", "turn", "batch-started", "batch-none", "trigger",
	"stop-signal", "changed", "drained", "other-reaped", "programs-left", "leftovers",
	"output-left", "nothing-left", "sweep-grace", "unlisted", "drain-grace",
};

struct life_step
lifecycle_step(enum group_state state, enum life_event ev)
{
	struct life_step s = { state, 0 };

	if (state >= GROUP_STATES || ev >= LIFE_EVENTS)
		return s;
	s = table[state][ev];
	if (s.next == GROUP_IDLE)	/* an empty cell */
		s.next = state;
	return s;
}

const char *
lifecycle_state_name(enum group_state state)
{
	return state < GROUP_STATES ? state_names[state] : "?";
}

const char *
lifecycle_event_name(enum life_event ev)
{
	return ev < LIFE_EVENTS ? event_names[ev] : "?";
}
