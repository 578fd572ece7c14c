#!/usr/bin/env bats
# Readiness probes (grpsup(1), "Readiness and start order"): a program that
# waits for another starts only once that one is ready; probes retry with a
# back-off, never block the loop, and a ready-timeout stops the group with 124.

load helpers

HELPERS="$TOP/tests/helpers"

# free_port: a TCP port on 127.0.0.1 that nothing listens on now.
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# json EXPR: evaluate the Python expression EXPR on the report r.
json() {
	python3 -c 'import json, sys; r = json.load(open("report.json")); print(eval(sys.argv[1]))' "$1"
}

# probe_count: how many attempts the verbose "ready after" line reports.
probe_count() {
	sed -n 's/.*ready after [0-9.]*s (.*, \([0-9]*\) tr[iy]e*s*)$/\1/p' <<<"$stderr"
}

@test "tcp: a server that listens after a second is waited for, without being probed to death" {
	port=$(free_port)
	# the client connects once, with no retry: it fails if it starts early
	run -0 --separate-stderr "$GRPSUP" -v -n srv,client -e client \
		--ready "srv=tcp://127.0.0.1:$port" --after client=srv \
		"$HELPERS/slow-server 1 $port" \
		"python3 -c 'import socket; socket.create_connection((\"127.0.0.1\", $port)); print(\"connected\")'"
	assert_line --index 0 'srv    | listening'
	assert_line 'client | connected'
	# in order: the server listens, then the client connects
	[ "$(grep -n 'listening' <<<"$output" | cut -d: -f1)" -lt \
	  "$(grep -n 'connected' <<<"$output" | cut -d: -f1)" ]
	# 25 ms, doubling up to 500 ms: about 7 tries for a 1 s delay
	tries=$(probe_count)
	[ "$tries" -ge 2 ] && [ "$tries" -le 12 ]
	use_stderr
	assert_line --partial "srv: ready after"
	# the client started after the server was ready
	[ "$(grep -n 'srv: ready' <<<"$stderr" | cut -d: -f1)" -lt \
	  "$(grep -n 'client: started' <<<"$stderr" | cut -d: -f1)" ]
}

@test "http: only a 2xx or 3xx answer makes the server ready" {
	port=$(free_port)
	run -0 --separate-stderr "$GRPSUP" -n srv,client -e client \
		--ready "srv=http://127.0.0.1:$port/health" --after client=srv \
		"$HELPERS/http-flaky $port 3" \
		"curl -fsS -o /dev/null -w '%{http_code}\n' http://127.0.0.1:$port/"
	# a client that started early would get a 503, and curl -f would fail
	assert_line --index 0 'srv    | sent 503'
	assert_line --index 1 'srv    | sent 503'
	assert_line --index 2 'srv    | sent 503'
	assert_line --index 3 'srv    | sent 200'
	assert_line 'client | 200'
	assert_equal "$(grep -c 'sent 200' <<<"$output")" 2
}

@test "http: python's http.server and curl, the CI smoke run" {
	port=$(free_port)
	run -0 --separate-stderr "$GRPSUP" -n web,smoke -e smoke \
		--ready "web=http://127.0.0.1:$port/" --after smoke=web \
		"python3 -m http.server $port --bind 127.0.0.1" \
		"curl -fsS -o /dev/null -w 'smoke got %{http_code}\n' http://127.0.0.1:$port/"
	assert_line 'smoke  | smoke got 200'
	use_stderr
	assert_line 'grpsup |   web: stopped by SIGTERM (status 143)'
	assert_line 'grpsup |   smoke: exited with status 0'
}

@test "file: the dependent starts once the path exists" {
	run -0 "$GRPSUP" -q -n srv,client -e client --ready srv=file:up \
		--after client=srv \
		'sh -c "sleep 0.3; echo state > up; exec sleep 30"' 'cat up'
	assert_line 'client | state'
}

@test "exec: the dependent starts once the command exits 0" {
	run -0 "$GRPSUP" -q -n srv,client -e client \
		--ready 'srv=exec:test -s up' --after client=srv \
		'sh -c "sleep 0.3; echo state > up; exec sleep 30"' 'cat up'
	assert_line 'client | state'
}

@test "exec: the probe runs with the program's environment and directory" {
	mkdir work
	cat > grpsup.conf <<-EOF
	[program:srv]
	command = sh -c 'touch marker; exec sleep 30'
	directory = work
	env = WANT=marker
	ready = exec:test -e "\$WANT"
	[program:client]
	command = echo go
	after = srv
	[grpsup]
	exit-code-from = client
	EOF
	run -0 "$GRPSUP" -q
	assert_line 'client | go'
}

@test "file: a relative path is taken from the program's directory" {
	mkdir work
	printf '[program:srv]\ncommand = sh -c "touch flag; exec sleep 30"\ndirectory = work\nready = file:flag\n[program:client]\ncommand = echo go\nafter = srv\n[grpsup]\nexit-code-from = client\n' > grpsup.conf
	run -0 "$GRPSUP" -q
	assert_line 'client | go'
}

