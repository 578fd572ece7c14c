#!/usr/bin/env bats
# Label mode: labelled, lossless, line-atomic output with backpressure.

load helpers

# A program that waits for ./go before it exits.
wait_go() { echo "until [ -e go ]; do sleep 0.01; done"; }

# blocked_in_write PID: PID sleeps in a pipe write (its reader is full).
blocked_in_write() { [[ "$(cat "/proc/$1/wchan" 2>/dev/null)" == *pipe_write ]]; }
# yes_of PID: the pid of the child of PID that runs yes.
yes_of() {
	local c
	for c in $(children_of "$1"); do
		if [ "$(cat "/proc/$c/comm")" = yes ]; then echo "$c"; fi
	done
}

# out_is FORMAT: ./out holds exactly what printf FORMAT prints.
out_is() { printf "$1" | cmp -s - out; }

# nonblocking FD: the open file description behind our FD has O_NONBLOCK.
nonblocking() {
	local flags
	flags=$(awk '/^flags:/ { print $2 }' "/proc/$BASHPID/fdinfo/$1")
	[ -n "$flags" ] || { echo "no fd $1" >&2; return 2; }
	(( 8#$flags & 8#4000 ))
}

@test "lines are labelled with the name padded to the longest, stdout and stderr apart" {
	run --separate-stderr -0 "$GRPSUP" -q -n a,longname 'echo out; echo err >&2' "$(wait_go)"
	assert_equal "$output" "a        | out"
	assert_equal "$stderr" "a        | err"
}

@test "labels are at least as wide as grpsup's own" {
	run --separate-stderr -0 "$GRPSUP" -n a,b 'echo hi' 'sleep 30'
	assert_equal "$output" "a      | hi"
	assert_equal "${stderr_lines[0]}" "grpsup | a exited with status 0: stopping the group"
	assert_equal "${stderr_lines[${#stderr_lines[@]}-1]}" "grpsup | exiting with status 0"
}

@test "a program's last lines come before grpsup's words about its exit" {
	run --separate-stderr -3 "$GRPSUP" -n app,x 'seq 3 >&2; exit 3' 'sleep 30'
	assert_equal "${stderr_lines[0]}" "app    | 1"
	assert_equal "${stderr_lines[2]}" "app    | 3"
	assert_equal "${stderr_lines[3]}" "grpsup | app exited with status 3: stopping the group"
}

@test "bytes pass untouched: NUL, invalid UTF-8, tabs, CR, escapes" {
	"$GRPSUP" -q -n p "printf 'a\\000b\\377\\376\\t\\r\\033[1mc\\n\\303\\n'" > out
	printf 'p      | a\000b\377\376\t\r\033[1mc\np      | \303\n' > expected
	cmp out expected
}

@test "a last line without a newline gets one at the end" {
	"$GRPSUP" -q -n p "printf 'no newline'" > out
	printf 'p      | no newline\n' > expected
	cmp out expected
}

@test "a partial line shows after a short delay; its continuation gets a new label" {
	"$GRPSUP" -q -n p "printf 'Password: '; $(wait_go); echo more" > out 3>&- &
	GPID=$!
	wait_for out_is 'p      | Password: \n'
	touch go
	wait "$GPID"
	printf 'p      | Password: \np      | more\n' | cmp - out
}

@test "lines over 64 KiB are cut into labelled pieces, nothing dropped" {
	"$GRPSUP" -q -n p "head -c 150000 /dev/zero | tr '\\000' x; echo; echo next" > out
	run awk '{ print length($0) }' out
	# 9 bytes of label and 65536 + 65536 + 18928 bytes of line
	assert_output "65545
65545
18937
13"
	[ "$(tail -n 1 out)" = "p      | next" ]
	# a long line that arrives whole, in one read, is cut all the same
	{ head -c 100000 /dev/zero | tr '\000' y; echo; } > line
	"$GRPSUP" -q -n p 'cat line' > out
	run awk '{ print length($0) }' out
	assert_output "65545
34473"
}

@test "two programs at full speed: every line whole, in order, none lost" {
	"$GRPSUP" -q -n a,b,end 'seq 200000; touch a.done; exec sleep 30' \
		'seq 200000; touch b.done; exec sleep 30' \
		'until [ -e a.done ] && [ -e b.done ]; do sleep 0.01; done' > out
	[ "$(grep -c . out)" -eq 400000 ]
	# no mixed line: each is a label and a number
	[ "$(grep -Evc '^(a|b)      \| [0-9]+$' out)" -eq 0 ]
	seq 200000 > expected
	sed -n 's/^a      | //p' out | cmp - expected
	sed -n 's/^b      | //p' out | cmp - expected
}

@test "nothing is lost when a program writes megabytes and exits while the group stops" {
	head -c 3000000 /dev/urandom | base64 > data
	"$GRPSUP" -q -n big,other 'cat data' 'yes' > out
	grep '^big    | ' out | sed 's/^big    | //' | cmp - data
}

@test "a reader that goes away stops the group: 141, grpsup not killed by SIGPIPE" {
	run bash -c '"$0" -q -n y yes | head -n 2; echo "${PIPESTATUS[0]}"' "$GRPSUP"
	assert_output "y      | y
y      | y
141"
	"$WSTATUS" gpid bash -c '"$0" -q -n y yes | head -n 1 > /dev/null' "$GRPSUP" > end
	assert_equal "$(cat end)" "exit 0"
}

@test "programs start with SIGPIPE at its default, although grpsup ignores it" {
	run -0 "$GRPSUP" -q -n p 'grep SigIgn /proc/self/status'
	assert_output "p      | SigIgn:	0000000000000000"
}

@test "--color: always colours labels, never and auto off a terminal do not" {
	run -0 "$GRPSUP" -q --color always -n p 'echo hi'
	assert_output $'\033[36mp      |\033[0m hi'
	run -0 "$GRPSUP" -q --color never -n p 'echo hi'
	assert_output "p      | hi"
	run -0 "$GRPSUP" -q -n p 'echo hi'
	assert_output "p      | hi"
	run --separate-stderr "$GRPSUP" --color sometimes 'echo hi'
	assert_equal "$status" 125
	assert_equal "${stderr_lines[0]}" "grpsup: --color: 'sometimes' is not auto, always or never"
}

@test "--color auto colours on a terminal unless NO_COLOR is set" {
	command -v script >/dev/null || skip "script(1) is not installed"
	script -qec "$GRPSUP -q -n p 'echo hi'" /dev/null > out
	grep -q $'\033\\[36mp' out
	NO_COLOR=1 script -qec "$GRPSUP -q -n p 'echo hi'" /dev/null > out
	! grep -q $'\033' out
}

@test "--timestamps puts the time on every line" {
	run -0 "$GRPSUP" -q --timestamps -n p 'echo a; echo b'
	assert_line --index 0 --regexp '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} p      \| a$'
	assert_line --index 1 --regexp '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} p      \| b$'
}

@test "--raw: programs write straight to grpsup's stdout, grpsup speaks plainly" {
	run --separate-stderr -0 "$GRPSUP" --raw -n p 'echo plain'
	assert_equal "$output" "plain"
	assert_equal "${stderr_lines[0]}" "grpsup: p exited with status 0: stopping the group"
}

@test "no pipe of another program reaches a labelled program" {
	run -0 "$GRPSUP" -q -n a,b 'sleep 30' 'sleep 0.1; ls /proc/self/fd'
	assert_output "b      | 0
b      | 1
b      | 2
b      | 3"
}

@test "a stalled reader holds the programs, not the group: it stops on time, then every line arrives" {
	mkfifo pipe
	exec 6<>pipe			# a reader that does not read
	"$GRPSUP" -q -g 1s -n y,go 'yes' "$(wait_go)" > pipe 2> err 3>&- 6>&- &
	GPID=$!
	wait_for child_runs "$GPID" yes
	ypid=$(yes_of "$GPID")
	wait_for blocked_in_write "$ypid"
	touch go
	wait_for dead "$ypid"		# stopped by its TERM, not held by the pipe
	alive "$GPID"			# lines still to write
	exec 7<pipe
	exec 6<&-
	cat <&7 > got 3>&- &
	exec 7<&-
	wait "$GPID"
	wait
	[ "$(grep -c . got)" -gt 1000 ]
	[ "$(grep -cvx 'y      | y' got)" -eq 0 ]
}

@test "the stdout grpsup shares with its parent never becomes non-blocking" {
	mkfifo pipe
	exec 6<>pipe
	exec 7>pipe			# grpsup's stdout is this very description
	"$GRPSUP" -q -n y,go 'yes' "$(wait_go)" >&7 2> err 3>&- 6>&- &
	GPID=$!
	wait_for child_runs "$GPID" yes
	ypid=$(yes_of "$GPID")
	wait_for blocked_in_write "$ypid"	# grpsup's writes wait on a full pipe
	run nonblocking 7
	assert_equal "$status" 1
	exec 7>&-
	touch go
	# fd 6 is read-write: this reader never sees an end; it goes with grpsup
	cat <&6 > /dev/null 3>&- &
	catpid=$!
	wait "$GPID"
	kill "$catpid"
	exec 6<&-
}

# Two programs, out writing 20,000 lines to stdout and err 20,000 to stderr,
# as fast as they can; grpsup's stdout and stderr are one destination.
mixed_args() {
	local gen="$TOP/tests/helpers/line-check gen"
	MIXED=(-q --color never -n out,err --oneshot out --oneshot err
		"$gen out 20000" "$gen err 20000")
}

@test "one destination for stdout and stderr: a pipe read slowly (2>&1 | reader): 40,000 whole lines" {
	mixed_args
	run bash -c '"$@" 2>&1 | "$0" 20000 --slow' "$TOP/tests/helpers/line-check" "$GRPSUP" "${MIXED[@]}"
	assert_output "lines 40000 malformed 0 missing 0"
}

@test "one destination for stdout and stderr: a socket (as journald gives a service): 40,000 whole lines" {
	mixed_args
	run "$TOP/tests/helpers/line-check" 20000 --socket -- "$GRPSUP" "${MIXED[@]}"
	assert_output "lines 40000 malformed 0 missing 0"
}

@test "one destination for stdout and stderr: a file opened twice (>f 2>f): 40,000 whole lines" {
	mixed_args
	"$GRPSUP" "${MIXED[@]}" >both.txt 2>both.txt
	run "$TOP/tests/helpers/line-check" 20000 both.txt
	assert_output "lines 40000 malformed 0 missing 0"
}

@test "one destination for stdout and stderr: a terminal (a pty): 40,000 whole lines" {
	mixed_args
	run "$TOP/tests/helpers/pty-run" -- "$GRPSUP" "${MIXED[@]}"
	assert_output "exit 0"
	run "$TOP/tests/helpers/line-check" 20000 pty.out
	assert_output "lines 40000 malformed 0 missing 0"
}

@test "a write error other than EPIPE (/dev/full) is said once and stops the group with status 1" {
	run --separate-stderr -1 bash -c '"$0" -n talk,sleep "sh -c \"while :; do echo line; done\"" "sleep 30" >/dev/full' "$GRPSUP"
	use_stderr
	assert_line --index 0 "grpsup | grpsup cannot write to its stdout (No space left on device): stopping the group"
	assert_equal "$(grep -c 'No space left' <<<"$stderr")" 2	# the stop, and the summary
	assert_line 'grpsup | summary: stop trigger: grpsup cannot write to its stdout (No space left on device)'
	assert_line 'grpsup | exiting with status 1'
	# the report says which
	bash -c '"$0" -q --report report.json "echo hi" "sleep 30" >/dev/full' "$GRPSUP" || true
	assert_equal "$(python3 -c 'import json; r = json.load(open("report.json")); print(r["status"], r["trigger"]["kind"])')" "1 output-error"
	# a program that ended with 0 before the write failed: the failure is the output's
	run -1 bash -c '"$0" -q --oneshot echo "echo hi" >/dev/full' "$GRPSUP"
}

@test "a full file system (a tmpfs of 64 KiB) is a write error too: said, status 1, nothing hangs" {
	need_mount_namespace "a small tmpfs"
	mkdir fs
	run unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs "$1" && cd "$1" && "$2" -n yes,sleep "yes y" "sleep 30" >out 2>"$3"; echo "status $?"' sh "$PWD/fs" "$GRPSUP" "$PWD/err"
	assert_output "status 1"
	run cat err
	assert_line --index 0 "grpsup | grpsup cannot write to its stdout (No space left on device): stopping the group"
}

@test "under a slow reader every program gets its turn: none starves (8 programs, the bench's reader)" {
	# tests/bench/fair.sh: 8 programs at full speed, a reader of 4 KiB
	# every 10 ms; before the turns, 6 of the 8 got no byte through
	run -0 env GRPSUP="$GRPSUP" sh "$TOP/tests/bench/fair.sh"
	assert_line --regexp '^  bytes per program: ([1-9][0-9]* ){7}[1-9][0-9]*$'
	assert_line --regexp '^fairness: most/fewest bytes [0-9.]+, target <= 2: met$'
}

@test "a long line cut at the bound is never followed by an empty piece, wherever the reads fall" {
	# 256 KiB and 1 MiB lines written at once; then a 64 KiB line whose
	# newline comes in a later read
	python3 -c 'import sys; sys.stdout.buffer.write(b"x" * 65536)' > l64
	run -0 "$GRPSUP" -q -n a \
		"python3 -c 'import sys; w = sys.stdout.buffer.write; w(b\"y\" * 262144 + b\"\\n\"); w(b\"z\" * 1048576 + b\"\\n\")'" 
	run awk '{ print length($0) }' <<<"$output"
	assert_equal "$(sort <<<"$output" | uniq -c | awk '{ print $1, $2 }')" "20 65545"
	run -0 "$GRPSUP" -q -n a 'sh -c "cat l64; sleep 0.3; echo; echo next"'
	assert_equal "$(awk '{ print length($0) }' <<<"$output")" "65545
13"
}

@test "a block-buffering python loses its lines when -t stops it; PYTHONUNBUFFERED=1, as grpsup(1) and the README say, keeps them" {
	prog="python3 -c 'import time; print(\"hello\"); time.sleep(30)'"
	run -124 env -u PYTHONUNBUFFERED "$GRPSUP" -q -t 1s -n py "$prog"
	assert_output ""
	run -124 env PYTHONUNBUFFERED=1 "$GRPSUP" -q -t 1s -n py "$prog"
	assert_output "py     | hello"
	grep -q PYTHONUNBUFFERED "$TOP/man/grpsup.1"
	grep -q 'stdbuf -oL' "$TOP/man/grpsup.1"
	grep -q PYTHONUNBUFFERED "$TOP/README.md"
	grep -q 'stdbuf -oL' "$TOP/README.md"
}
