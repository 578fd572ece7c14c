# Shared by every bats file: libraries, paths, bounded waits.
bats_require_minimum_version 1.5.0
bats_load_library() { load "/usr/lib/bats/$1/load"; }
bats_load_library bats-support
bats_load_library bats-assert
bats_load_library bats-file

TOP=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
GRPSUP="${GRPSUP_UNDER_TEST:-$TOP/grpsup}"
SIGMASK="$TOP/tests/helpers/sigmask"
WSTATUS="$TOP/tests/helpers/wstatus"

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
	# every process this test starts carries it: see mine
	export GRPSUP_TEST_MARK="$BATS_TEST_TMPDIR"
}

# mine PATTERN: the pids of this test's processes (their environment has
# its mark) whose command line matches PATTERN: never another suite's, nor
# a user's "sleep 1000".
mine() {
	local p
	for p in $(pgrep -f "$1"); do
		tr '\0' '\n' < "/proc/$p/environ" 2>/dev/null |
			grep -qxF "GRPSUP_TEST_MARK=$GRPSUP_TEST_MARK" && echo "$p"
	done
	return 0
}

# runs_mine PATTERN: one of this test's processes matches PATTERN.
runs_mine() {
	[ -n "$(mine "$1")" ]
}

# need_mount_namespace WHAT: skip the test, saying why, where a mount
# namespace cannot be made or mounted in (a container without the
# privilege, a CI runner); WHAT says what the test needed it for.
need_mount_namespace() {
	local d
	d=$(mktemp -d)
	unshare -m mount -t tmpfs none "$d" 2>/dev/null ||
		{ rmdir "$d"; skip "unshare -m and mount are not permitted here ($1)"; }
	rmdir "$d"
}

# need_processes N: skip, saying why, where this user may not start N more
# processes (RLIMIT_NPROC counts every process of the user, as in a
# container whose limit is below what its host user already runs).
need_processes() {
	local limit have
	limit=$(ulimit -u)
	[ "$limit" = unlimited ] && return 0
	have=$(ps -u "$(id -u)" --no-headers 2>/dev/null | wc -l)
	# in a container, the processes its user runs outside are not seen
	[ $((limit - have)) -ge $(($1 + 50)) ] && [ "$limit" -ge $((2 * $1)) ] ||
		skip "the process limit (ulimit -u $limit, $have in use) is too low for the $1 this test starts"
}

# wait_for CMD...: run CMD every 10 ms until it succeeds; fail after 10 s.
wait_for() {
	local i
	for ((i = 0; i < 1000; i++)); do
		"$@" && return 0
		sleep 0.01
	done
	echo "timed out waiting for: $*" >&2
	return 1
}

# alive PID: the process exists and is not a zombie.
alive() {
	local state
	state=$(awk '/^State:/ { print $2 }' "/proc/$1/status" 2>/dev/null) || return 1
	[ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

dead() { ! alive "$1"; }

# stopped PID: the process is stopped (job control); going PID: it runs.
stopped() {
	[ "$(awk '/^State:/ { print $2 }' "/proc/$1/status" 2>/dev/null)" = T ]
}
going() { alive "$1" && ! stopped "$1"; }

# stubs PROGRAM...: executables that exit 0, for --check to find (it refuses a
# program it cannot find, as a run would): a path is made where it says, from
# the current folder; a bare name in ./stubs, which PATH then leads to.
stubs() {
	local s
	mkdir -p stubs
	for s in "$@"; do
		case $s in
		--) ;;
		*/*) mkdir -p "$(dirname "$s")" && printf '#!/bin/sh\n' > "$s" && chmod +x "$s" ;;
		*) printf '#!/bin/sh\n' > "stubs/$s" && chmod +x "stubs/$s" ;;
		esac
	done
	export PATH="$PWD/stubs:$PATH"
}

# catches PID SIG: the process has a handler for SIG (SigCgt of its status).
catches() {
	local mask bit
	mask=$(awk '/^SigCgt:/ { print $2 }' "/proc/$1/status" 2>/dev/null) || return 1
	[ -n "$mask" ] || return 1
	bit=$(( $(kill -l "$2") - 1 ))
	(( (16#$mask >> bit) & 1 ))
}

# pid_of FILE: the pid a program wrote into FILE, once it is there.
pid_of() {
	wait_for test -s "$1" && cat "$1"
}

# children_of PID: the pids whose parent is PID (this kernel has no
# /proc/PID/task/TID/children). One pgrep, not a process per /proc entry:
# with 1,500 programs a scan must take less time than grpsup's start.
children_of() {
	pgrep -P "$1" || true
}

# has_children PID N: PID has at least N children now (for wait_for).
has_children() {
	[ "$(children_of "$1" | wc -l)" -ge "$2" ]
}

# child_runs PID NAME: a child of PID runs the program NAME (it has exec'ed).
child_runs() {
	local c
	for c in $(children_of "$1"); do
		[ "$(cat "/proc/$c/comm" 2>/dev/null)" = "$2" ] && return 0
	done
	return 1
}

# kill_tree PID: SIGKILL PID and every descendant, so that a failed test
# leaves nothing running.
kill_tree() {
	local c
	for c in $(children_of "$1"); do
		kill_tree "$c"
	done
	kill -9 "$1" 2>/dev/null || true
}

teardown() {
	if [ -n "${GPID:-}" ] && alive "$GPID"; then
		kill_tree "$GPID"
	fi
}

# start_wrapped CMD...: run CMD in the background under wstatus; its pid is
# in $GPID once it runs, its stderr in ./err, how it ended in ./end.
start_wrapped() {
	# a second start in one test must not read the first one's pid
	rm -f gpid
	# 3>&-: bats reads fd 3 to its end; a leftover must not hold it
	"$WSTATUS" gpid "$@" >end 2>err 3>&- &
	WPID=$!
	GPID=$(pid_of gpid)
}

# start_grpsup ARGS...: grpsup ARGS, as start_wrapped runs it.
start_grpsup() {
	start_wrapped "$GRPSUP" "$@"
}

# finish_grpsup: wait for it (10 s at most) and set $END ("exit N", "signal N").
finish_grpsup() {
	wait_for dead "$WPID" || { kill -9 "$GPID"; return 1; }
	wait "$WPID" || true
	END=$(cat end)
}

# use_stderr: after run --separate-stderr, point bats-assert at stderr.
use_stderr() {
	output=$stderr
	lines=("${stderr_lines[@]}")
}

# free_port: a TCP port on 127.0.0.1 that nothing listens on now.
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# json EXPR: evaluate the Python expression EXPR on the report r
# (./report.json).
json() {
	python3 -c 'import json, sys; r = json.load(open("report.json")); print(eval(sys.argv[1]))' "$1"
}
