#!/usr/bin/env bats
# Readiness probes (grpsup(1), "Readiness and start order"): a program that
# waits for another starts only once that one is ready; probes retry with a
# back-off, never block the loop, and a ready-timeout stops the group with 124.

load helpers

HELPERS="$TOP/tests/helpers"



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

@test "http: the whole reply is read before the probe closes, so the server logs no reset (50 probes, 400 KB page)" {
	port=$(free_port)
	mkdir site
	head -c 400000 /dev/zero | tr '\0' x > site/index.html
	python3 -m http.server "$port" --bind 127.0.0.1 --directory site >server.log 2>&1 &
	server=$!
	wait_for curl -fsS -o /dev/null "http://127.0.0.1:$port/"
	for i in $(seq 45); do
		run -0 "$GRPSUP" -q -n w,c --ready "w=http://127.0.0.1:$port/" --after c=w 'sleep 30' true
	done
	# a 404 page, five tries or so before the deadline: read whole too
	run -124 "$GRPSUP" -q -n w --ready "w=http://127.0.0.1:$port/missing" --ready-timeout w=700ms 'sleep 30'
	kill "$server"
	wait "$server" || true
	[ "$(grep -c '"GET / HTTP/1.1" 200' server.log)" -ge 45 ]
	[ "$(grep -c '"GET /missing HTTP/1.1" 404' server.log)" -ge 4 ]
	run grep -E 'Traceback|Error|reset' server.log
	assert_output ''
}

@test "http: a chunked reply and one that ends at the close are read to their end" {
	port=$(free_port)
	cat > chunked.py <<-'PY'
	import socket, sys, time
	s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
	s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(8)
	for reply in (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3;x=y\r\nabc\r\n0\r\nX-T: 1\r\n\r\n",
	              b"HTTP/1.0 200 OK\r\n\r\n" + b"y" * 100000):
	    c, _ = s.accept()
	    req = c.recv(4096).decode()
	    print(req.splitlines()[0], [l for l in req.splitlines() if l.startswith(("Host:", "Connection:"))], flush=True)
	    c.sendall(reply)
	    if b"chunked" in reply:
	        # the probe has read the last chunk: it closes, the server sees the end
	        c.settimeout(5); print("probe closed" if c.recv(1) == b"" else "more", flush=True)
	    c.close()
	time.sleep(30)	# b's end, not the server's, is what stops the group
	PY
	run -0 "$GRPSUP" -n srv,a,b -e b --ready "srv=http://127.0.0.1:$port/x" \
		--ready "a=http://localhost:$port/y" --after a=srv --after b=a \
		"python3 chunked.py $port" 'sleep 30' true
	assert_line "srv    | GET /x HTTP/1.1 ['Host: 127.0.0.1:$port', 'Connection: close']"
	assert_line 'srv    | probe closed'
	assert_line "srv    | GET /y HTTP/1.1 ['Host: localhost:$port', 'Connection: close']"
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
	run mine 'sleep 1000'
	assert_output ""
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
	wait_for runs_mine 'sleep 1000'
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "$END" "signal 15"
	run mine 'sleep 1000'
	assert_output ""
}

@test "the report has each program's ready time" {
	run -0 "$GRPSUP" -q --report report.json -n srv,client -e client \
		--ready srv=file:up --after client=srv \
		'sh -c "sleep 0.2; touch up; exec sleep 30"' 'true'
	assert_equal "$(json 'r["programs"][0]["ready"] - r["programs"][0]["started"] >= 0.2')" True
	assert_equal "$(json 'r["programs"][1]["started"] >= r["programs"][0]["ready"]')" True
	assert_equal "$(json 'r["programs"][1]["ready"] >= r["programs"][1]["started"]')" True
}

@test "a host name that does not resolve is no error before the start: --check passes, the probe retries" {
	run -0 "$GRPSUP" --check -n srv --ready 'srv=tcp://no-such-host.invalid:80' 'sleep 30'
	assert_line '  ready: tcp://no-such-host.invalid:80, timeout 1m'
	printf '[program:srv]\ncommand = sleep 30\nready = tcp://db.invalid:5432\nready-timeout = 1s\n' > grpsup.conf
	run -0 "$GRPSUP" --check
	run -124 --separate-stderr "$GRPSUP"
	use_stderr
	assert_line "grpsup | srv was not ready after 1s (tcp://db.invalid:5432: cannot resolve 'db.invalid': no such host (yet)): stopping the group"
}

