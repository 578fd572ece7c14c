#!/usr/bin/env bats
# Exit status: the rules of grpsup(1) EXIT STATUS, in order, and the summary.

load helpers

# A program that, once asked to stop with TERM, exits with $1.
# (Shell code is passed as the COMMAND itself: wrapped in "sh -c '...'" it
# would run under a second shell, which dies of the TERM itself.)
on_term() { echo "trap 'exit $1' TERM; touch ready-$1; while :; do sleep 0.01; done"; }
# A program that exits with $1 once ./$2 exists.
after() { echo "until [ -e $2 ]; do sleep 0.01; done; exit $1"; }

@test "the first program to exit with a code gives that code" {
	run -3 "$GRPSUP" -q 'sh -c "exit 3"' 'sleep 30'
}

@test "a client exiting 0 while the server stops on TERM gives 0" {
	run -0 "$GRPSUP" -q 'sleep 30' 'true'
}

@test "death by a signal gives 128 + the signal" {
	run -139 "$GRPSUP" -q 'kill -SEGV $$' 'sleep 30'
}

@test "a command that is not found gives 127, with the reason" {
	run --separate-stderr -127 "$GRPSUP" --raw -q ./nonexistent 'touch started'
	assert_equal "$stderr" "grpsup: nonexistent: exec ./nonexistent: No such file or directory"
	run --separate-stderr -127 "$GRPSUP" --raw -q no-such-program-anywhere
	assert_equal "$stderr" "grpsup: no-such-program-anywhere: exec no-such-program-anywhere: No such file or directory"
	# the group stopped at once: later programs never started
	assert_file_not_exists started
}

@test "a command that is not executable gives 126" {
	touch plain-file
	run --separate-stderr -126 "$GRPSUP" --raw -q ./plain-file
	assert_equal "$stderr" "grpsup: plain-file: exec ./plain-file: Permission denied"
	run -126 "$GRPSUP" --raw -q /
}

@test "an exit explained by the stop signal is no failure" {
	run -0 "$GRPSUP" -q 'true' "$(on_term 143)"
}

@test "an exit during the stop that the stop does not explain is a failure" {
	run -5 "$GRPSUP" -q "$(on_term 5)" "$(after 0 ready-5)"
}

@test "the first failure in time wins over later ones" {
	# 3 happens first; 5 comes later, during the stop
	run -3 "$GRPSUP" -q "$(on_term 5)" "$(after 3 ready-5)"
}

@test "a program that needs SIGKILL at its grace deadline failed with 137" {
	run --separate-stderr -137 "$GRPSUP" --raw -n client,server -g 100ms "$(after 0 ready)" "trap '' TERM; touch ready; sleep 30"
	use_stderr
	# the shell and its sleep: the grace covers the program's process group
	assert_line "grpsup: server: 2 processes of its group still running after the 100ms grace: sending SIGKILL"
}

@test "grpsup waits at most the grace, then SIGKILLs the whole process group" {
	start_grpsup -q -g 200ms "trap '' TERM; sleep 30 & echo \$! > child; touch ready; wait" "$(after 0 ready)"
	finish_grpsup
	assert_equal "$END" "exit 137"
	dead "$(cat child)"
}

@test "--exit-code-from gives that program's status" {
	run -0 "$GRPSUP" -q -n server,client -e client "$(on_term 7)" "$(after 0 ready-7)"
	# the first run's file would let the client go before the server's trap
	rm ready-7
	run -7 "$GRPSUP" -q -n server,client -e server "$(on_term 7)" "$(after 0 ready-7)"
	run -143 "$GRPSUP" -q -n server,client -e server 'sleep 30' 'true'
}

@test "--exit-code-from a program that never ran falls back to the next rule" {
	run -127 "$GRPSUP" -q -n a,b -e b no-such-program-anywhere 'touch started'
	assert_file_not_exists started
}

@test "the --timeout deadline gives 124" {
	run --separate-stderr -124 "$GRPSUP" --raw -t 200ms 'sleep 30' 'sleep 31'
	assert_equal "${stderr_lines[0]}" "grpsup: the 200ms timeout passed: stopping the group"
}

@test "the timeout's 124 wins over --exit-code-from (a CI run that hit its deadline)" {
	run -124 "$GRPSUP" -q -t 100ms -e sleep 'sleep 30'
}

