#!/usr/bin/env bats
# Faults around grpsup: it says what failed, stops the group, exits 125 for
# its own failures, and leaves nothing running.

load helpers

# nothing_runs MARK: no process of this test has MARK in its command line.
nothing_runs() {
	! runs_mine "$1"
}

# none_left MARK: wait until nothing_runs MARK; else show what runs, and fail.
none_left() {
	wait_for nothing_runs "$1" && return 0
	ps -o pid,ppid,stat,args -p "$(mine "$1" | paste -sd,)"
	return 1
}

@test "fork fails (ulimit -u): the group stops with 125, nothing is left" {
	[ "$(id -u)" = 0 ] || skip "needs root to run as another user"
	command -v setpriv >/dev/null || skip "no setpriv"
	# nobody's processes now, plus grpsup and two programs
	limit=$(( $(pgrep -u 65534 | wc -l) + 3 ))
	run --separate-stderr setpriv --reuid=65534 --regid=65534 --clear-groups -- \
		bash -c "ulimit -u $limit && exec $GRPSUP -g 1s -n a,b,c,d 'sleep 301' 'sleep 302' 'sleep 303' 'sleep 304'"
	assert_equal "$status" 125
	use_stderr
	assert_line --regexp '^grpsup \| [a-d]: fork: Resource temporarily unavailable$'
	assert_line 'grpsup | exiting with status 125'
	none_left 'sleep 30[1-4]'
}

@test "out of file descriptors (ulimit -n): the group stops with 125, nothing is left" {
	cmds=()
	for i in $(seq 1 20); do cmds+=("sleep 40$i"); done
	run --separate-stderr sh -c 'ulimit -n 16 && exec "$@"' sh "$GRPSUP" -g 1s "${cmds[@]}"
	assert_equal "$status" 125
	use_stderr
	# derived names: the word that tells the commands apart, 401 to 4020;
	# the pipes fail, and are said as such (not "fork:", no fork failed)
	assert_line --regexp '^grpsup +\| 40[0-9]+: pipe: Too many open files$'
	refute_line --partial 'fork:'
	assert_line --regexp '^grpsup +\| exiting with status 125$'
	none_left 'sleep 40[0-9]'
}

@test "/dev/null missing: a clear message, 125, nothing started" {
	need_mount_namespace "a /dev without /dev/null"
	run --separate-stderr unshare -m sh -c "mount -t tmpfs none /dev && exec $GRPSUP --report report.json -n a,b 'touch started' true"
	assert_equal "$status" 125
	assert_equal "$stderr" "grpsup: cannot start the group: /dev/null: No such file or directory"
	assert_file_not_exists started
	# every end the report gives is one grpsup(1) names
	run python3 -c 'import json; r = json.load(open("report.json")); print(r["status"], [p["end"] for p in r["programs"]])'
	assert_output "125 ['not-started', 'not-started']"
}

@test "a file that never ends (/dev/zero) is said with its name, 125: over 64 MiB, or out of memory first" {
	run -125 --separate-stderr "$GRPSUP" -f /dev/zero
	assert_equal "$stderr" "/dev/zero: larger than 64 MiB, too large to be read"
	ldd "$GRPSUP" | grep -q libasan && skip "a sanitized build: ASan reserves more address space than any ulimit -v allows"
	run -125 --separate-stderr sh -c 'ulimit -v 60000 && exec "$@"' sh "$GRPSUP" --env-file /dev/zero true
	assert_equal "${stderr_lines[0]}" "grpsup: --env-file: '/dev/zero': Cannot allocate memory"
	printf '[program:a]\ncommand = touch started\nenv-file = /dev/zero\n' > z.conf
	run -125 --separate-stderr sh -c 'ulimit -v 60000 && exec "$@"' sh "$GRPSUP" -f z.conf
	assert_equal "$stderr" "z.conf:3: env-file '/dev/zero': Cannot allocate memory"
	assert_file_not_exists started
}

@test "/dev/null that is not a device: programs still run" {
	need_mount_namespace "a file over /dev/null"
	: > fake-null
	run -0 unshare -m sh -c "mount --bind fake-null /dev/null && exec $GRPSUP -q 'sh -c \"cat; echo ran\"'"
	assert_output 'sh     | ran'
}

@test "a program that closes its stdout early: its stderr still comes, its status counts" {
	run -4 --separate-stderr "$GRPSUP" -q -n p 'sh -c "echo first; exec >&-; sleep 0.2; echo late >&2; exit 4"'
	assert_output 'p      | first'
	assert_equal "$stderr" 'p      | late'
}