@test "a host name that starts resolving later is looked up at every attempt, inside the loop" {
	need_mount_namespace "a hosts file of its own"
	port=$(free_port)
	cp /etc/hosts hosts
	unshare -m sh -c 'mount --bind "$1/hosts" /etc/hosts && shift && exec "$@"' sh "$PWD" \
		"$GRPSUP" -v -n db,client -e client --ready "db=tcp://grpsup-late.test:$port" \
		--after client=db "python3 -m http.server $port --bind 127.0.0.1" \
		'echo client started' >out 2>err &
	pid=$!
	wait_for grep -q 'db: started' err
	# the server listens, but its name is unknown: tries go on, the loop too
	wait_for curl -fsS -o /dev/null "http://127.0.0.1:$port/"
	sleep 0.5	# several tries fail meanwhile (the probe's own back-off)
	alive "$pid"
	refute grep -q 'client started' out
	echo "127.0.0.1 grpsup-late.test" >> hosts
	wait_for dead "$pid"
	wait "$pid"
	run cat out
	assert_line 'client | client started'
	run cat err
	assert_line --regexp "^grpsup \| db: ready after [0-9.]+s \(tcp://grpsup-late.test:$port, [0-9]+ tries\)$"
	assert_line 'grpsup | exiting with status 0'
}

@test "log: the dependent starts once a line matches; the line is still printed; the report has the ready time" {
	cat > srv.sh <<-'SH'
	echo starting
	sleep 0.3
	echo "listening on :8080 (not yet)" | tr -d '\n'	# a partial line first
	sleep 0.3
	echo
	echo >&2 "listening on :8080"
	exec sleep 30
	SH
	run -0 --separate-stderr "$GRPSUP" -v --report report.json -n srv,client -e client \
		--ready 'srv=log:^listening on :[0-9]+$' --after client=srv \
		'sh srv.sh' 'echo client ran'
	assert_equal "$output" "srv    | starting
srv    | listening on :8080 (not yet)
srv    | 
client | client ran"
	use_stderr
	assert_line 'srv    | listening on :8080'
	assert_line --regexp '^grpsup \| srv: ready after 0\.[6-9][0-9]*s \(log:\^listening on :\[0-9\]\+\$, line [34]\)$'
	# the client started after the matching line
	[ "$(grep -n 'srv: ready' <<<"$stderr" | cut -d: -f1)" -lt \
	  "$(grep -n 'client: started' <<<"$stderr" | cut -d: -f1)" ]
	assert_equal "$(json 'r["programs"][0]["ready"] - r["programs"][0]["started"] >= 0.6')" True
}

@test "log: a program that never says it is ready stops the group at its ready-timeout (124)" {
	run -124 --separate-stderr "$GRPSUP" -n srv,client --ready 'srv=log:ready' \
		--ready-timeout srv=500ms --after client=srv 'sh -c "echo not yet; exec sleep 30"' 'echo never'
	assert_output 'srv    | not yet'
	use_stderr
	assert_line 'grpsup | srv was not ready after 500ms (log:ready): stopping the group'
}

# in_memory KIB: set IN_MEMORY to a prefix that runs a command under
# ulimit -v KIB, or to nothing for a sanitized build, whose shadow memory no
# such limit allows (its time bound is still tested).
in_memory() {
	IN_MEMORY=()
	ldd "$GRPSUP" | grep -q libasan ||
		IN_MEMORY=(sh -c 'ulimit -v "$0" && exec "$@"' "$1")
}

# lines N LEN HEAD FILL TAIL: N lines of LEN bytes, HEAD, FILL repeated, TAIL.
lines() {
	python3 -c 'import sys; n, l, h, f, t = sys.argv[1:]; l = int(l)
line = h + f * (l - len(h) - len(t)) + t + "\n"
sys.stdout.write(line * int(n))' "$@"
}

# sigterm_costs_little: $GPID is matching lines.txt; once the program has
# written it, a SIGTERM ends the group within 3 s (glibc's matcher took
# 21 s and more); grpsup ends of the program's SIGTERM. Its output is in
# ./end, before the line that says how it ended.
sigterm_costs_little() {
	local t0 ms
	wait_for test -e written
	t0=$(date +%s%N)
	kill -TERM "$GPID"
	finish_grpsup
	ms=$((($(date +%s%N) - t0) / 1000000))
	echo "SIGTERM to exit: $ms ms"
	[ "$ms" -lt 3000 ]
	assert_equal "$(tail -n 1 end)" "signal 15"
}

@test "log: a back-reference that backtracks without end costs a bounded time per line; SIGTERM is acted on at once" {
	lines 20 3000 '' a b > lines.txt
	in_memory 60000
	start_wrapped "${IN_MEMORY[@]}" "$GRPSUP" -q -n srv --ready 'srv=log:^(a|a)*\1$' \
		'cat lines.txt; touch written; exec sleep 1000'
	sigterm_costs_little
	assert_equal "$(grep -c '^srv *| aaaa*b$' end)" 20	# every line printed
}

