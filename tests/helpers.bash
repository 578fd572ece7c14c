# Shared by every bats file: libraries, paths, bounded waits.
bats_require_minimum_version 1.5.0
bats_load_library() { load "/usr/lib/bats/$1/load"; }
bats_load_library bats-support
bats_load_library bats-assert
bats_load_library bats-file

TOP=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
GRPSUP="$TOP/grpsup"
SIGMASK="$TOP/tests/helpers/sigmask"
WSTATUS="$TOP/tests/helpers/wstatus"

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
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

# pid_of FILE: the pid a program wrote into FILE, once it is there.
pid_of() {
	wait_for test -s "$1" && cat "$1"
}

# children_of PID: the pids whose parent is PID (this kernel has no
# /proc/PID/task/TID/children).
children_of() {
	local f
	for f in /proc/[0-9]*/stat; do
		awk -v p="$1" '{ sub(/.*\) /, ""); if ($2 == p) print FILENAME }' "$f" 2>/dev/null
	done | sed 's|/proc/||; s|/stat||'
}

# signal_seen FILE: a program's trap wrote into FILE.
signal_seen() { test -s "$1"; }

# start_grpsup ARGS...: run grpsup in the background under wstatus; its pid
# is in $GPID once it runs, its stderr in ./err, its end in ./end.
start_grpsup() {
	"$WSTATUS" gpid "$GRPSUP" "$@" >end 2>err &
	WPID=$!
	GPID=$(pid_of gpid)
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
