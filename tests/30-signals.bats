#!/usr/bin/env bats
# Signals: stop triggers, escalation, forwarding, and the state grpsup
# inherits from its parent.

load helpers

# A program that records each signal it gets in ./got-NAME and keeps going,
# except for the stop signals, which it records and then exits 0 on.
recorder() {
	local name=$1
	echo "for s in HUP USR1 USR2 WINCH ALRM VTALRM PROF SYS XCPU URG IO 16 40; do trap \"echo \$s >> got-$name\" \$s; done; for s in INT TERM QUIT; do trap \"echo \$s >> got-$name; exit 0\" \$s; done; touch ready-$name; while :; do sleep 0.01; done"
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

@test "the signals a program catches are forwarded to it and change nothing" {
	start_grpsup -q -n a,b "$(recorder a)" "$(recorder b)"
	wait_for test -e ready-a -a -e ready-b
	for s in HUP USR1 USR2 ALRM VTALRM PROF SYS XCPU URG IO 16 40; do
		kill -s $s "$GPID"
		wait_for grep -qx $s got-a
		wait_for grep -qx $s got-b
	done
	alive "$GPID"
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "$(cat got-a)" "HUP
USR1
USR2
ALRM
VTALRM
PROF
SYS
XCPU
URG
IO
16
40
TERM"
}

@test "a fault's signal sent by another process neither kills grpsup nor a program" {
	start_grpsup -v -n a 'sleep 30'
	wait_for child_runs "$GPID" sleep
	for s in SEGV BUS ILL FPE TRAP ABRT; do
		kill -s $s "$GPID"
		wait_for grep -q "a: not sent SIG$s (it does not catch it)" err
	done
	alive "$GPID"
	child_runs "$GPID" sleep
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "$END" "signal 15"
}

@test "SIGWINCH goes only to programs on grpsup's terminal, not to labelled ones" {
	start_grpsup -v -n a "$(recorder a)"
	wait_for test -e ready-a
	kill -WINCH "$GPID"
	wait_for grep -q "a: not sent SIGWINCH (not on grpsup's terminal)" err
	kill -USR1 "$GPID"
	wait_for grep -qx USR1 got-a
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "$(cat got-a)" "USR1
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

@test "a signal a program would die of is not forwarded to it; --forward sends it" {
	start_grpsup -v -n a,b 'sleep 30' 'sleep 31'
	wait_for has_children "$GPID" 2
	kill -HUP "$GPID"
	wait_for grep -q "a: not sent SIGHUP (it does not catch it)" err
	wait_for grep -q "b: not sent SIGHUP (it does not catch it)" err
	has_children "$GPID" 2
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "$END" "signal 15"
	start_grpsup -q --forward a=HUP,USR1 -n a,b 'sleep 30' 'sleep 31'
	wait_for has_children "$GPID" 2
	kill -HUP "$GPID"
	finish_grpsup
	assert_equal "$END" "exit 129"
}

@test "forward = none and all in a file" {
	cat > grpsup.conf <<-CONF
	[program:deaf]
	command = $(recorder deaf)
	forward = none
	[program:all]
	command = sleep 30
	forward = all
	CONF
	start_grpsup -v
	wait_for test -e ready-deaf
	kill -USR1 "$GPID"
	wait_for grep -q "deaf: not sent SIGUSR1 (its forward setting)" err
	finish_grpsup
	assert_equal "$END" "exit 138"
	run cat got-deaf
	assert_output "TERM"
}

# A program that takes half a second to stop on TERM, then exits 0.
slow_stopper() {
	echo "python3 -c 'import signal, sys, time
def stop(*a):
    time.sleep(0.5)
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
open(\"ready\", \"w\").close()
while True: time.sleep(1)'"
}

@test "the same stop signal from the same sender within a second counts once" {
	start_grpsup -g 10s -n slow "$(slow_stopper)"
	wait_for test -e ready
	# kill PID, then kill -PGID: one sender, twice within milliseconds
	python3 -c 'import os, signal, sys, time
os.kill(int(sys.argv[1]), signal.SIGTERM)
time.sleep(0.05)
os.kill(int(sys.argv[1]), signal.SIGTERM)' "$GPID"
	finish_grpsup
	assert_equal "$END" "signal 15"
	run cat err
	refute_output --partial "second stop signal"
	assert_line "grpsup |   slow: exited with status 0 after SIGTERM"
}

@test "coreutils timeout stops grpsup gracefully, never with SIGKILL" {
	for i in 1 2 3 4 5; do
		rm -f ready
		run -124 timeout 0.5 "$GRPSUP" -g 10s -n slow "$(slow_stopper)"
		refute_output --partial "second stop signal"
		assert_line "grpsup |   slow: exited with status 0 after SIGTERM"
	done
}

@test "an exit during a long start is acted on at once: the rest never start" {
	local args=() i
	for ((i = 0; i < 1000; i++)); do args+=("sleep 3$i"); done
	run --separate-stderr -1 "$GRPSUP" false "${args[@]}"
	use_stderr
	assert_line --partial "false exited with status 1: stopping the group"
	assert_line --regexp "^grpsup +\|   [0-9]+: never started$"
}

@test "SIGTERM during a long start stops it at once" {
	local args=() i
	for ((i = 0; i < 1500; i++)); do args+=("sleep 3$i"); done
	start_grpsup "${args[@]}"
	wait_for has_children "$GPID" 1
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "$END" "signal 15"
	run grep -c "never started" err
	[ "$output" -gt 0 ]
}

@test "a signal that comes while grpsup reads its file is acted on, not fatal" {
	python3 -c 'for i in range(20000): print("[program:p%d]\ncommand = sleep 30" % i)' > grpsup.conf
	start_grpsup -v
	# once its handler is in place, while the file is still read
	wait_for catches "$GPID" TERM
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "$END" "signal 15"
	run cat err
	assert_line "grpsup | SIGTERM received: stopping the group"
	refute_line --partial "started, pid"
}

@test "a deadline set late in a long start counts from when it is set" {
	need_processes 801
	{
		for ((i = 0; i < 800; i++)); do printf '[program:s%d]\ncommand = sleep 30\n' $i; done
		printf '[program:late]\ncommand = sleep 30\nready = file:never\nready-timeout = 1s\n'
	} > grpsup.conf
	run -124 "$GRPSUP" -q --report report.json
	python3 -c 'import json, sys
r = json.load(open("report.json"))
late = [p for p in r["programs"] if p["name"] == "late"][0]
waited = late["ended"] - late["started"]
sys.exit(0 if waited >= 1.0 else "late waited %.3f s, not 1 s" % waited)'
}

@test "SIGTTOU and SIGTTIN are job control too: passed on, then grpsup stops" {
	for s in TTOU TTIN; do
		start_grpsup -v -n a,b 'sleep 30' 'sleep 31'
		wait_for has_children "$GPID" 2
		kids=$(children_of "$GPID")
		kill -s $s "$GPID"
		wait_for stopped "$GPID"
		for c in $kids; do wait_for stopped "$c"; done
		kill -CONT "$GPID"
		for c in $kids; do wait_for going "$c"; done
		kill -TERM "$GPID"
		finish_grpsup
		assert_equal "$END" "signal 15"
		run cat err
		assert_line "grpsup | forwarded SIG$s to the programs"
	done
}

@test "HUP reloads the server that catches it and leaves an http.server sidecar alone" {
	cat > reloader.py <<-'PY'
	import signal, time
	signal.signal(signal.SIGHUP, lambda *a: open("reloaded", "a").write("1"))
	open("ready", "w").close()
	while True:
	    time.sleep(1)
	PY
	start_grpsup -q -n server,sidecar 'python3 reloader.py' 'python3 -m http.server 0 --bind 127.0.0.1'
	wait_for test -e ready
	wait_for child_runs "$GPID" python3
	wait_for has_children "$GPID" 2
	kill -HUP "$GPID"
	wait_for test -s reloaded
	has_children "$GPID" 2
	alive "$GPID"
	kill -TERM "$GPID"
	finish_grpsup
	# the sidecar's own lines come first on stdout
	assert_equal "${END##*$'\n'}" "signal 15"
}

@test "TSTP and CONT back to back, a hundred times: everything ends up running" {
	start_grpsup -q -n a,b 'sleep 30' 'sleep 31'
	wait_for has_children "$GPID" 2
	kids=$(children_of "$GPID")
	python3 -c 'import os, signal, sys
pid = int(sys.argv[1])
for _ in range(100):
    os.kill(pid, signal.SIGTSTP)
    os.kill(pid, signal.SIGCONT)' "$GPID"
	# whatever came last was a CONT: nothing may stay stopped
	wait_for going "$GPID"
	for c in $kids; do wait_for going "$c"; done
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "$END" "signal 15"
}

@test "nginx: HUP to grpsup reloads it, a python sidecar keeps running" {
	command -v nginx >/dev/null || skip "nginx is not installed (Debian nginx-light)"
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	mkdir tmp
	cat > nginx.conf <<-CONF
	worker_processes 1;
	$( [ "$(id -u)" = 0 ] && echo 'user root root;' )
	pid $PWD/nginx.pid;
	error_log stderr notice;
	events { worker_connections 16; }
	http {
	    access_log off;
	    client_body_temp_path $PWD/tmp; proxy_temp_path $PWD/tmp;
	    fastcgi_temp_path $PWD/tmp; uwsgi_temp_path $PWD/tmp; scgi_temp_path $PWD/tmp;
	    server { listen 127.0.0.1:$port; location / { return 200 "ok\n"; } }
	}
	CONF
	start_grpsup -n nginx,sidecar "nginx -p $PWD -c $PWD/nginx.conf -g 'daemon off;'" 'python3 -m http.server 0 --bind 127.0.0.1'
	wait_for curl -fsS -o /dev/null "http://127.0.0.1:$port/"
	master=$(cat nginx.pid)
	# no shell in between: the master is grpsup's own child
	run children_of "$GPID"
	assert_line "$master"
	kill -HUP "$GPID"
	wait_for grep -q "reconfiguring" err
	alive "$master"
	has_children "$GPID" 2
	curl -fsS -o /dev/null "http://127.0.0.1:$port/"
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "${END##*$'\n'}" "signal 15"
	dead "$master"
}

# gunicorn with two workers (Debian python3-gunicorn, run by Debian's python):
# its master reloads on HUP and reopens its logs on USR1; its workers die of
# a HUP sent to them. /slow answers after a second, once it has made ./busy.
need_gunicorn() {
	/usr/bin/python3 -c 'import gunicorn' 2>/dev/null ||
		skip "no gunicorn here (Debian python3-gunicorn)"
	cat > app.py <<-'PY'
	import time
	def app(environ, start_response):
	    if environ.get("PATH_INFO") == "/slow":
	        open("busy", "w").close()
	        time.sleep(1)
	    start_response("200 OK", [("Content-Type", "text/plain")])
	    return [b"done\n"]
	PY
	PORT=$(free_port)
	GUNICORN="/usr/bin/python3 -m gunicorn -w 2 -b 127.0.0.1:$PORT app:app"
}

# (gunicorn logs on stderr, which start_grpsup keeps in ./err.)
# lines_in FILE TEXT N: FILE has at least N lines that hold TEXT.
lines_in() {
	[ "$(grep -c -- "$2" "$1")" -ge "$3" ]
}

@test "HUP reloads gunicorn: only its master gets it, its workers finish an in-flight request" {
	need_gunicorn
	start_grpsup -v -n web "$GUNICORN"
	wait_for lines_in err "Booting worker" 2
	curl -s "http://127.0.0.1:$PORT/slow" > reply &
	CURL=$!
	wait_for test -e busy
	kill -HUP "$GPID"
	wait "$CURL"
	assert_equal "$(cat reply)" "done"
	wait_for lines_in err "Booting worker" 4
	run grep -c "Handling signal: hup" err
	assert_output 1
	run grep "terminated due to signal 1$" err
	assert_failure
	kill -TERM "$GPID"
	finish_grpsup
	run cat err
	assert_line "grpsup | web: forwarded SIGHUP"
}

@test "three USR1s a fifth of a second apart from one sender are three: forwarded signals are never merged" {
	need_gunicorn
	start_grpsup -v -n web "$GUNICORN"
	wait_for lines_in err "Booting worker" 2
	python3 -c 'import os, signal, sys, time
for _ in range(3):
    os.kill(int(sys.argv[1]), signal.SIGUSR1)
    time.sleep(0.2)' "$GPID"
	wait_for lines_in err "Handling signal: usr1" 3
	wait_for lines_in err "web: forwarded SIGUSR1" 3
	kill -TERM "$GPID"
	finish_grpsup
	run grep -c "Handling signal: usr1" err
	assert_output 3
}

@test "-v names a real-time signal as kill -l does (SIGRTMIN+1), not by its number" {
	start_grpsup -v -n a 'python3 -c "import signal, time; signal.signal(signal.SIGRTMIN + 1, lambda *a: open(\"got\", \"w\").close()); open(\"ready\", \"w\").close(); time.sleep(30)"'
	wait_for test -e ready
	kill -s RTMIN+1 "$GPID"
	wait_for test -e got
	kill -TERM "$GPID"
	finish_grpsup
	run cat err
	assert_line "grpsup | a: forwarded SIGRTMIN+1"
}
