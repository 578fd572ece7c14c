#!/usr/bin/env bats
# Command line: options, names, DURATION and SIG, usage errors.

load helpers

# usage_error ARGS...: grpsup exits 125 with a one-line message and a hint,
# and the program of the group (which would create ./started) never ran.
usage_error() {
	run --separate-stderr "$GRPSUP" "$@"
	assert_equal "$status" 125
	assert_equal "${#stderr_lines[@]}" 2
	assert_equal "${stderr_lines[1]}" "Try 'grpsup --help' for more information."
	assert_file_not_exists started
}

@test "an unknown option is a usage error naming it" {
	usage_error --frobnicate 'touch started'
	assert_equal "${stderr_lines[0]}" "grpsup: unknown option '--frobnicate'"
	usage_error -x 'touch started'
	assert_equal "${stderr_lines[0]}" "grpsup: unknown option '-x'"
}

@test "an option without its value is a usage error" {
	usage_error --grace
	assert_equal "${stderr_lines[0]}" "grpsup: option '--grace' needs a value"
}

@test "no command at all is a usage error" {
	usage_error
	assert_equal "${stderr_lines[0]}" "grpsup: no command given, and no ./grpsup.conf or ./Procfile here"
}

@test "an empty command is a usage error" {
	usage_error 'touch started' '  '
	assert_equal "${stderr_lines[0]}" "grpsup: command 2 is empty"
}

@test "a bad duration names the option and the value" {
	usage_error -g 10x 'touch started'
	assert_equal "${stderr_lines[0]}" "grpsup: --grace: invalid duration '10x' (use a number with ms, s, m or h)"
	usage_error --timeout=-1s 'touch started'
	usage_error -t 0 'touch started'
	assert_equal "${stderr_lines[0]}" "grpsup: --timeout: '0' is not a positive duration"
	usage_error -g 99999999h 'touch started'
	assert_equal "${stderr_lines[0]}" "grpsup: --grace: duration '99999999h' is too long (at most 8784h)"
	usage_error -g 1s5 'touch started'
	usage_error -g '' 'touch started'
}

@test "a bad signal is a usage error" {
	for sig in 0 65 SIG '' -15; do
		usage_error -s "$sig" 'touch started'
		assert_equal "${stderr_lines[0]}" "grpsup: --stop-signal: invalid signal '$sig'"
	done
	# a slip is named
	usage_error -s TERMS 'touch started'
	assert_equal "${stderr_lines[0]}" "grpsup: --stop-signal: invalid signal 'TERMS' (did you mean TERM?)"
	usage_error -s trem 'touch started'
	assert_equal "${stderr_lines[0]}" "grpsup: --stop-signal: invalid signal 'trem' (did you mean TERM?)"
}

@test "an unknown long option names the one most likely meant" {
	usage_error --grcae 1s 'touch started'
	assert_equal "${stderr_lines[0]}" "grpsup: unknown option '--grcae' (did you mean --grace?)"
	usage_error --ready-timout a=1s 'touch started'
	assert_equal "${stderr_lines[0]}" "grpsup: unknown option '--ready-timout' (did you mean --ready-timeout?)"
	usage_error --zzzz 'touch started'
	assert_equal "${stderr_lines[0]}" "grpsup: unknown option '--zzzz'"
}

@test "names: too few, too many, invalid, duplicate" {
	usage_error -n a 'touch started' 'true'
	assert_equal "${stderr_lines[0]}" "grpsup: --names: too few names for 2 commands"
	usage_error -n a,b,c 'touch started' 'true'
	assert_equal "${stderr_lines[0]}" "grpsup: --names: too many names for 2 commands"
	usage_error -n 'a,b c' 'touch started' 'true'
	assert_equal "${stderr_lines[0]}" "grpsup: --names: invalid name 'b c' (names are unique, of A-Z a-z 0-9 _ . -)"
	usage_error -n a,,b 'touch started' 'true' 'true'
	usage_error -n x,x 'touch started' 'true'
	assert_equal "${stderr_lines[0]}" "grpsup: --names: duplicate name 'x' (names are unique, of A-Z a-z 0-9 _ . -)"
}

@test "--exit-code-from must name a program" {
	usage_error -e nosuch 'touch started'
	assert_equal "${stderr_lines[0]}" "grpsup: --exit-code-from: no program named 'nosuch' (the programs: touch)"
	usage_error -n web,db -e wbe 'touch started' 'touch started'
	assert_equal "${stderr_lines[0]}" "grpsup: --exit-code-from: no program named 'wbe' (did you mean 'web'? the programs: web, db)"
}

