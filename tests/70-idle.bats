#!/usr/bin/env bats
# grpsup never polls: idle, it sleeps until a signal, an fd or a deadline.

load helpers

switches() { awk '/^voluntary_ctxt_switches/ { print $2 }' "/proc/$1/status"; }

@test "an idle grpsup does not wake up" {
	start_grpsup -q 'sleep 30' 'sleep 31'
	wait_for has_children "$GPID" 2
	sleep 0.2	# let start-up settle: this is a window, not a wait
	before=$(switches "$GPID")
	sleep 1.5
	after=$(switches "$GPID")
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "$after" "$before"
}
