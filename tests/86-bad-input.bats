#!/usr/bin/env bats
# Hostile and mistaken input, table-driven: each case gives status 125, one
# or two lines of message that name the option, or the file and line, and
# starts nothing (every program would create ./started).

load helpers

# bad_args MESSAGE ARGS...: grpsup ARGS 'touch started' is refused with
# MESSAGE as its first line.
bad_args() {
	local message=$1
	shift
	run --separate-stderr "$GRPSUP" "$@"
	[ "$status" -eq 125 ] || { echo "status $status for: $*" >&2; return 1; }
	[ "${#stderr_lines[@]}" -ge 1 ] && [ "${#stderr_lines[@]}" -le 2 ] ||
		{ echo "${#stderr_lines[@]} lines for: $*" >&2; return 1; }
	[ "${stderr_lines[0]}" = "grpsup: $message" ] ||
		{ echo "for: $*"$'\n'"got:  ${stderr_lines[0]}"$'\n'"want: grpsup: $message" >&2; return 1; }
	[ -z "$output" ] && [ ! -e started ]
}

@test "bad command lines: 125, the option named, nothing started" {
	local n=0 long
	long=$(printf 'n%.0s' $(seq 1 100))
	mkdir adir
	while IFS='|' read -r args message; do
		eval "set -- $args"
		bad_args "$message" "$@"
		n=$((n + 1))
	done <<-EOF
	-g|option '-g' needs a value
	--bogus 'touch started'|unknown option '--bogus'
	-x 'touch started'|unknown option '-x'
	-g never 'touch started'|--grace: invalid duration 'never' (use a number with ms, s, m or h)
	-g 10x 'touch started'|--grace: invalid duration '10x' (use a number with ms, s, m or h)
	-g 99999999h 'touch started'|--grace: duration '99999999h' is too long (at most 8784h)
	-g 18446744073709551616ms 'touch started'|--grace: duration '18446744073709551616ms' is too long (at most 8784h)
	-g 1e9s 'touch started'|--grace: invalid duration '1e9s' (use a number with ms, s, m or h)
	-g -1s 'touch started'|--grace: invalid duration '-1s' (use a number with ms, s, m or h)
	-g '' 'touch started'|--grace: invalid duration '' (use a number with ms, s, m or h)
	-g 1.5.5s 'touch started'|--grace: invalid duration '1.5.5s' (use a number with ms, s, m or h)
	-g 5m-3s 'touch started'|--grace: invalid duration '5m-3s' (use a number with ms, s, m or h)
	--timeout= 'touch started'|--timeout: invalid duration '' (use a number with ms, s, m or h)
	-t 0 'touch started'|--timeout: '0' is not a positive duration
	-t 8785h 'touch started'|--timeout: duration '8785h' is too long (at most 8784h)
	-s 0 'touch started'|--stop-signal: invalid signal '0'
	-s 65 'touch started'|--stop-signal: invalid signal '65'
	-s SIGFOO 'touch started'|--stop-signal: invalid signal 'SIGFOO'
	-s '' 'touch started'|--stop-signal: invalid signal ''
	-s 15x 'touch started'|--stop-signal: invalid signal '15x'
	-s -15 'touch started'|--stop-signal: invalid signal '-15'
	-e nobody 'touch started'|--exit-code-from: no program named 'nobody' (the programs: touch)
	-n a,a 'touch started' 'touch started'|--names: duplicate name 'a' (names are unique, of A-Z a-z 0-9 _ . -)
	-n 'a b' 'touch started'|--names: invalid name 'a b' (names are unique, of A-Z a-z 0-9 _ . -)
	-n '' 'touch started'|--names: too few names for 1 commands
	-n a,b 'touch started'|--names: too many names for 1 commands
	-n a 'touch started' 'touch started'|--names: too few names for 2 commands
	-n ,a 'touch started'|--names: invalid name '' (names are unique, of A-Z a-z 0-9 _ . -)
	-n \$'a\\001\\033' 'touch started'|--names: invalid name 'a??' (names are unique, of A-Z a-z 0-9 _ . -)
	-n $long 'touch started'|--names: name '$(printf 'n%.0s' $(seq 1 64))...' is longer than 64 bytes
	--color sometimes 'touch started'|--color: 'sometimes' is not auto, always or never
	-f grpsup.conf 'touch started'|-f and COMMANDs together: give one or the other
	''|command 1 is empty
	'touch started' '  '|command 2 is empty
	--ready a 'touch started'|--ready: expected NAME=PROBE, not 'a'
	--ready touch=tcp://x:99999 'touch started'|--ready: touch: invalid probe 'tcp://x:99999' (tcp://HOST:PORT, PORT from 1 to 65535)
	--ready 'touch=http://h:80/a b' 'touch started'|--ready: touch: invalid probe 'http://h:80/a b' (http://HOST:PORT/PATH)
	--after touch=b, 'touch started'|--after: touch: invalid list 'b,' (program names separated by commas)
	--after touch=touch 'touch started'|--after: touch: 'touch' cannot wait for itself
	--oneshot '' 'touch started'|--oneshot: no program named '' (the programs: touch)
	--env-file missing.env 'touch started'|--env-file: 'missing.env': No such file or directory
	--env-file adir 'touch started'|--env-file: 'adir': Is a directory
	--check -g bad 'touch started'|--grace: invalid duration 'bad' (use a number with ms, s, m or h)
	EOF
	echo "$n cases"
	[ "$n" -ge 40 ]
}

# bad_file MESSAGE: ./bad is refused with exactly MESSAGE (one line).
bad_file() {
	run --separate-stderr "$GRPSUP" -f bad
	[ "$status" -eq 125 ] && [ "${#stderr_lines[@]}" -eq 1 ] &&
		[ "$stderr" = "$1" ] && [ -z "$output" ] && [ ! -e started ] ||
		{ echo "got ($status): $stderr"$'\n'"want: $1" >&2; return 1; }
}

@test "bad files: 125, FILE:LINE: message, nothing started" {
	local n=0 content message
	while IFS='|' read -r content message; do
		printf "$content" > bad
		bad_file "$message"
		n=$((n + 1))
	done <<-'EOF'
	|bad: no programs
	[grpsup]\ngrace = 1s\n|bad: no programs
	[program:]\ncommand = x\n|bad:1: invalid program name '' (1 to 64 of A-Z a-z 0-9 _ . -)
	[program:a b]\ncommand = x\n|bad:1: invalid program name 'a b' (1 to 64 of A-Z a-z 0-9 _ . -)
	[program:a]\ncommand = touch started\n[program:a]\ncommand = y\n|bad:3: program 'a' is defined twice (first on line 1)
	[program:a]\ncommand = touch started\ncommand = y\n|bad:3: duplicate key 'command' (first on line 2)
	[program:a]\ncommand = touch started\ngrace = 10x\n|bad:3: grace: invalid duration '10x' (use a number with ms, s, m or h)
	[program:a]\ncommand = touch started\ngrace = 99999999999999999999s\n|bad:3: grace: duration '99999999999999999999s' is too long (at most 8784h)
	[program:a]\ncommand = touch started\nstop-signal = 0\n|bad:3: stop-signal: invalid signal '0'
	[program:a]\ncommand = touch started\nstop-signal = 65\n|bad:3: stop-signal: invalid signal '65'
	[program:a]\ncommand = touch \0started\n|bad:2: NUL byte in the line
	a: touch\0 started\n|bad:1: NUL byte in the line
	[program:a]\ncommand = touch started\nafter = nobody\n|bad:3: after: no program named 'nobody'
	[program:a]\ncommand = touch started\nafter = b\n[program:b]\ncommand = y\nafter = a\n|bad:6: after: dependency cycle: a -> b -> a
	[program:a]\ncommand = touch started\nready = ftp://x\n|bad:3: ready: invalid probe 'ftp://x' (tcp://HOST:PORT, http://HOST:PORT/PATH, file:PATH, unix:PATH, exec:COMMAND, log:REGEX or notify)
	[program:a]\ncommand = touch started\noneshot = maybe\n|bad:3: oneshot: 'maybe' is not true or false
	[program:a]\ncommand = touch started\noutput = file\n|bad:3: output: 'file' is not label, raw or null
	[program:a]\ncommand = touch started\nenv = NO KEY\n|bad:3: env: expected '=' after KEY 'NO', not 'KEY'
	[program:a]\ncommand = touch started\nuser = no-such-user-here\n|bad:3: unknown user 'no-such-user-here'
	[program:a]\ncommand = touch started\ndirectory = /no/such/dir\n|bad:3: directory '/no/such/dir': No such file or directory
	[program:a]\ncommand = touch started\n[grpsup]\nexit-code-from = b\n|bad:4: exit-code-from: no program named 'b'
	[program:a]\ncommand = touch started\n[grpsup]\ncolor = x\n|bad:4: color: 'x' is not auto, always or never
	[program:a]\nready = notify\n|bad:1: program 'a' has no command
	[program:a]\ncommand = \n|bad:2: command is empty
	[program:a]\ncommand = touch started\n[other]\n|bad:3: unknown section '[other]' (use [grpsup] or [program:NAME])
	web bundle exec\n|bad:1: expected 'name: command'
	a b: touch started\n|bad:1: invalid program name 'a b' (1 to 64 of A-Z a-z 0-9 _ . -)
	a:\n|bad:1: command is empty
	\033[2J[program:a]\ncommand = x\n|bad:1: invalid program name '?[2J[program' (1 to 64 of A-Z a-z 0-9 _ . -)
	EOF
	echo "$n cases"
	[ "$n" -ge 25 ]
}

@test "a file too long for a line, and a file grpsup may not read" {
	{ printf '[program:'; head -c 100000 /dev/zero | tr '\0' a; printf ']\ncommand = touch started\n'; } > bad
	run --separate-stderr "$GRPSUP" -f bad
	assert_equal "$status" 125
	assert_equal "${#stderr_lines[@]}" 1
	assert_equal "${stderr:0:36}" "bad:1: invalid program name 'aaaaaaa"
	assert_file_not_exists started
	printf '[program:a]\ncommand = touch started\n' > bad
	chmod 000 bad
	if [ "$(id -u)" = 0 ]; then
		command -v setpriv >/dev/null || skip "no setpriv"
		chmod 755 "$BATS_TEST_TMPDIR"
		run --separate-stderr setpriv --reuid=65534 --regid=65534 --clear-groups "$GRPSUP" -f bad
	else
		run --separate-stderr "$GRPSUP" -f bad
	fi
	assert_equal "$status" 125
	assert_equal "$stderr" "grpsup: -f: cannot read 'bad': Permission denied"
	assert_file_not_exists started
}

@test "--forward refuses what can never be forwarded: KILL, STOP, the stop signals, job control" {
	run -125 --separate-stderr "$GRPSUP" -n a --forward a=KILL,STOP,TERM 'touch started'
	use_stderr
	assert_line --index 0 "grpsup: --forward: a: SIGKILL cannot be forwarded: it cannot be caught"
	run -125 --separate-stderr "$GRPSUP" -n a --forward a=USR1,TERM true
	use_stderr
	assert_line --index 0 "grpsup: --forward: a: SIGTERM cannot be forwarded: it stops the group, and each program gets its stop signal"
	run -125 --separate-stderr "$GRPSUP" -n a --forward a=CONT true
	use_stderr
	assert_line --index 0 "grpsup: --forward: a: SIGCONT cannot be forwarded: job control goes to every program"
	assert_file_not_exists started
	run -0 "$GRPSUP" --check -n a --forward a=USR1,RTMIN+1,SIGRTMAX-2 true
}

@test "a 100 KB value is cut in its message, which keeps its hint" {
	big=$(head -c 100000 /dev/zero | tr '\0' x)
	run -125 --separate-stderr "$GRPSUP" -n a --ready "a=$big" true
	use_stderr
	assert_line --index 0 "grpsup: --ready: a: invalid probe '$(head -c 64 /dev/zero | tr '\0' x)...' (tcp://HOST:PORT, http://HOST:PORT/PATH, file:PATH, unix:PATH, exec:COMMAND, log:REGEX or notify)"
	run -125 --separate-stderr "$GRPSUP" -g "${big}s" true
	use_stderr
	assert_line --index 0 --regexp "^grpsup: --grace: invalid duration 'x{64}\.\.\.' "
}

@test "a config or env file that others can write gets a warning; the run goes on" {
	printf 'A=1\n' > open.env
	chmod 666 open.env
	run -0 --separate-stderr "$GRPSUP" -q --env-file open.env true
	assert_equal "$stderr" "open.env: warning: anyone can write it (mode 0666), and so choose what grpsup runs"
	printf '[program:a]\ncommand = true\n' > grpsup.conf
	chmod 646 grpsup.conf
	run -0 --separate-stderr "$GRPSUP" -q
	assert_equal "$stderr" "grpsup.conf: warning: anyone can write it (mode 0646), and so choose what grpsup runs"
	chmod 644 grpsup.conf open.env
	if [ "$(id -u)" = 0 ] && chown nobody grpsup.conf 2>/dev/null; then
		run -0 --separate-stderr "$GRPSUP" -q
		assert_equal "$stderr" "grpsup.conf: warning: it belongs to uid $(id -u nobody), who can so choose what grpsup, running as root, runs"
		chown 0 grpsup.conf
	fi
	run -0 --separate-stderr "$GRPSUP" -q --env-file open.env
	assert_equal "$stderr" ""
}