@test "a program that reads its stdin gets EOF at once; one that never reads is fine" {
	run -0 "$GRPSUP" -q -n reader,idle -e reader 'sh -c "cat; echo eof"' 'sleep 30'
	assert_output 'reader | eof'
}

@test "a signal storm: thousands of USR1 are forwarded, grpsup survives and still stops" {
	# a plain command: no shell between grpsup and the program, which a
	# forwarded USR1 would kill
	cat > counter.py <<-'EOF'
	import signal, sys, time
	n = [0]
	signal.signal(signal.SIGUSR1, lambda *a: n.__setitem__(0, n[0] + 1))
	signal.signal(signal.SIGTERM, lambda *a: (open("count", "w").write(str(n[0])), sys.exit(0)))
	open("ready", "w").close()
	while True:
	    time.sleep(1)
	EOF
	start_grpsup -q -n counter 'python3 counter.py'
	wait_for test -e ready
	python3 -c 'import os, signal, sys
for _ in range(5000): os.kill(int(sys.argv[1]), signal.SIGUSR1)' "$GPID"
	alive "$GPID"
	kill -TERM "$GPID"
	finish_grpsup
	assert_equal "$END" "signal 15"
	# signals coalesce: at least one arrived, at most all of them
	[ "$(cat count)" -ge 1 ] && [ "$(cat count)" -le 5000 ]
}

@test "a descendant that keeps the output pipe open: grpsup stops it and exits" {
	# setsid: a leftover out of p's process group (one in it would make p
	# "killed after the grace", 137: 40-orphans)
	start_grpsup -q -g 1s -n p,q 'sh -c "setsid sh -c \"trap \\\"\\\" TERM; exec sleep 305\" & sleep 0.2; exit 0"' 'sleep 306'
	finish_grpsup
	assert_equal "$END" "exit 0"
	none_left 'sleep 30[56]'
}

@test "600 programs under a soft limit of 1024 descriptors: grpsup raises its own, programs keep theirs" {
	[ "$(ulimit -Hn)" = unlimited ] || [ "$(ulimit -Hn)" -ge 4096 ] || skip "hard limit too low"
	cmds=()
	for i in $(seq 1 599); do cmds+=("sleep 50$i"); done
	run -0 bash -c 'ulimit -Sn 1024 && exec "$@"' bash "$GRPSUP" -q -n "$(seq -s, -f 'p%g' 1 599),last" -e last "${cmds[@]}" 'sh -c "ulimit -Sn"'
	assert_output 'last   | 1024'
	none_left 'sleep 50[0-9]'
}

@test "a file size limit on grpsup's output file does not kill grpsup (SIGXFSZ ignored)" {
	run bash -c 'ulimit -f 1 && exec "$@" > out.txt' bash "$GRPSUP" -n talker,w "sh -c 'head -c 100000 /dev/zero | tr \"\\\\0\" x | fold -w 100'" 'sleep 0.5'
	# not 153 (death by SIGXFSZ): grpsup lived to say its summary
	[ "$status" -ne 153 ]
	assert_line --partial "summary: stop trigger"
}

@test "libev's own failure at a tiny descriptor limit is a line and 125, never an abort" {
	# LeakSanitizer itself cannot open /proc under such a limit
	if ldd "$GRPSUP" | grep -q libasan; then
		skip "a sanitized build: LeakSanitizer needs descriptors of its own"
	fi
	# only 0, 1 and 2 open: libev's own pipe is what fails at 4 or 5
	for n in 4 5 6 7 8; do
		run --separate-stderr sh -c "exec 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-; ulimit -n $n && exec \"\$@\"" sh "$GRPSUP" -q 'sleep 0.1'
		[ "$status" -eq 0 ] || [ "$status" -eq 125 ]
		[ "$status" -eq 0 ] || [ "${#stderr_lines[@]}" -eq 1 ]
		[ "$status" -eq 0 ] || [[ "$stderr" == grpsup* ]]
	done
}