@test "the summary names the trigger, each end and the status" {
	run --separate-stderr -3 "$GRPSUP" --raw -n srv,cli,killed -g 300ms 'sleep 30' "$(after 3 ready)" "trap '' TERM; touch ready; sleep 30"
	assert_equal "$stderr" "grpsup: cli exited with status 3: stopping the group
grpsup: killed: 2 processes of its group still running after the 300ms grace: sending SIGKILL
grpsup: summary: stop trigger: cli exited with status 3
grpsup:   srv: stopped by SIGTERM (status 143)
grpsup:   cli: exited with status 3
grpsup:   killed: killed with SIGKILL after the 300ms grace (status 137, 2 processes)
grpsup: exiting with status 3"
}

@test "the summary names programs that never started" {
	run --separate-stderr -127 "$GRPSUP" --raw no-such-program-anywhere 'touch started'
	use_stderr
	assert_line --index 4 "grpsup:   touch: never started"
	assert_file_not_exists started
}

@test "-q silences the summary but not errors" {
	run --separate-stderr -3 "$GRPSUP" -q 'sh -c "exit 3"' 'sleep 30'
	assert_equal "$stderr" ""
	assert_equal "$output" ""
}

@test "-v reports starts, signals and exits" {
	run --separate-stderr -0 "$GRPSUP" --raw -v -n a,b 'true' 'sleep 30'
	use_stderr
	assert_equal "${stderr_lines[0]%%,*}" "grpsup: a: started"
	assert_line --partial "grpsup: b: sending SIGTERM"
	assert_line --partial "grpsup: b: stopped by SIGTERM (status 143)"
}

@test "a program that cannot be forked while others run stops the group: 125" {
	[ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && command -v prlimit >/dev/null ||
		skip "needs root, setpriv and prlimit to run grpsup as nobody with few processes"
	! awk '/^Uid:/ { print $2 }' /proc/[0-9]*/status 2>/dev/null | grep -qx 65534 ||
		skip "nobody already runs processes here"
	# nobody may have 2 processes: grpsup and its first program
	run --separate-stderr -125 setpriv --reuid=65534 --regid=65534 --clear-groups \
		prlimit --nproc=2 "$GRPSUP" --raw -n first,second,third 'sleep 30' 'sleep 31' 'sleep 32'
	assert_equal "$stderr" "grpsup: second: fork: Resource temporarily unavailable
grpsup: second could not be started: stopping the group
grpsup: summary: stop trigger: second could not be started
grpsup:   first: stopped by SIGTERM (status 143)
grpsup:   second: could not be started
grpsup:   third: never started
grpsup: exiting with status 125"
}

@test "the summary's words for a death by another signal than the one sent" {
	run --separate-stderr -129 "$GRPSUP" --raw -n a,b "trap 'trap - HUP; kill -HUP \$\$' TERM; touch ready; while :; do sleep 0.01; done" "$(after 0 ready)"
	use_stderr
	assert_line "grpsup:   a: died of SIGHUP (status 129) after SIGTERM"
}

@test "-e NAME never gives 0 when NAME never ran: its dependency ended before it was ready" {
	run --separate-stderr -1 "$GRPSUP" -n srv,test --ready srv=tcp://127.0.0.1:1 \
		--after test=srv -e test 'true' 'false'
	use_stderr
	assert_line "grpsup |   srv: exited with status 0 before it was ready, and others wait for it: a failure (status 1); did it go to the background? run it in the foreground"
	assert_line "grpsup |   test: never started"
	assert_line "grpsup |   exit-code-from: test never ran"
	assert_line "grpsup | exiting with status 1"
}

@test "a server that daemonizes (redis-server --daemonize yes) fails the CI run: its client never ran" {
	command -v redis-server >/dev/null || skip "no redis-server (Debian redis-server)"
	port=$(free_port)
	run --separate-stderr -1 "$GRPSUP" -n redis,smoke -e smoke \
		--ready "redis=tcp://127.0.0.1:$port" --after smoke=redis -g 2s \
		"redis-server --port $port --bind 127.0.0.1 --daemonize yes --save '' --dir $PWD --pidfile $PWD/redis.pid" \
		'touch smoke-ran'
	assert_file_not_exists smoke-ran
	use_stderr
	assert_line --partial "grpsup |   redis: exited with status 0 before it was ready"
	assert_line "grpsup | exiting with status 1"
	# the daemon that escaped was swept up with the rest
	if [ -s redis.pid ]; then
		dead "$(cat redis.pid)"
	fi
}

@test "a dependency that is stopped before it is ready is no failure: only its own end counts" {
	# b's exit stops the group before srv is ready: srv's TERM is the stop's
	run -0 "$GRPSUP" -q -n srv,b,c --ready srv=tcp://127.0.0.1:1 --after c=srv \
		'sleep 30' 'sleep 0.2'  'true'
}