@test "log: nested repetitions over six 64 KiB lines cost a bounded time; the ready-timeout says a line was too costly" {
	lines 6 65000 x a '' > lines.txt
	in_memory 60000
	start_wrapped "${IN_MEMORY[@]}" "$GRPSUP" -n srv --ready 'srv=log:(.*a){200}x' \
		'cat lines.txt; touch written; exec sleep 1000'
	sigterm_costs_little
	assert_equal "$(grep -c '^srv *| xaaaa*$' end)" 6
	run -124 --separate-stderr "${IN_MEMORY[@]}" "$GRPSUP" -n srv \
		--ready 'srv=log:(.*a){200}x' --ready-timeout srv=1s 'cat lines.txt; exec sleep 1000'
	use_stderr
	assert_line 'grpsup | srv was not ready after 1s (log:(.*a){200}x: line 6 was too costly to match (over 64 steps a byte), counted as not matching): stopping the group'
}

@test "log: a line that matches after many that cost too much still makes the program ready" {
	{ lines 50 3000 '' a b; echo 'listening on :80'; } > lines.txt
	run -0 --separate-stderr "$GRPSUP" -v -n srv,client -e client \
		--ready 'srv=log:^(a|a)*\1$|^listening' --after client=srv \
		'cat lines.txt; exec sleep 1000' 'echo client ran'
	assert_line 'client | client ran'
	use_stderr
	assert_line --partial 'grpsup | srv: ready after'
}

@test "--ready-interval: the pauses between tries grow to it at most (a file that comes after a second is seen in 100 tries, not 7)" {
	(sleep 1; touch up) &
	run -0 --separate-stderr "$GRPSUP" -v -n srv,client -e client --ready srv=file:up \
		--ready-interval srv=10ms --after client=srv 'sleep 30' 'echo client ran'
	wait
	use_stderr
	tries=$(sed -n 's/^grpsup | srv: ready after [0-9.]*s (file:up, \([0-9]*\) tries)$/\1/p' <<<"$stderr")
	echo "tries: $tries"
	# 25 ms doubling to 500 ms makes 7 tries in a second; 10 ms about 100
	[ "$tries" -gt 30 ]
}

@test "--ready-try-timeout: a try that hangs is cut at it, its process group killed, and the next is due" {
	run -124 --separate-stderr "$GRPSUP" -n srv --ready 'srv=exec:echo $$ >> tries; exec sleep 100' \
		--ready-try-timeout srv=200ms --ready-timeout srv=1s 'sleep 30'
	use_stderr
	assert_line 'grpsup | srv was not ready after 1s (exec:echo $$ >> tries; exec sleep 100: the command timed out): stopping the group'
	# every try ran, and none is left (the default 5 s try would have made one)
	[ "$(wc -l < tries)" -ge 3 ]
	for pid in $(cat tries); do dead "$pid"; done
}

@test "ready-interval and ready-try-timeout in grpsup.conf; --check shows them; an error for a probe that makes no tries" {
	stubs srv
	printf '[program:srv]\ncommand = srv\nready = tcp://127.0.0.1:1\nready-interval = 50ms\nready-try-timeout = 3s\n' > grpsup.conf
	run -0 "$GRPSUP" --check
	assert_line '  ready: tcp://127.0.0.1:1, timeout 1m, interval 50ms, try timeout 3s'
	printf '[program:srv]\ncommand = srv\nready = log:up\nready-interval = 50ms\n' > grpsup.conf
	run -125 --separate-stderr "$GRPSUP" --check
	assert_equal "$stderr" "grpsup: srv: ready-interval: only a probe that tries has it (tcp, http, unix, file or exec)"
	run -125 --separate-stderr "$GRPSUP" -n srv --ready-try-timeout srv=2s srv
	assert_equal "$stderr" "grpsup: srv: ready-try-timeout: only a probe that tries has it (tcp, http, unix, file or exec)"
	run -125 --separate-stderr "$GRPSUP" -n srv --ready srv=file:x --ready-interval srv=0 srv
	assert_equal "${stderr_lines[0]}" "grpsup: --ready-interval: srv: invalid duration '0' (use a positive number with ms, s, m or h)"
}

@test "log: an error with --raw, output = raw or null, and for a REGEX that does not compile (125, nothing started)" {
	run -125 --separate-stderr "$GRPSUP" --raw -n a --ready a=log:x 'touch started'
	assert_equal "$stderr" "grpsup: a: ready: a log: probe reads the program's lines, which only label output has (not --raw, output = raw or null)"
	printf '[program:a]\ncommand = touch started\nready = log:x\noutput = null\n' > grpsup.conf
	run -125 --separate-stderr "$GRPSUP" --check
	assert_equal "$stderr" "grpsup: a: ready: a log: probe reads the program's lines, which only label output has (not --raw, output = raw or null)"
	printf '[program:a]\ncommand = touch started\nready = log:(x\n' > grpsup.conf
	run -125 --separate-stderr "$GRPSUP"
	assert_equal "$stderr" "grpsup.conf:3: ready: invalid probe 'log:(x': missing closing parenthesis (at byte 3)"
	run -125 --separate-stderr "$GRPSUP" -n a --ready a=log: 'touch started'
	assert_equal "${stderr_lines[0]}" "grpsup: --ready: a: invalid probe 'log:' (log:REGEX, a Perl-compatible regular expression that a line matches)"
	assert_file_not_exists started
}

