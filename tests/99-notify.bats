#!/usr/bin/env bats
# sd_notify, both sides (grpsup(1), "Readiness and start order"): a program
# that says "notify" gets its own NOTIFY_SOCKET and is ready on READY=1; under
# a manager's NOTIFY_SOCKET
# grpsup says READY=1 once every program is ready, and STOPPING=1.

load helpers

HELPERS="$TOP/tests/helpers"

@test "notify: the dependent starts on READY=1, not before" {
	run -0 "$GRPSUP" -q -n svc,client -e client --ready svc=notify \
		--after client=svc \
		"sh -c 'sleep 0.3; echo warm > state; $HELPERS/sd-notify READY=1; exec sleep 30'" \
		'cat state'
	assert_output 'client | warm'
}

@test "notify: STATUS= is shown in verbose mode, READY=1 may come with it" {
	run -0 --separate-stderr "$GRPSUP" -v -n svc,client -e client --ready svc=notify \
		--after client=svc \
		"sh -c '$HELPERS/sd-notify \"STATUS=warming up\"; $HELPERS/sd-notify \"STATUS=serving\\\\nREADY=1\"; exec sleep 30'" \
		'true'
	use_stderr
	assert_line 'grpsup | svc: status: warming up'
	assert_line 'grpsup | svc: status: serving'
	assert_line --regexp '^grpsup \| svc: ready after [0-9.]+s \(READY=1\)$'
}

@test "notify: control bytes of a STATUS= show as '?' in grpsup's line" {
	run -0 --separate-stderr "$GRPSUP" -v -n svc,c -e c --ready svc=notify --after c=svc \
		"sh -c '$HELPERS/sd-notify \"\$(printf \"STATUS=a\\033[2Jb\\tc\")\"; $HELPERS/sd-notify READY=1; exec sleep 30'" true
	use_stderr
	assert_line 'grpsup | svc: status: a?[2Jb	c'
}

@test "notify: each program gets its own socket, in the abstract namespace" {
	run -0 "$GRPSUP" -q -n a,b,c --ready a=notify --ready b=notify \
		--after c=a,b -e c \
		"sh -c 'echo \$NOTIFY_SOCKET > a.sock; $HELPERS/sd-notify READY=1; exec sleep 30'" \
		"sh -c 'echo \$NOTIFY_SOCKET > b.sock; $HELPERS/sd-notify READY=1; exec sleep 30'" \
		'sh -c "echo ${NOTIFY_SOCKET-none}"'
	assert_output 'c      | none'
	assert_equal "$(cut -c1 a.sock)" @
	assert_not_equal "$(cat a.sock)" "$(cat b.sock)"
}

@test "notify: no READY=1 ends in the ready-timeout" {
	printf '[program:svc]\ncommand = sh -c "%s STATUS=busy; exec sleep 30"\nready = notify\nready-timeout = 300ms\n' "$HELPERS/sd-notify" > grpsup.conf
	run -124 --separate-stderr "$GRPSUP"
	use_stderr
	assert_line 'grpsup | svc was not ready after 300ms (no READY=1 came): stopping the group'
}

@test "notify: systemd-notify itself works" {
	command -v systemd-notify >/dev/null || skip "no systemd-notify here"
	run -0 "$GRPSUP" -q -n svc,client -e client --ready svc=notify \
		--after client=svc \
		'sh -c "sleep 0.2; touch up; systemd-notify --ready; exec sleep 30"' \
		'ls up'
	assert_output 'client | up'
}

@test "notify: a datagram from another user is ignored" {
	[ "$(id -u)" = 0 ] || skip "needs root to send as another user"
	command -v setpriv >/dev/null || skip "no setpriv"
	cat > grpsup.conf <<-EOF
	[program:svc]
	command = sh -c 'setpriv --reuid=65534 --regid=65534 --clear-groups $HELPERS/sd-notify READY=1; exec sleep 30'
	ready = notify
	ready-timeout = 500ms
	[program:client]
	command = touch client-ran
	after = svc
	EOF
	run -124 "$GRPSUP" -q
	assert_file_not_exists client-ran
}

@test "notify: passed file descriptors are closed, not kept" {
	script='import os, socket, array
a = os.environ["NOTIFY_SOCKET"]; a = "\0" + a[1:]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
r, w = os.pipe()
s.sendmsg([b"READY=1"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [r]))], 0, a)
os.close(r)
open("pipe.ino", "w").write(str(os.fstat(w).st_ino))
import time; time.sleep(30)'
	start_grpsup -q -n svc,client --ready svc=notify --after client=svc \
		"python3 -c '$script'" 'sleep 30'
	wait_for child_runs "$GPID" sleep
	ino=$(cat pipe.ino)
	# the program's pipe: not among grpsup's descriptors
	run ls -l "/proc/$GPID/fd"
	refute_output --partial "pipe:[$ino]"
	kill -TERM "$GPID"
	finish_grpsup
}

