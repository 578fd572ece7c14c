#!/usr/bin/env bats
# grpsup as PID 1 of a PID namespace (a container).

load helpers

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
	unshare --pid --fork --mount-proc true 2>/dev/null ||
		skip "unshare --pid --fork --mount-proc is not allowed here"
}

# in_namespace ARGS...: grpsup ARGS as PID 1 of a new PID namespace.
in_namespace() {
	unshare --pid --fork --mount-proc "$GRPSUP" "$@"
}

@test "as PID 1 it runs the group and exits with the first failure" {
	run -4 in_namespace -q 'sleep 30' 'sh -c "exit 4"'
}

@test "as PID 1 it reports its own pid as 1 to its programs' parent" {
	run -0 in_namespace --raw -q 'echo $PPID'
	assert_output "1"
}

@test "as PID 1 a stop signal makes it exit 128 + signal" {
	start_wrapped unshare --pid --fork --mount-proc "$GRPSUP" -q "trap 'exit 0' TERM; touch ready; while :; do sleep 0.01; done"
	wait_for test -e ready
	GPID=$(children_of "$GPID")	# grpsup is unshare's child
	kill -TERM "$GPID"
	finish_grpsup
	# exited 143, it did not die: PID 1 cannot die of its own signal
	assert_equal "$END" "exit 143"
}

@test "as PID 1 SIGTSTP is passed on, and grpsup does not stop" {
	start_wrapped unshare --pid --fork --mount-proc "$GRPSUP" -q 'sleep 30'
	wait_for has_children "$GPID" 1
	GPID=$(children_of "$GPID")	# grpsup is unshare's child
	wait_for child_runs "$GPID" sleep
	kid=$(children_of "$GPID")
	kill -TSTP "$GPID"
	wait_for stopped "$kid"
	# a stopped grpsup would not act on this before a SIGCONT
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "$END" "exit 143"
	dead "$kid"
}

@test "as PID 1 it reaps orphans that exit, at any time" {
	run -0 in_namespace -q -n maker,checker \
		'for i in 1 2 3 4 5; do (sleep 0.01 & echo $! >> orphans); done; touch made; sleep 30' \
		'until [ -e made ]; do sleep 0.01; done; i=0; while [ $i -lt 500 ]; do left=0; for p in $(cat orphans); do [ -e /proc/$p ] && left=1; done; [ $left = 0 ] && exit 0; i=$((i+1)); sleep 0.01; done; exit 9'
	[ "$(wc -l < orphans)" -eq 5 ]
}

@test "as PID 1 SIGPWR (LXC's shutdown) and SIGUSR2 are not dropped: PWR stops the group" {
	start_wrapped unshare --pid --fork --mount-proc "$GRPSUP" -v "trap 'exit 0' TERM; touch ready; while :; do sleep 0.01; done"
	wait_for test -e ready
	GPID=$(children_of "$GPID")	# grpsup is unshare's child
	kill -USR2 "$GPID"
	wait_for grep -q "not sent SIGUSR2\|forwarded SIGUSR2" err
	kill -PWR "$GPID"
	finish_grpsup
	assert_equal "$END" "exit $((128 + $(kill -l PWR)))"
	run cat err
	assert_line --partial "SIGPWR received: stopping the group"
}
