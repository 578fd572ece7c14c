#!/usr/bin/env bats
# Start order (grpsup(1), "Readiness and start order"): after, oneshot, and
# the command line's --after, --oneshot and --ready, checked before anything
# starts.

load helpers


@test "a oneshot that exits 0 makes its dependents start, and does not stop the group" {
	start_grpsup -q -n migrate,srv -e srv --oneshot migrate --after srv=migrate \
		'sh -c "sleep 0.2; echo schema > db"' \
		'cat db > seen; echo $$ > srv.pid; exec sleep 30'
	srv=$(pid_of srv.pid)
	assert_equal "$(cat seen)" schema
	# the oneshot is gone; the group runs on
	wait_for child_runs "$GPID" sleep
	assert_equal "$(children_of "$GPID")" "$srv"
	alive "$GPID"
	kill -TERM "$srv"
	finish_grpsup
	assert_equal "$END" "exit 143"
}

@test "the dependent's output shows the oneshot finished first" {
	run -0 "$GRPSUP" -q -n migrate,client -e client --oneshot migrate \
		--after client=migrate 'sh -c "sleep 0.2; echo migrated"' 'echo client runs'
	assert_output 'migrate | migrated
client  | client runs'
}

@test "a oneshot that fails stops the group with its status; its dependents never start" {
	run -3 --separate-stderr "$GRPSUP" --report report.json -n migrate,srv,other \
		--oneshot migrate --after srv=migrate \
		'sh -c "exit 3"' 'touch srv-started' 'sleep 30'
	assert_file_not_exists srv-started
	use_stderr
	assert_line 'grpsup  | migrate exited with status 3: stopping the group'
	assert_line 'grpsup  |   srv: never started'
	assert_line 'grpsup  |   other: stopped by SIGTERM (status 143)'
	assert_equal "$(json '[(p["name"], p["end"], p["pid"], p["started"]) for p in r["programs"]][:2]')" \
		"[('migrate', 'exited', $(json 'r["programs"][0]["pid"]'), $(json 'r["programs"][0]["started"]')), ('srv', 'not-started', None, None)]"
}

@test "a group of oneshots ends with 0 when all have succeeded" {
	run -0 --separate-stderr "$GRPSUP" --report report.json -n a,b --oneshot a --oneshot b \
		--after b=a 'echo one' 'echo two'
	assert_output 'a      | one
b      | two'
	use_stderr
	assert_output 'grpsup | summary: stop trigger: every program has finished
grpsup |   a: exited with status 0
grpsup |   b: exited with status 0
grpsup | exiting with status 0'
	assert_equal "$(json 'r["trigger"]["kind"], [p["ready"] is not None for p in r["programs"]]')" "('finished', [True, True])"
}

@test "a chain starts in order: each waits for the one before" {
	run -0 "$GRPSUP" -q -n c,b,a -e c --oneshot a --oneshot b \
		--after b=a --after c=b \
		'sh -c "cat log; echo c >> log"' 'sh -c "echo b >> log"' 'sh -c "sleep 0.1; echo a >> log"'
	assert_output 'c      | a
c      | b'
}

@test "after in a file, with a probe in between" {
	cat > grpsup.conf <<-EOF
	[grpsup]
	exit-code-from = client
	[program:client]
	command = cat up
	after = srv, migrate
	[program:srv]
	command = sh -c 'sleep 0.2; echo up > up; exec sleep 30'
	ready = file:up
	after = migrate
	[program:migrate]
	command = sh -c 'sleep 0.1; echo migrated'
	oneshot = true
	EOF
	run -0 "$GRPSUP" -q
	assert_output 'migrate | migrated
client  | up'
}

@test "--after replaces the file's list for that program, and adds up" {
	printf '[program:a]\ncommand = sh -c "sleep 5; touch a-done"\noneshot = true\n[program:b]\ncommand = sh -c "sleep 0.2; touch b-done"\noneshot = true\n[program:c]\ncommand = ls\nafter = a\n' > grpsup.conf
	run -0 "$GRPSUP" --check --after c=b
	assert_line '  after: b'
	run -0 "$GRPSUP" --check --after c=b --after c=a
	assert_line '  after: b a'
	run -0 "$GRPSUP" -q -e c --after c=b
	assert_line 'c      | b-done'
	refute_line 'c      | a-done'
}

@test "--ready replaces the file's probe, --oneshot marks a task" {
	printf '[program:a]\ncommand = true\nready = file:x\n' > grpsup.conf
	run -0 "$GRPSUP" --check --ready a=tcp://127.0.0.1:80
	assert_line '  ready: tcp://127.0.0.1:80, timeout 1m'
	printf '[program:a]\ncommand = true\n' > grpsup.conf
	run -0 "$GRPSUP" --check --oneshot a
	assert_line '  oneshot'
}

