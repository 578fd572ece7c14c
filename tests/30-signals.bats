#!/usr/bin/env bats
# Signals: stop triggers, escalation, forwarding, and the state grpsup
# inherits from its parent.

load helpers

# A program that records each signal it gets in ./got-NAME and keeps going,
# except for the stop signals, which it records and then exits 0 on.
recorder() {
	local name=$1
	echo "for s in HUP USR1 USR2 WINCH; do trap \"echo \$s >> got-$name\" \$s; done; for s in INT TERM QUIT; do trap \"echo \$s >> got-$name; exit 0\" \$s; done; touch ready-$name; while :; do sleep 0.01; done"
}

@test "SIGTERM to grpsup: each program gets TERM, grpsup dies of TERM" {
	start_grpsup --raw -n a,b "$(recorder a)" "$(recorder b)"
	wait_for test -e ready-a -a -e ready-b
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "$END" "signal 15"
	assert_equal "$(cat got-a got-b)" "TERM
TERM"
	run cat err
	assert_line "grpsup: SIGTERM received: stopping the group"
	assert_line "grpsup: exiting with status 143 (SIGTERM)"
}

@test "SIGINT (Ctrl-C) is passed on as SIGINT and grpsup dies of it" {
	start_grpsup -q -n a,b "$(recorder a)" "$(recorder b)"
	wait_for test -e ready-a -a -e ready-b
	kill -INT "$GPID"
	finish_grpsup
	assert_equal "$END" "signal 2"
	assert_equal "$(cat got-a got-b)" "INT
INT"
}

@test "SIGQUIT is passed on as SIGQUIT and grpsup dies of it" {
	start_grpsup -q -n a "$(recorder a)"
	wait_for test -e ready-a
	kill -QUIT "$GPID"
	finish_grpsup
	assert_equal "$END" "signal 3"
	assert_equal "$(cat got-a)" "QUIT"
}

@test "SIGTERM becomes each program's own stop signal" {
	start_grpsup -q -s USR1 -n a "for s in USR1 TERM; do trap \"echo \$s > got; exit 0\" \$s; done; touch ready; while :; do sleep 0.01; done"
	wait_for test -e ready
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "$(cat got)" "USR1"
}

@test "a second stop signal during the stop sends SIGKILL to everything" {
	start_grpsup -q -g 60s -n stubborn "trap 'touch got-term' TERM; touch ready; while :; do sleep 0.01; done"
	wait_for test -e ready
	kill -TERM "$GPID"
	wait_for test -e got-term
	alive "$GPID"
	kill -INT "$GPID"
	finish_grpsup
	# the first trigger decides how grpsup ends
	assert_equal "$END" "signal 15"
	# refute_output: bats-assert's refute_line fails on an empty output
	run cat err
	refute_output --partial "grace"
}

@test "SIGHUP, SIGUSR1, SIGUSR2 and SIGWINCH are forwarded and change nothing" {
	start_grpsup -q -n a,b "$(recorder a)" "$(recorder b)"
	wait_for test -e ready-a -a -e ready-b
	for s in HUP USR1 USR2 WINCH; do
		kill -$s "$GPID"
		wait_for grep -qx $s got-a
		wait_for grep -qx $s got-b
	done
	alive "$GPID"
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "$(cat got-a)" "HUP
USR1
USR2
WINCH
TERM"
}

@test "Ctrl-Z: SIGTSTP stops the programs and then grpsup, SIGCONT goes on to them" {
	start_grpsup -v -n a,b 'sleep 30' 'sleep 31'
	wait_for has_children "$GPID" 2
	kids=$(children_of "$GPID")
	kill -TSTP "$GPID"
	wait_for stopped "$GPID"
	for c in $kids; do wait_for stopped "$c"; done
	# fg, or bg: the shell sends SIGCONT to grpsup alone
	kill -CONT "$GPID"
	wait_for going "$GPID"
	for c in $kids; do wait_for going "$c"; done
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "$END" "signal 15"
	for c in $kids; do dead "$c"; done
	run cat err
	assert_line "grpsup | forwarded SIGTSTP to the programs"
	assert_line "grpsup | forwarded SIGCONT to the programs"
}

@test "a stopped program is continued after its stop signal, so that it acts on it" {
	start_grpsup -q -g 60s -n a "$(recorder a)"
	wait_for test -e ready-a
	pid=$(children_of "$GPID")
	kill -STOP -- "-$pid"
	wait_for stopped "$pid"
	kill -TERM "$GPID"
	# within finish_grpsup's 10 s: not at the grace, 60 s on
	finish_grpsup
	assert_equal "$END" "signal 15"
	assert_equal "$(cat got-a)" "TERM"
}

@test "signals blocked when grpsup starts are still received" {
	# libev 4.33 never delivers a signal that is blocked when its watcher starts
	start_wrapped "$SIGMASK" -b 15 -b 2 -b 17 "$GRPSUP" -q "$(recorder a)"
	wait_for test -e ready-a
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "$END" "signal 15"
	assert_equal "$(cat got-a)" "TERM"
}

@test "a stop signal ignored by grpsup's parent is still received" {
	start_wrapped "$SIGMASK" -i 2 -i 15 "$GRPSUP" -q "$(recorder a)"
	wait_for test -e ready-a
	kill -INT "$GPID"
	finish_grpsup
	assert_equal "$END" "signal 2"
	assert_equal "$(cat got-a)" "INT"
}

@test "a program killed by a forwarded signal stops the group" {
	start_grpsup -q -n a,b 'sleep 30' 'sleep 31'
	wait_for has_children "$GPID" 2
	kill -HUP "$GPID"
	finish_grpsup
	assert_equal "$END" "exit 129"
}