@test "localhost is the loopback also where /etc/hosts is missing (a minbase chroot)" {
	need_mount_namespace "an empty /etc/hosts"
	port=$(free_port)
	: > empty-hosts
	run -0 unshare -m sh -c 'mount --bind "$1" /etc/hosts && shift && exec "$@"' sh "$PWD/empty-hosts" \
		"$GRPSUP" -q -n srv,client -e client --ready "srv=tcp://localhost:$port" --after client=srv \
		"python3 -m http.server $port --bind 127.0.0.1" 'echo client ran'
	assert_line 'client | client ran'
}

@test "unix: a stale socket file is not ready; gunicorn listening on it is, and its client gets through" {
	/usr/bin/python3 -c 'import gunicorn' 2>/dev/null || skip "no gunicorn here (Debian python3-gunicorn)"
	printf 'def app(environ, start_response):\n    start_response("200 OK", [])\n    return [b"served\\n"]\n' > app.py
	# left by an earlier run: a file: probe would call it ready
	python3 -c 'import socket; socket.socket(socket.AF_UNIX).bind("app.sock")'
	run -0 --separate-stderr "$GRPSUP" -v -n web,client -e client \
		--ready web=unix:app.sock --after client=web \
		"sh -c 'sleep 0.5; rm -f app.sock; exec /usr/bin/python3 -m gunicorn -w 1 -b unix:app.sock app:app'" \
		'curl -sf --unix-socket app.sock http://localhost/'
	assert_line "client | served"
	use_stderr
	assert_line --regexp "^grpsup +\| web: ready after [0-9.]+s \(unix:app.sock, [0-9]+ tries\)$"
}

@test "unix: wants a path that fits a socket address" {
	run -125 --separate-stderr "$GRPSUP" --check --ready a=unix: a=true
	run -125 "$GRPSUP" --check -n a --ready "a=unix:$(printf '%0120d' 0)" true
	assert_line --index 0 "grpsup: --ready: a: invalid probe 'unix:$(printf '%059d' 0)...' (unix:PATH, a socket's path of 1 to 107 bytes)"
}

@test "http: an interim 103 Early Hints is skipped and the 200 after it is ready; a status of more than three digits is not" {
	port=$(free_port)
	cat > hints.py <<-'PY'
	import http.server, sys
	class H(http.server.BaseHTTPRequestHandler):
	    protocol_version = "HTTP/1.1"
	    def do_GET(self):
	        if sys.argv[2] == "hints":
	            self.send_response_only(103)
	            self.send_header("Link", "</style.css>; rel=preload")
	            self.end_headers()
	            self.send_response(200)
	        else:
	            self.wfile.write(b"HTTP/1.1 299999999999 OK\r\n")
	        self.send_header("Content-Length", "2")
	        self.end_headers()
	        self.wfile.write(b"ok")
	    def log_message(self, *a):
	        pass
	http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
	PY
	run -0 "$GRPSUP" -q -n srv,client -e client --ready "srv=http://127.0.0.1:$port/" \
		--after client=srv "python3 hints.py $port hints" 'echo client ran'
	assert_line "client | client ran"
	port=$(free_port)
	run -124 --separate-stderr "$GRPSUP" -n srv,client --ready "srv=http://127.0.0.1:$port/" \
		--ready-timeout srv=1s --after client=srv "python3 hints.py $port long" 'echo client ran'
	use_stderr
	assert_line --partial "srv was not ready after 1s (http://127.0.0.1:$port/: the reply is not HTTP)"
}

@test "exec: what a try leaves in its process group ends with the try: no pile of background children" {
	start_grpsup -q -n srv,client --ready 'srv=exec:sh -c "echo >> tries; sleep 777.25 & exit 1"' \
		--ready-timeout srv=20s --after client=srv 'sleep 30' 'true'
	# five tries, about a second of back-off
	wait_for eval '[ "$(wc -l < tries)" -ge 5 ]'
	left=0
	for p in $(pgrep -x -f 'sleep 777.25'); do
		alive "$p" && left=$((left + 1))
	done
	[ "$left" -le 1 ]
	kill -TERM "$GPID"
	finish_grpsup
}
