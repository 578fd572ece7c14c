#!/usr/bin/env bats
# No process outlives grpsup: daemons, setsid escapes, forking descendants.

load helpers

# ppid PID: the parent pid of PID, from /proc.
ppid() { awk '{ sub(/.*\) /, ""); print $2 }' "/proc/$1/stat"; }

@test "a daemon that double-forks and calls setsid is adopted by grpsup" {
	start_grpsup -q "(setsid sleep 1000 & echo \$! > daemon); touch ready; sleep 30"
	daemon=$(pid_of daemon)
	wait_for test -e ready
	assert_equal "$(ppid "$daemon")" "$GPID"
	kill -TERM "$GPID"
	finish_grpsup
	dead "$daemon"
}

@test "a program's leftover daemon is stopped before grpsup exits" {
	# the program ends once the daemon has left its process group (before
	# that, it is part of the program and stopped as such)
	run --separate-stderr -0 "$GRPSUP" --raw 'setsid sleep 1000 & echo $! > daemon; while [ "$(awk "{ print \$5 }" /proc/$!/stat)" = "$(awk "{ print \$5 }" /proc/$$/stat)" ]; do sleep 0.01; done'
	dead "$(cat daemon)"
	use_stderr
	assert_line "grpsup: 1 leftover process: sending SIGTERM"
}

@test "a leftover that ignores the stop signal gets SIGKILL at the grace" {
	run --separate-stderr -0 "$GRPSUP" --raw -g 200ms "setsid sh -c 'trap \"\" TERM; echo \$\$ > daemon; while :; do sleep 0.01; done' & until [ -s daemon ]; do sleep 0.01; done"
	dead "$(cat daemon)"
	use_stderr
	assert_line --regexp "^grpsup: [0-9]+ leftover process(es)?: sending SIGTERM$"
	assert_line --regexp "^grpsup: [0-9]+ leftover process(es)? still running after the 200ms grace: sending SIGKILL$"
}

@test "grpsup does not exit while a leftover is still running" {
	start_grpsup -q -g 60s "setsid sh -c 'trap \": > got-term\" TERM; echo \$\$ > daemon; while [ ! -e release ]; do sleep 0.01; done' & until [ -s daemon ]; do sleep 0.01; done"
	wait_for test -e got-term
	alive "$GPID"
	alive "$(cat daemon)"
	touch release
	finish_grpsup
	assert_equal "$END" "exit 0"
	dead "$(cat daemon)"
}

@test "descendants that fork while grpsup looks are all killed" {
	# a leftover that ignores TERM and keeps forking children that do too
	run -0 "$GRPSUP" -q -g 300ms "setsid sh -c 'trap \"\" TERM; while :; do sleep 1000 & echo \$! >> kids; sleep 0.002; done' & until [ -s kids ]; do sleep 0.01; done"
	[ "$(wc -l < kids)" -ge 1 ]
	while read -r pid; do
		dead "$pid"
	done < kids
}

@test "leftovers of a program are stopped when grpsup is stopped by a signal" {
	start_grpsup -q "setsid sleep 1000 & echo \$! > daemon; sleep 30"
	daemon=$(pid_of daemon)
	kill -INT "$GPID"
	finish_grpsup
	assert_equal "$END" "signal 2"
	dead "$daemon"
}

@test "the second stop signal kills leftovers at once" {
	start_grpsup -g 60s "setsid sh -c 'trap \"\" TERM INT; echo \$\$ > daemon; while :; do sleep 0.01; done' & until [ -s daemon ]; do sleep 0.01; done; exec sleep 30"
	daemon=$(pid_of daemon)
	kill -TERM "$GPID"
	wait_for grep -q leftover err
	alive "$daemon"
	# another stop signal (the same one from the same sender within a
	# second would count once)
	kill -INT "$GPID"
	finish_grpsup
	dead "$daemon"
}

@test "a program is its process group: its grace covers every process of it" {
	cat > grpsup.conf <<-'CONF'
	[grpsup]
	grace = 30s
	[program:app]
	command = sh -c '(trap "" TERM; touch child-up; exec sleep 60) & wait'
	grace = 500ms
	[program:client]
	command = sh -c 'until [ -e child-up ]; do sleep 0.01; done'
	CONF
	run --separate-stderr -137 "$GRPSUP"
	use_stderr
	assert_line "grpsup |   app: killed with SIGKILL after the 500ms grace (status 137)"
	assert_line "grpsup | app: 1 process of its group still running after the 500ms grace: sending SIGKILL"
}

@test "a program whose main process ended: the rest of its group stops with it" {
	cat > grpsup.conf <<-'CONF'
	[grpsup]
	grace = 30s
	[program:app]
	command = sh -c 'for i in 1 2; do (trap "" TERM; exec sleep 60) & done; touch up; exit 0'
	grace = 500ms
	[program:server]
	command = sleep 60
	CONF
	run --separate-stderr -137 "$GRPSUP"
	use_stderr
	assert_line "grpsup | app exited with status 0: stopping the group"
	assert_line "grpsup |   app: killed with SIGKILL after the 500ms grace (status 137, 2 processes)"
	assert_line "grpsup |   server: stopped by SIGTERM (status 143)"
}

@test "the leftover sweep repeats until nothing is left, also for processes that keep forking" {
	cat > forker.sh <<-'SH'
	trap '' TERM
	echo $$ >> forkers
	while :; do (exec sleep 60) & sleep 0.01; done
	SH
	cat > start.sh <<-'SH'
	for i in 1 2 3 4 5 6 7 8; do setsid sh forker.sh & done
	until [ "$(cat forkers 2>/dev/null | wc -l)" -ge 8 ]; do sleep 0.01; done
	SH
	start_grpsup -q -g 500ms -n p,q 'sh start.sh' 'sleep 60'
	finish_grpsup
	assert_equal "$END" "exit 0"
	for f in $(cat forkers); do dead "$f"; done
	run mine "sh forker.sh"
	assert_output ""
}

@test "without /proc, a leftover that ignores TERM ends the run at the sweep's grace, said; as PID 1 kill(-1) reaches it" {
	need_mount_namespace "a tmpfs over /proc"
	ldd "$GRPSUP" | grep -q libasan && skip "a sanitized build: LeakSanitizer needs /proc at exit"
	leftover="setsid sh -c 'echo \$\$ > daemon; trap \"\" TERM; while :; do sleep 0.05; done' & until [ -s daemon ]; do sleep 0.01; done"
	run -0 --separate-stderr timeout 20 unshare -m sh -c 'mount -t tmpfs none /proc && exec "$@"' sh \
		"$GRPSUP" -g 1s "$leftover"
	use_stderr
	assert_line "grpsup | leftover processes remain, which cannot be listed (/proc: No such file or directory): grpsup ends at the 1s grace without them"
	kill -9 "$(cat daemon)"
	rm -f daemon
	unshare -p -f true 2>/dev/null || skip "unshare --pid is not permitted here"
	run -0 --separate-stderr timeout 20 unshare -m -p -f sh -c 'mount -t tmpfs none /proc && exec "$@"' sh \
		"$GRPSUP" -g 1s "$leftover"
	use_stderr
	assert_line "grpsup | leftover processes cannot be listed (/proc: No such file or directory): sending SIGTERM to every process"
}
