#!/usr/bin/env bats
# Terminals (grpsup(1), SIGNALS and "Terminals"), on a real pseudo-terminal
# (tests/helpers/pty-run): a hangup stops the group, the terminal's keys
# always count, a resize reaches only programs on the terminal, and one raw
# program leads the terminal.

load helpers

PTY="$TOP/tests/helpers/pty-run"

# A program that records the signals it gets in ./got-NAME, and exits 0 on
# TERM or INT.
recorder() {
	cat > rec.py <<-'PY'
	import signal, sys, time
	name = sys.argv[1]
	def got(n, f):
	    open("got-" + name, "a").write(signal.Signals(n).name + "\n")
	    if n in (signal.SIGTERM, signal.SIGINT):
	        sys.exit(0)
	for s in (signal.SIGHUP, signal.SIGWINCH, signal.SIGTERM, signal.SIGINT):
	    signal.signal(s, got)
	open("ready-" + name, "w").close()
	while True:
	    time.sleep(1)
	PY
	echo "python3 rec.py $1"
}

@test "closing the terminal stops the group and leaves nothing running" {
	run -0 "$PTY" wait:ready-web hangup -- "$GRPSUP" -n web,worker \
	    "$(recorder web)" "sh -c 'echo \$\$ > worker.pid; exec sleep 300'"
	assert_output "signal 1"
	assert_equal "$(cat got-web)" "SIGTERM"
	wait_for dead "$(cat worker.pid)"
}

@test "a HUP that a user sends is forwarded, not taken for a hangup" {
	run -0 "$PTY" wait:ready-web kill:HUP wait:got-web intr -- "$GRPSUP" \
	    -n web "$(recorder web)"
	assert_output "signal 2"
	assert_equal "$(cat got-web)" "SIGHUP
SIGINT"
}

@test "Ctrl-C twice from the terminal kills at once, also within a second" {
	run -0 "$PTY" wait:up intr sleep:0.2 intr -- "$GRPSUP" -g 60s -n stubborn \
	    "sh -c 'trap \"\" INT TERM; touch up; while :; do sleep 0.01; done'"
	assert_line "signal 2"
	run cat pty.out
	assert_line --partial "received a second stop signal: sending SIGKILL to everything"
}

@test "a resize reaches the raw programs on the terminal, not a labelled one" {
	cat > grpsup.conf <<-CONF
	[program:a]
	command = $(recorder a)
	output = raw
	[program:b]
	command = $(recorder b)
	output = raw
	[program:c]
	command = $(recorder c)
	CONF
	run -0 "$PTY" wait:ready-a wait:ready-b wait:ready-c resize wait:got-a \
	    wait:got-b intr -- "$GRPSUP" -v
	assert_output "signal 2"
	assert_equal "$(cat got-a)" "SIGWINCH
SIGINT"
	assert_equal "$(cat got-c)" "SIGINT"
	run cat pty.out
	assert_line --partial "c: not sent SIGWINCH (not on grpsup's terminal)"
}

@test "one raw program leads the terminal: stty tostop and stty do not hang it" {
	run -0 "$PTY" -- sh -c "stty tostop; exec '$GRPSUP' -q --raw 'echo hi'"
	assert_output "exit 0"
	assert_equal "$(tr -d '\r' < pty.out)" "hi"
	run -0 "$PTY" -- "$GRPSUP" -q --raw 'sh -c "stty sane <&1; echo ok"'
	assert_output "exit 0"
	assert_equal "$(tr -d '\r' < pty.out)" "ok"
}

@test "a program stopped by the terminal is said at once" {
	run -0 "$PTY" wait:touched sleep:0.5 intr -- "$GRPSUP" --raw -n a,b \
	    'sh -c "touch touched; stty sane <&1"' 'sleep 30'
	run cat pty.out
	assert_line --partial "a: stopped by SIGTTOU (it wants the terminal, which it does not lead)"
}