@test "bad --ready, --after and --oneshot are usage errors, and nothing starts" {
	while IFS='|' read -r args message; do
		eval "set -- $args"
		run -125 "$GRPSUP" "$@" -n a,b 'touch a-ran' 'touch b-ran'
		assert_equal "${lines[0]}" "grpsup: $message"
		assert_file_not_exists a-ran
		assert_file_not_exists b-ran
	done <<-'EOF'
	--ready a|--ready: expected NAME=PROBE, not 'a'
	--ready x=notify|--ready: no program named 'x' (the programs: a, b)
	--ready a=ftp://x|--ready: a: invalid probe 'ftp://x' (tcp://HOST:PORT, http://HOST:PORT/PATH, file:PATH, unix:PATH, exec:COMMAND, log:REGEX or notify)
	--ready a=tcp://h:0|--ready: a: invalid probe 'tcp://h:0' (tcp://HOST:PORT, PORT from 1 to 65535)
	--ready =notify|--ready: no program named '' (the programs: a, b)
	--after a|--after: expected NAME=DEP[,DEP], not 'a'
	--after a=|--after: a: invalid list '' (program names separated by commas)
	--after a=b,,b|--after: a: invalid list 'b,,b' (program names separated by commas)
	--after a=x|--after: a: no program named 'x'
	--after a=a|--after: a: 'a' cannot wait for itself
	--after a=b --after b=a|--after: b: dependency cycle: a -> b -> a
	--oneshot x|--oneshot: no program named 'x' (the programs: a, b)
	--oneshot a=b|--oneshot: no program named 'a=b' (the programs: a, b)
	--oneshot a --ready a=file:f|--ready: 'a' is a oneshot with a probe (file:f): a oneshot is ready when it exits 0
	--ready a=file:f --oneshot a|--ready: 'a' is a oneshot with a probe (file:f): a oneshot is ready when it exits 0
	EOF
}

@test "a oneshot with a probe in a file is refused at its line" {
	printf '[program:a]\ncommand = true\noneshot = true\nready = file:x\n' > grpsup.conf
	run -125 "$GRPSUP"
	assert_output "grpsup.conf:4: ready: 'a' is a oneshot: it is ready when it exits 0, with no probe"
	printf '[program:a]\ncommand = true\noneshot = true\n' > grpsup.conf
	run -125 "$GRPSUP" --ready a=file:x
	assert_output --partial "--ready: 'a' is a oneshot with a probe (file:x)"
}

@test "a oneshot's ready-timeout bounds its run" {
	printf '[program:slow]\ncommand = sleep 30\noneshot = true\nready-timeout = 200ms\n[program:srv]\ncommand = touch srv-ran\nafter = slow\n' > grpsup.conf
	run -0 "$GRPSUP" --check
	assert_line '  oneshot, timeout 200ms'
	run -124 --separate-stderr "$GRPSUP"
	assert_file_not_exists srv-ran
	use_stderr
	assert_line 'grpsup | slow had not finished after 200ms: stopping the group'
}

@test "a oneshot without ready-timeout has no deadline" {
	run -0 "$GRPSUP" --check -n a --oneshot a true
	assert_line '  oneshot'
	refute_output --partial timeout
}

@test "--grace, --stop-signal and --ready-timeout NAME=VALUE set one program's own" {
	run -0 "$GRPSUP" --check -n a,b -g 2s --grace a=30s --stop-signal b=QUIT --ready-timeout a=5s --ready a=file:x 'sleep 1' 'sleep 2'
	assert_output "a: sleep 1
  run: direct: sleep 1
  stop: SIGTERM, grace 30s
  ready: file:x, timeout 5s
b: sleep 2
  run: direct: sleep 2
  stop: SIGQUIT, grace 2s"
	printf '[program:a]\ncommand = sleep 1\ngrace = 1s\n' > grpsup.conf
	run -0 "$GRPSUP" --check --grace a=3s
	assert_line "  stop: SIGTERM, grace 3s"
	run --separate-stderr -125 "$GRPSUP" -n a --ready-timeout a=0 'sleep 1'
	assert_equal "${stderr_lines[0]}" "grpsup: --ready-timeout: a: invalid duration '0' (use a positive number with ms, s, m or h)"
	run --separate-stderr -125 "$GRPSUP" -n a --stop-signal b=HUP 'sleep 1'
	assert_equal "${stderr_lines[0]}" "grpsup: --stop-signal: no program named 'b' (the programs: a)"
}

@test "a program's own grace from the command line is the one its stop waits for" {
	run --separate-stderr -137 "$GRPSUP" -n stubborn,quick -g 30s --grace stubborn=300ms \
	    "sh -c 'trap \"\" TERM; touch up; exec sleep 60'" "sh -c 'until [ -e up ]; do sleep 0.01; done'"
	use_stderr
	assert_line "grpsup   |   stubborn: killed with SIGKILL after the 300ms grace (status 137)"
}