@test "out of memory for output buffers (ulimit -v): the pipes wait, no line is lost, said once" {
	ldd "$GRPSUP" | grep -q libasan && skip "a sanitized build: ASan reserves more address space than any ulimit -v allows"
	local names=() cmds=() once=() i n
	for i in $(seq 40); do
		names+=("w$i")
		once+=(--oneshot "w$i")
		cmds+=("seq -f 'w$i %g' 1 20000")
	done
	n=$(IFS=,; echo "${names[*]}")
	# 40 buffers of 256 KiB do not fit; the reader starts a second late
	bash -c '(ulimit -v 12000 && exec "$@") 2>err; echo $? > status' sh \
		"$GRPSUP" -n "$n" "${once[@]}" "${cmds[@]}" | (sleep 1; cat > out)
	assert_equal "$(cat status)" 0
	run grep -c 'Cannot allocate memory' err
	assert_output 1
	run grep -E '^grpsup +\| w[0-9]+: read its output \(its pipe waits until memory is free\): Cannot allocate memory$' err
	assert_success
	# every line of every program, in its order
	for i in $(seq 40); do
		[ "$(grep "^w$i *| " out | sed 's/.* //' | awk '$1 != NR { exit 1 } END { print NR }')" = 20000 ] ||
			{ echo "w$i lost lines"; return 1; }
	done
}

@test "output lost all the same for want of memory is a failure of grpsup's output: status 1, said, reported" {
	ldd "$GRPSUP" | grep -q libasan && skip "a sanitized build: its allocator takes no LD_PRELOAD before it"
	# once the program runs, no memory for what the stalled stdout cannot
	# take yet (a writer keeps it in 4 KiB and more)
	# local: the next tests of this file must not inherit them
	local -x LD_PRELOAD="$TOP/tests/helpers/failrealloc.so" FAILREALLOC_MAX=2048 \
		FAILREALLOC_AFTER="$PWD/nomem" STALLED_WAIT=1 STALLED_SLEEP=0
	start_stalled -g 1s --report report.json
	touch nomem go
	# the program exits 0; its output waits a grace for the stalled reader
	wait_for dead "$GPID"
	exec 7>&-
	unset LD_PRELOAD
	run cat err
	assert_line "grpsup | output for its stdout was lost: no memory to keep what its reader had not taken yet"
	assert_line "grpsup | exiting with status 1"
	assert_equal "$(json 'r["status"]')" 1
	[ "$(json 'r["undelivered_bytes"]')" -gt 0 ]
}

# start_stalled ARGS...: grpsup ARGS with a program that writes 200 KB (once
# ./go exists, if $STALLED_WAIT is set) and sleeps 30 s ($STALLED_SLEEP),
# its stdout a FIFO that is open but never read (fd 7 holds it; closing it
# leaves no reader, so that wstatus, blocked writing its line there, ends);
# $GPID once the program runs.
start_stalled() {
	mkfifo stalled
	exec 7<>stalled
	rm -f gpid
	"$WSTATUS" gpid "$GRPSUP" "$@" -n w \
		'python3 -c "import os, sys, time
while os.environ.get(\"STALLED_WAIT\") and not os.path.exists(\"go\"): time.sleep(0.01)
sys.stdout.write(\"x\" * 200000 + \"\n\"); sys.stdout.flush()
time.sleep(float(os.environ.get(\"STALLED_SLEEP\", \"30\")))"' \
		> stalled 2> err 3>&- 7>&- &
	WPID=$!
	GPID=$(pid_of gpid)
	wait_for has_children "$GPID" 1
	# unless it waits for ./go, the FIFO is full: grpsup holds the rest
	[ -n "${STALLED_WAIT:-}" ] || wait_for fifo_holds stalled 65536
}

# fifo_holds FIFO N: at least N bytes wait in FIFO (read by nobody).
fifo_holds() {
	python3 -c 'import fcntl, os, struct, sys, termios
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_NONBLOCK)
n = struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0" * 4))[0]
sys.exit(0 if n >= int(sys.argv[2]) else 1)' "$1" "$2"
}

@test "a stalled stdout keeps grpsup no longer than the grace once nothing runs: the lost bytes are said and reported" {
	start_stalled -g 1s --report report.json
	kill -TERM "$GPID"
	# wstatus itself writes to the stalled FIFO: watch grpsup
	wait_for dead "$GPID"
	exec 7>&-
	run cat err
	assert_line --regexp "^grpsup \| [0-9]+ bytes of output could not be delivered: their reader took nothing more within the 1s grace$"
	assert_line "grpsup | exiting with status 143 (SIGTERM)"
	[ "$(json 'r["undelivered_bytes"]')" -gt 0 ]
}

@test "a second stop signal ends the wait for a stalled stdout at once" {
	start_stalled -g 60s
	kill -TERM "$GPID"
	wait_for eval '! has_children "$GPID" 1'
	# from another sender: the same one within a second counts once
	sh -c 'kill -TERM "$1"' sh "$GPID"
	# wstatus itself writes to the stalled FIFO: watch grpsup
	wait_for dead "$GPID"
	exec 7>&-
	run cat err
	assert_line --regexp "^grpsup \| [0-9]+ bytes of output could not be delivered"
}