@test "under a manager: READY=1 once every program is ready, then STOPPING=1" {
	python3 "$HELPERS/sd-listen" "$BATS_TEST_TMPDIR/m.sock" msgs up &
	LPID=$!
	wait_for test -e msgs.up
	NOTIFY_SOCKET="$BATS_TEST_TMPDIR/m.sock" start_grpsup -q -n srv,plain \
		--ready srv=file:up \
		'sh -c "echo ${NOTIFY_SOCKET-unset} > srv-env; sleep 0.3; touch up; exec sleep 30"' \
		'sh -c "echo ${NOTIFY_SOCKET-unset} > plain-env; exec sleep 30"'
	wait_for test -s msgs
	kill -TERM "$GPID"
	finish_grpsup
	wait_for grep -q STOPPING msgs
	kill "$LPID"
	assert_equal "$(cat msgs)" 'READY=1|STATUS=every program is ready +up
STOPPING=1 +up'
	assert_equal "$(cat srv-env plain-env)" 'unset
unset'
}

@test "under a manager: a notify program gets its own socket, not grpsup's" {
	NOTIFY_SOCKET=/nonexistent/sock run -0 --separate-stderr "$GRPSUP" -q -n svc,c -e c \
		--ready svc=notify --after c=svc \
		"sh -c 'echo \$NOTIFY_SOCKET > svc-env; $HELPERS/sd-notify READY=1; exec sleep 30'" true
	assert_equal "$(cut -c1 svc-env)" @
	use_stderr
	# the manager is not there: said once
	assert_output 'grpsup | NOTIFY_SOCKET: No such file or directory'
}

# stalled_reader: ./errpipe, a FIFO whose reader takes nothing until ./go
# exists, then copies everything to ./err; $reader is its pid.
stalled_reader() {
	cat > reader.py <<-'PY'
	import os, sys, time
	while not os.path.exists("go"):
	    time.sleep(0.01)
	sys.stdout.buffer.write(sys.stdin.buffer.read())
	PY
	mkfifo errpipe
	python3 reader.py <errpipe >err &
	reader=$!
}

@test "with -v and a stderr nobody reads, grpsup's memory stays bounded: each program's latest STATUS= is kept, not every one" {
	cat > flood.py <<-'PY'
	import os, socket, time
	addr = os.environ["NOTIFY_SOCKET"]
	addr = "\0" + addr[1:] if addr.startswith("@") else addr
	s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
	s.sendto(b"READY=1", addr)
	for i in range(200000):
	    s.sendto(b"STATUS=request %d of 200000" % i, addr)
	open("sent", "w").close()
	time.sleep(60)
	PY
	stalled_reader
	"$GRPSUP" -v -n svc --ready svc=notify 'python3 flood.py' >out 2>errpipe &
	pid=$!
	wait_for test -e sent
	# every datagram has been read (the sender waits while grpsup does not)
	rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")
	echo "grpsup's RSS with stderr stalled: $rss kB"
	# 1.9 MB here; every STATUS= kept took 11 MB (ASan's shadow is larger)
	ldd "$GRPSUP" | grep -q libasan || [ "$rss" -lt 6000 ]
	touch go
	kill -TERM "$pid"
	wait "$pid" || true
	wait "$reader"
	run cat err
	assert_line 'grpsup | svc: status: request 199999 of 200000'
	# fewer lines than datagrams: the older ones were replaced
	[ "$(grep -c 'status: request' err)" -lt 100000 ]
}

@test "grpsup's own messages while stderr is not read: past 256 KiB they are dropped, and a line says how many" {
	for i in $(seq 2999); do printf '[program:task-with-a-name-long-enough-to-fill-the-pipe-%d]\ncommand = true\noneshot = true\n' "$i"; done > grpsup.conf
	printf '[program:last]\ncommand = touch last\noneshot = true\n' >> grpsup.conf
	stalled_reader
	"$GRPSUP" -v --raw 2>errpipe &
	pid=$!
	# 3,000 tasks, each started, ready and ended, all while stderr waits
	for i in 1 2 3 4 5 6; do wait_for test -e last && break; done
	touch go
	wait "$pid"
	wait "$reader"
	run grep -E '^grpsup: [0-9]+ of grpsup.s messages were dropped while its stderr was not read$' err
	assert_success
	run tail -1 err
	assert_output 'grpsup: exiting with status 0'
}