@test "a ready-timeout stops the group with 124 and names the program" {
	port=$(free_port)
	printf '[program:srv]\ncommand = sleep 30\nready = tcp://127.0.0.1:%s\nready-timeout = 300ms\n[program:client]\ncommand = echo never\nafter = srv\n' "$port" > grpsup.conf
	run -124 --separate-stderr "$GRPSUP" --report report.json
	refute_output --partial never
	use_stderr
	assert_line "grpsup | srv was not ready after 300ms (tcp://127.0.0.1:$port: connect: Connection refused): stopping the group"
	assert_line 'grpsup |   srv: stopped by SIGTERM (status 143), never ready'
	assert_line 'grpsup |   client: never started'
	assert_line 'grpsup | exiting with status 124'
	assert_equal "$(json 'r["status"], r["trigger"]["kind"], r["trigger"]["program"]')" "(124, 'ready-timeout', 'srv')"
	assert_equal "$(json '[(p["end"], p["ready"]) for p in r["programs"]]')" "[('stopped', None), ('not-started', None)]"
}

@test "http: the last answer is in the timeout message" {
	port=$(free_port)
	printf '[program:srv]\ncommand = %s %s 1000\nready = http://127.0.0.1:%s/\nready-timeout = 3s\n' "$HELPERS/http-flaky" "$port" "$port" > grpsup.conf
	run -124 --separate-stderr "$GRPSUP"
	use_stderr
	assert_line "grpsup | srv was not ready after 3s (http://127.0.0.1:$port/: HTTP status 503): stopping the group"
}

@test "exec: a probe that hangs is killed at the timeout, and nothing is left" {
	printf '[program:srv]\ncommand = sleep 30\nready = exec:sleep 1000\nready-timeout = 300ms\n' > grpsup.conf
	run -124 "$GRPSUP" -q
	run pgrep -f 'sleep 1000'
	assert_failure
}

@test "http: an attempt that gets no answer is given up after 2 s, and the next one is made" {
	port=$(free_port)
	# without the attempt's deadline the probe waits on the first
	# connection until the ready-timeout: 124
	printf '[program:srv]\ncommand = %s %s\nready = http://127.0.0.1:%s/\nready-timeout = 6s\n[program:client]\ncommand = echo go\nafter = srv\n[grpsup]\nexit-code-from = client\n' "$HELPERS/http-mute" "$port" "$port" > grpsup.conf
	run --separate-stderr "$GRPSUP" -v
	echo "$stderr"	# shown if the test fails
	assert_success
	assert_line --index 0 'srv    | holding'
	assert_line 'srv    | sent 200'
	assert_line 'client | go'
	use_stderr
	# refused while python starts, then held for 2 s, then answered
	assert_line --regexp "^grpsup \| srv: ready after [2-5]\.[0-9]+s \(http://127.0.0.1:$port/, [0-9]+ tries\)$"
}

@test "exec: an attempt that hangs is killed after 5 s, and the next one is made" {
	# the first attempt hangs; the second exits 0
	printf '#!/bin/sh\ntest -e tried && exit 0\necho $$ > tried\nexec sleep 1000\n' > probe
	chmod +x probe
	printf '[program:srv]\ncommand = sleep 30\nready = exec:%s/probe\nready-timeout = 9s\n[program:client]\ncommand = echo go\nafter = srv\n[grpsup]\nexit-code-from = client\n' "$PWD" > grpsup.conf
	run --separate-stderr "$GRPSUP" -v
	echo "$stderr"	# shown if the test fails
	assert_success
	assert_line 'client | go'
	use_stderr
	assert_line --regexp '^grpsup \| srv: ready after [5-8]\.[0-9]+s \(exec:.*, 2 tries\)$'
	# the hung attempt was killed, not left behind
	run kill -0 "$(cat tried)"
	assert_failure
}

@test "probing never blocks the loop: SIGTERM while a probe runs stops at once" {
	start_grpsup -q -n srv --ready 'srv=exec:sleep 1000' 'sleep 30'
	wait_for child_runs "$GPID" sleep
	wait_for pgrep -f 'sleep 1000'
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "$END" "signal 15"
	run pgrep -f 'sleep 1000'
	assert_failure
}

@test "the report has each program's ready time" {
	run -0 "$GRPSUP" -q --report report.json -n srv,client -e client \
		--ready srv=file:up --after client=srv \
		'sh -c "sleep 0.2; touch up; exec sleep 30"' 'true'
	assert_equal "$(json 'r["programs"][0]["ready"] - r["programs"][0]["started"] >= 0.2')" True
	assert_equal "$(json 'r["programs"][1]["started"] >= r["programs"][0]["ready"]')" True
	assert_equal "$(json 'r["programs"][1]["ready"] >= r["programs"][1]["started"]')" True
}

@test "a host name is looked up before anything starts" {
	run -125 "$GRPSUP" -n srv --ready 'srv=tcp://no-such-host.invalid:80' 'touch started'
	assert_output --regexp "^grpsup: srv: ready: cannot resolve 'no-such-host.invalid': "
	assert_file_not_exists started
	run -0 "$GRPSUP" --check -n srv --ready srv=tcp://localhost:9 'sleep 30'
	assert_line '  ready: tcp://localhost:9, timeout 1m'
	assert_file_not_exists started
}