@test "--help and --version print and exit 0" {
	run "$GRPSUP" --help
	assert_success
	assert_line --index 0 "Usage: grpsup [OPTION]... [--] COMMAND..."
	run "$GRPSUP" -V
	assert_success
	assert_output --regexp '^grpsup [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "names are derived from the first word; where several share it, from the word that tells them apart" {
	stubs ./bin/api npm x
	run "$GRPSUP" --check './bin/api --x' 'sleep 1' 'sleep 2' 'FOO=1 /usr/bin/env' 'sleep 3'
	assert_success
	assert_line --index 0 "api: ./bin/api --x"
	assert_line "1: sleep 1"
	assert_line "2: sleep 2"
	assert_line "env: FOO=1 /usr/bin/env"
	assert_line "3: sleep 3"
	run -0 "$GRPSUP" --check 'npm run api' 'npm run web' 'x y' 'x y' 'x y'
	assert_line "api: npm run api"
	assert_line "web: npm run web"
	assert_line "x: x y"
	assert_line "x-2: x y"
	assert_line "x-3: x y"
}

@test "a derived name is never an option, an exec or a VAR=value: python3 -m http.server is http.server" {
	run -0 "$GRPSUP" --check 'python3 -m http.server' 'python3 worker.py' 'exec sh -c "sleep 1"'
	assert_line "http.server: python3 -m http.server"
	assert_line "worker.py: python3 worker.py"
	assert_line 'sh: exec sh -c "sleep 1"'
	# so that -e can name it
	run -0 "$GRPSUP" -q -e http.server 'python3 -c "import time; time.sleep(30)"' \
		'python3 -m http.server --help'
}

@test "options stop at the first COMMAND; -- ends them too" {
	stubs -- -q -v
	run "$GRPSUP" --check -- 'echo a' -q
	assert_success
	assert_line "q: -q"	# a name is never an option
	run "$GRPSUP" --check -- -v
	assert_success
	assert_line "v: -v"
}

@test "--check shows direct exec or /bin/sh, stop signal, grace" {
	stubs ./api
	run "$GRPSUP" --check -n api,both -s quit -g 1m30s -t 250ms -e both './api --port 8080' 'a && b'
	assert_success
	assert_output "api: ./api --port 8080
  run: direct: ./api --port 8080
  stop: SIGQUIT, grace 1m30s
both: a && b
  run: via /bin/sh -c
  stop: SIGQUIT, grace 1m30s
timeout: 250ms
exit-code-from: both"
}

@test "durations: units, sums, bare seconds, fractions" {
	for d in 90s 1m30s 90 1.5m 90000ms 0.025h; do
		run "$GRPSUP" --check -g "$d" true
		assert_success
		assert_line "  stop: SIGTERM, grace 1m30s"
	done
	run "$GRPSUP" --check -g 0 true
	assert_line "  stop: SIGTERM, grace 0s"
	run "$GRPSUP" --check -g 1500ms true
	assert_line "  stop: SIGTERM, grace 1.500s"
}

@test "signals: names with or without SIG, any case, numbers" {
	for s in TERM SIGTERM sigterm Term 15; do
		run "$GRPSUP" --check -s "$s" true
		assert_success
		assert_line "  stop: SIGTERM, grace 10s"
	done
	run "$GRPSUP" --check -s 40 true
	assert_line "  stop: SIGRTMIN+6, grace 10s"
}

@test "a compound command runs through /bin/sh, which stays" {
	for c in 'a | b' 'a;b' 'a > f' 'a && b' 'if true; then x; fi' "$(printf 'a\nb')"; do
		run "$GRPSUP" --check "$c"
		assert_line "  run: via /bin/sh -c"
	done
	run "$GRPSUP" --check 'env A=1 B=x,y:z+@%/. -u C'
	assert_line "  run: direct: env A=1 B=x,y:z+@%/. -u C"
}

@test "an option after the commands is a usage error, not a program; after -- it is a command" {
	run --separate-stderr -125 "$GRPSUP" 'touch ran' -g 5s
	assert_equal "${stderr_lines[0]}" "grpsup: '-g' after the commands: options go before them (after --, every argument is a command)"
	assert_file_not_exists ran
	stubs -- -g
	run -0 "$GRPSUP" --check -- 'touch ran' -g
	assert_line -- "g: -g"
}

@test "grpsup sleep 1, unquoted: the message says that each command is one argument and shows the quoting" {
	run ! --separate-stderr "$GRPSUP" sleep 1	# 127, or sleep's 1 if it ends first
	use_stderr
	assert_line "grpsup | 1: exec 1: No such file or directory: each COMMAND is one argument: did you mean 'sleep 1', in quotes?"
	# a command that is simply missing keeps its plain message
	run -127 --separate-stderr "$GRPSUP" -q no-such-command-here
	assert_equal "${stderr_lines[0]}" "grpsup               | no-such-command-here: exec no-such-command-here: No such file or directory"
}