@test "Ctrl-Z on the program that leads the terminal stops the group; SIGCONT goes on" {
	run -0 "$PTY" wait:ready-a susp stopped kill:CONT sleep:0.3 intr -- \
	    "$GRPSUP" -q --raw -n a "$(recorder a)"
	assert_line "stopped"
	# Ctrl-C went to the program that leads the terminal again
	assert_line "exit 0"
	assert_equal "$(cat got-a)" "SIGINT"
}

@test "a terminal that fails with EIO is a hangup too (grpsup in the background)" {
	# grpsup in a process group of its own, in the background of the
	# terminal: the hangup's SIGHUP goes to the foreground, grpsup only
	# sees its writes fail
	cat > bg.py <<-'PY'
	import os, sys
	pid = os.fork()
	if pid == 0:
	    os.setpgid(0, 0)
	    open("grpsup.pid", "w").write(str(os.getpid()))
	    os.execv(sys.argv[1], sys.argv[1:])
	os.waitpid(pid, 0)
	PY
	run "$PTY" wait:ready-talker hangup -- python3 bg.py "$GRPSUP" -n talker,quiet \
	    "sh -c 'echo \$\$ > talker.pid; touch ready-talker; while :; do echo tick; sleep 0.05; done'" \
	    "sh -c 'echo \$\$ > quiet.pid; exec sleep 300'"
	wait_for dead "$(cat grpsup.pid)"
	wait_for dead "$(cat talker.pid)"
	wait_for dead "$(cat quiet.pid)"
}

@test "the program that leads the terminal reads it: python3's REPL and sh -i under --raw" {
	run -0 "$PTY" 'type:print(6*7)\n' 'type:exit()\n' -- "$GRPSUP" -q --raw python3
	assert_output "exit 0"
	run grep -c '^42' <(tr -d '\r' < pty.out)
	assert_output 1
	run -0 "$PTY" 'type:echo $((6*7))\n' 'type:exit 3\n' -- "$GRPSUP" -q --raw 'sh -i'
	assert_output "exit 3"
	# after sh's prompt
	run grep -c '42$' <(tr -d '\r' < pty.out)
	assert_output 1
}

@test "Ctrl-Z in a job-control shell stops the group, said at once or not at all, never after fg" {
	printf 'touch ready-a; while :; do sleep 0.05; done\n' > a.sh
	run -0 "$PTY" "type:'$GRPSUP' -n a 'sh a.sh'\n" wait:ready-a susp \
	    'expect:Stopped' 'type:echo MARK\n' 'expect:MARK' 'type:fg\n' \
	    'expect:a.sh' intr 'expect:exiting with status' 'type:exit\n' -- \
	    bash --norc --noprofile -i
	assert_line "seen: Stopped"
	# a report of the stop, if any, comes before the shell's own word
	run awk '/stopped by SIGTSTP/ { s = NR } /MARK/ { m = NR } END { exit !(s == 0 || s < m) }' <(tr -d '\r' < pty.out)
	assert_success
	run grep -c "stopped by SIGTSTP" <(sed -n '/MARK/,$p' pty.out)
	assert_output 0
}

@test "Ctrl-\\ ends grpsup by SIGQUIT without a core file" {
	ulimit -c unlimited
	# the program ends on QUIT without a core of its own
	prog="python3 -c 'import signal, sys, time; signal.signal(signal.SIGQUIT, lambda *a: sys.exit(0)); open(\"ready-a\", \"w\").close(); time.sleep(60)'"
	run -0 "$PTY" wait:ready-a quit -- "$GRPSUP" -q -n a "$prog"
	assert_line "signal 3"
	assert_file_not_exists core
	run ls
	refute_output --partial core
	# the wait status has no core flag either, whatever core_pattern says
	rm -f ready-a
	start_grpsup -q -n a "$prog"
	wait_for test -e ready-a
	kill -QUIT "$GPID"
	finish_grpsup
	assert_equal "$END" "signal 3"
}
