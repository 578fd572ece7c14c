#!/usr/bin/env bats
# Commands as people write them (grpsup(1), "Commands"): a simple command is
# split and unquoted by grpsup and exec'ed with no shell in between; one that
# needs the shell's expansions has the shell exec it; only compound commands
# keep a shell.

load helpers

@test "--check: simple commands run direct, quotes taken off as sh would" {
	stubs nginx 'my prog'
	while IFS='|' read -r cmd want; do
		run -0 "$GRPSUP" --check -n p -- "$cmd"
		assert_line "  run: $want"
	done <<-'TABLE'
	nginx -g 'daemon off;'|direct: nginx -g 'daemon off;'
	python3 -c 'import x; x.run()'|direct: python3 -c 'import x; x.run()'
	exec sleep 1|direct: sleep 1
	echo "a \"b\" \$c" 'it'\''s'|direct: echo 'a "b" $c' 'it'\''s'
	"my prog" a\ b ''|direct: 'my prog' 'a b' ''
	printf "%s\n" x|direct: printf '%s\n' x
	echo $HOME|via /bin/sh -c, which execs it: 'exec echo $HOME'
	X=1 Y=2 env|via /bin/sh -c, which execs it: 'X=1 Y=2 exec env'
	X=1 exec env|via /bin/sh -c, which execs it: 'X=1 exec env'
	ls *.c|via /bin/sh -c, which execs it: 'exec ls *.c'
	~/bin/api|via /bin/sh -c, which execs it: 'exec ~/bin/api'
	echo "$HOME"|via /bin/sh -c, which execs it: 'exec echo "$HOME"'
	exit 3|via /bin/sh -c
	cd /srv && ./api|via /bin/sh -c
	. ./env.sh|via /bin/sh -c
	exec|via /bin/sh -c
	{ a; }|via /bin/sh -c
	TABLE
}

@test "a quoted command runs as grpsup's own child, no shell in between" {
	start_grpsup -q "python3 -c 'import time; open(\"up\", \"w\").close(); time.sleep(30)'"
	wait_for test -e up
	wait_for child_runs "$GPID" python3
	run children_of "$GPID"
	assert_equal "${#lines[@]}" 1
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "$END" "signal 15"
}

@test "a leading exec is dropped, not run as a program" {
	start_grpsup -q 'exec sleep 30'
	wait_for child_runs "$GPID" sleep
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "$END" "signal 15"
}

@test "a command with an expansion: the shell execs the program and goes" {
	D=30 start_grpsup -q 'sleep $D'
	wait_for child_runs "$GPID" sleep
	run children_of "$GPID"
	assert_equal "${#lines[@]}" 1
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "$END" "signal 15"
}

@test "builtins run in the shell: exit, cd" {
	run -3 "$GRPSUP" -q 'exit 3'
	run -4 "$GRPSUP" -q 'cd / && exit 4'
	run -0 "$GRPSUP" -q "sh -c 'exit 0'"
}

@test "HUP reaches a quoted server that catches it, which keeps running" {
	start_grpsup -q "python3 -c 'import signal, time
signal.signal(signal.SIGHUP, lambda *a: open(\"hup\", \"a\").write(\"hup\\n\"))
open(\"up\", \"w\").close()
while True: time.sleep(1)'"
	wait_for test -e up
	wait_for child_runs "$GPID" python3
	kill -HUP "$GPID"
	wait_for test -s hup
	assert_equal "$(cat hup)" "hup"
	run children_of "$GPID"
	assert_equal "${#lines[@]}" 1
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "$END" "signal 15"
}

@test "a program that ignores TERM is killed at its own grace, not the group's" {
	cat > grpsup.conf <<-'CONF'
	[grpsup]
	grace = 30s
	[program:stubborn]
	command = sh -c 'trap "" TERM; touch up; sleep 60'
	grace = 500ms
	[program:quick]
	command = sh -c 'while [ ! -e up ]; do sleep 0.01; done'
	CONF
	run --separate-stderr -137 "$GRPSUP"
	use_stderr
	assert_line "grpsup   |   stubborn: killed with SIGKILL after the 500ms grace (status 137, 2 processes)"
	assert_line "grpsup   |   quick: exited with status 0"
}