# svc.py NAME SECONDS: says "NAME up"; on TERM says when, takes SECONDS to
# finish its work (a web server ending its requests), says when, exits 0.
write_svc() {
	cat > svc.py <<-'PY'
	import signal, sys, time
	name, work = sys.argv[1], float(sys.argv[2])
	def term(*_):
	    print(f"{name} term {time.time():.3f}", flush=True)
	    time.sleep(work)
	    print(f"{name} done {time.time():.3f}", flush=True)
	    sys.exit(0)
	signal.signal(signal.SIGTERM, term)
	print(f"{name} up", flush=True)
	while True:
	    time.sleep(60)
	PY
}

# at NAME WHAT: the time that NAME's line "NAME WHAT T" gave, from $output.
at() {
	sed -n "s/^$1 *| $1 $2 \([0-9.]*\)$/\1/p" <<<"$output"
}

# before A B: time A is earlier than time B.
before() {
	python3 -c 'import sys; sys.exit(not float(sys.argv[1]) <= float(sys.argv[2]))' "$1" "$2"
}

@test "stop order is the reverse of the start order: the database gets its stop signal once the web server has ended" {
	write_svc
	cat > grpsup.conf <<-'CONF'
	[program:db]
	command = python3 svc.py db 0
	ready = log:db up
	[program:web]
	command = python3 svc.py web 0.5
	after = db
	ready = log:web up
	[program:side]
	command = python3 svc.py side 0
	[program:client]
	command = sh -c 'sleep 0.2'
	after = web
	CONF
	run -0 --separate-stderr "$GRPSUP" -v --report report.json
	# web was asked first and ended its work before db was asked
	before "$(at web term)" "$(at web done)"
	before "$(at web done)" "$(at db term)"
	# side depends on nothing: asked at once, with web
	before "$(at side term)" "$(at web done)"
	use_stderr
	assert_line 'grpsup | db: waits for web to end before its stop signal (web depends on it)'
	assert_line 'grpsup |   stop order: web and side, then db'
	[ "$(grep -n 'web: exited' <<<"$stderr" | head -1 | cut -d: -f1)" -lt \
	  "$(grep -n 'db: sending SIGTERM' <<<"$stderr" | cut -d: -f1)" ]
	assert_equal "$(json '[(p["name"], p["stop_order"]) for p in r["programs"]]')" \
		"[('db', 2), ('web', 1), ('side', 1), ('client', None)]"
	assert_equal "$(json 'r["programs"][0]["stop_asked"] >= r["programs"][1]["ended"]')" True
}

@test "a chain stops from its end, and a dependent killed at its grace lets its dependency stop then" {
	write_svc
	# api ignores TERM: killed at its 300ms grace, then cache, then db
	run -0 --separate-stderr "$GRPSUP" -n db,cache,api,client -e client \
		--ready db=log:up --after cache=db --ready cache=log:up \
		--after api=cache --ready api=log:ready --after client=api --grace api=300ms \
		'python3 svc.py db 0' 'python3 svc.py cache 0' \
		"python3 -c 'import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print(\"ready\", flush=True); time.sleep(60)'" \
		'true'
	before "$(at cache done)" "$(at db term)"
	use_stderr
	assert_line 'grpsup | api: still running after the 300ms grace: sending SIGKILL'
	assert_line 'grpsup |   stop order: api, then cache, then db'
	[ "$(grep -n 'api: still running' <<<"$stderr" | cut -d: -f1)" -lt \
	  "$(grep -n 'cache: exited\|cache: stopped' <<<"$stderr" | head -1 | cut -d: -f1)" ]
}

@test "a second stop signal skips the order: everything gets SIGKILL at once" {
	write_svc
	# their lines on stderr: grpsup's stdout holds only how it ended
	start_grpsup -v --report report.json -n db,web --ready db=log:up --after web=db \
		'python3 svc.py db 0 >&2' 'python3 svc.py web 30 >&2'
	wait_for grep -q 'web up' err
	kill -TERM "$GPID"
	wait_for grep -q 'web term' err
	run cat err
	assert_line 'grpsup | db: waits for web to end before its stop signal (web depends on it)'
	# web takes 30 s to end: a second TERM, from another sender
	sh -c "kill -TERM $GPID"
	finish_grpsup
	assert_equal "$END" "signal 15"
	run cat err
	assert_line 'grpsup | received a second stop signal: sending SIGKILL to everything'
	refute_line --partial 'db: sending SIGTERM'
	assert_equal "$(json '[(p["name"], p["stop_order"], p["killed"]) for p in r["programs"]]')" \
		"[('db', None, True), ('web', 1, True)]"
}
