#!/usr/bin/env bats
# Validation before anything starts: every error is "FILE:LINE: message",
# status 125, and no program has run (each file's first program would
# create ./started).

load helpers

# refused EXPECTED: grpsup.conf (already written, after a first program that
# touches ./started) is refused with exactly the message EXPECTED.
refused() {
	run --separate-stderr "$GRPSUP" -f grpsup.conf
	assert_equal "$status" 125
	assert_equal "$stderr" "$1"
	assert_equal "$output" ""
	assert_file_not_exists started
}

# conf LINES...: grpsup.conf with a first program, then LINES.
conf() {
	printf '[program:first]\ncommand = touch started\n' > grpsup.conf
	printf '%s\n' "$@" >> grpsup.conf
}

@test "unknown section, unknown key, key of the other section" {
	conf '[programs:x]'
	refused "grpsup.conf:3: unknown section '[programs:x]' (use [grpsup] or [program:NAME])"
	conf 'comand = x'
	refused "grpsup.conf:3: unknown key 'comand' in [program:first]: did you mean 'command'?"
	conf '[grpsup]' 'command = x'
	refused "grpsup.conf:4: unknown key 'command' in [grpsup]: 'command' belongs in a [program:NAME] section"
	conf 'exit-code-from = first'
	refused "grpsup.conf:3: unknown key 'exit-code-from' in [program:first]: 'exit-code-from' is a [grpsup] key"
	conf 'bogus = 1'
	refused "grpsup.conf:3: unknown key 'bogus' in [program:first]"
}

@test "a supervisord file: every unknown key and section in one run, each with grpsup's equivalent" {
	cat > grpsup.conf <<-'CONF'
	[supervisord]
	nodaemon=true
	logfile=/dev/null

	[program:web]
	command=touch started
	stopsignal=QUIT
	stopwaitsecs=30
	environment=A="1",B="2"
	priority=10
	stdout_logfile=/dev/stdout
	autorestart=true
	stop_signal=TERM
	gracee=3s
	timeout=5s

	[group:all]
	programs=web
	CONF
	refused "grpsup.conf:1: unknown section '[supervisord]' (use [grpsup] or [program:NAME]; supervisord's own; group settings go in [grpsup])
grpsup.conf:7: unknown key 'stopsignal' in [program:web]: grpsup's is 'stop-signal'
grpsup.conf:8: unknown key 'stopwaitsecs' in [program:web]: grpsup's is 'grace' (grace = 10s)
grpsup.conf:9: unknown key 'environment' in [program:web]: grpsup's is 'env', one KEY=VALUE per env line
grpsup.conf:10: unknown key 'priority' in [program:web]: grpsup orders programs with 'after = NAME'
grpsup.conf:11: unknown key 'stdout_logfile' in [program:web]: grpsup's is 'output' (label, raw or null); it writes no log files
grpsup.conf:12: unknown key 'autorestart' in [program:web]: grpsup never restarts a program: the outer manager restarts the group
grpsup.conf:13: unknown key 'stop_signal' in [program:web]: did you mean 'stop-signal'?
grpsup.conf:14: unknown key 'gracee' in [program:web]: did you mean 'grace'?
grpsup.conf:15: unknown key 'timeout' in [program:web]: 'timeout' is a [grpsup] key
grpsup.conf:17: unknown section '[group:all]' (use [grpsup] or [program:NAME]; a file is one group)"
}

@test "unknown keys come with the error that stopped the reading; past 2 KiB, how many more" {
	conf 'stopsignal = QUIT' 'grace = forever' 'after = first'
	refused "grpsup.conf:3: unknown key 'stopsignal' in [program:first]: grpsup's is 'stop-signal'
grpsup.conf:4: grace: invalid duration 'forever' (use a number with ms, s, m or h)"
	conf
	for i in $(seq 100); do echo "unknown$i = 1"; done >> grpsup.conf
	run --separate-stderr -125 "$GRPSUP" -f grpsup.conf
	local n=${#stderr_lines[@]}
	[ "$n" -gt 20 ]
	assert_equal "${stderr_lines[n - 2]}" "grpsup.conf:$((n + 2)): unknown key 'unknown$((n - 1))' in [program:first]"
	assert_equal "${stderr_lines[n - 1]}" "grpsup.conf: and $((101 - n)) more unknown keys or errors"
	assert_file_not_exists started
}

@test "supervisord's %(...)s expansions are refused, each with what to write" {
	conf '[program:b]' 'command = cd %(ENV_HOME)s && run'
	refused "grpsup.conf:4: command: supervisord's '%(ENV_HOME)s' is not expanded: write \$HOME (grpsup passes the environment on)"
	conf '[program:b]' 'command = echo %(program_name)s'
	refused "grpsup.conf:4: command: supervisord's '%(program_name)s' is not expanded: the program's name is in \$GRPSUP_NAME"
	conf '[program:b]' 'command = x' 'directory = %(here)s/app'
	refused "grpsup.conf:5: directory: supervisord's '%(here)s' is not expanded: relative paths are taken from the file's folder"
	# quoted, for the shell reads a bare '(' as its own
	conf '[program:b]' "command = echo '%(process_num)02d'"
	run -0 "$GRPSUP" --check -f grpsup.conf
	conf '[program:b]' 'command = echo %(process_num)d'
	refused "grpsup.conf:4: command: supervisord's '%(process_num)d' is not expanded by grpsup"
}

@test "--check warns on ' ; text' in a command, which sh runs and supervisord took as a comment" {
	printf '[program:a]\ncommand=echo hi ; comment\n[program:b]\ncommand=echo "x ; y" ;\n[program:c]\ncommand = echo a\\ ; b\n' > grpsup.conf
	run --separate-stderr -0 "$GRPSUP" --check -f grpsup.conf
	assert_equal "$stderr" "grpsup.conf:2: warning: a: '; comment' runs as a second command (supervisord took ' ; ' as the start of a comment)
grpsup.conf:6: warning: c: '; b' runs as a second command (supervisord took ' ; ' as the start of a comment)"
	assert_line --index 0 "a: echo hi ; comment"
}

@test "syntax: a line that is no key, a section without ']', text after it" {
	conf 'just words'
	refused "grpsup.conf:3: expected 'key = value' or '[section]'"
	conf '[program:x'
	refused "grpsup.conf:3: section without its ']'"
	conf '[program:x] trailing'
	refused "grpsup.conf:3: unexpected text after ']'"
}

@test "a key outside any section, and a key twice" {
	printf '[program:first]\ncommand = touch started\n' > body
	{ printf '; top\n[grpsup]\n'; cat body; } > grpsup.conf
	sed -i '2i grace = 1s' grpsup.conf
	refused "grpsup.conf:2: 'grace' is outside any section (begin with [grpsup] or [program:NAME])"
	conf '[program:b]' 'command = true' 'command = false'
	refused "grpsup.conf:5: duplicate key 'command' (first on line 4)"
}

@test "names: invalid, too long, twice" {
	conf '[program:a b]' 'command = true'
	refused "grpsup.conf:3: invalid program name 'a b' (1 to 64 of A-Z a-z 0-9 _ . -)"
	conf '[program:]' 'command = true'
	refused "grpsup.conf:3: invalid program name '' (1 to 64 of A-Z a-z 0-9 _ . -)"
	long=$(printf 'n%.0s' $(seq 65))
	conf "[program:$long]" 'command = true'
	refused "grpsup.conf:3: invalid program name '$long' (1 to 64 of A-Z a-z 0-9 _ . -)"
	conf '[program:first]' 'command = true'
	refused "grpsup.conf:3: program 'first' is defined twice (first on line 1)"
	conf '[grpsup]' '[grpsup]'
	refused "grpsup.conf:4: section [grpsup] appears twice (first on line 3)"
}

@test "missing or empty command" {
	conf '[program:b]' 'grace = 1s'
	refused "grpsup.conf:3: program 'b' has no command"
	conf '[program:b]' 'command ='
	refused "grpsup.conf:4: command is empty"
	printf '# nothing\n\n' > grpsup.conf
	run --separate-stderr -125 "$GRPSUP" -f grpsup.conf
	assert_equal "$stderr" "grpsup.conf: no programs"
}

@test "after: unknown program, itself, a cycle" {
	conf '[program:b]' 'command = true' 'after = nobody'
	refused "grpsup.conf:5: after: no program named 'nobody'"
	conf '[program:b]' 'command = true' 'after = b'
	refused "grpsup.conf:5: after: 'b' cannot wait for itself"
	conf '[program:b]' 'command = true' 'after = c' '[program:c]' 'command = true' 'after = first, b'
	refused "grpsup.conf:8: after: dependency cycle: b -> c -> b"
	conf '[program:b]' 'command = true' 'after = first,,c'
	refused "grpsup.conf:5: after: invalid list 'first,,c' (program names separated by commas)"
}

@test "bad durations, signals, probes, booleans and choices" {
	conf 'grace = soon'
	refused "grpsup.conf:3: grace: invalid duration 'soon' (use a number with ms, s, m or h)"
	conf 'grace = 9000h'
	refused "grpsup.conf:3: grace: duration '9000h' is too long (at most 8784h)"
	conf '[grpsup]' 'timeout = 0s'
	refused "grpsup.conf:4: timeout: invalid duration '0s' (use a positive number with ms, s, m or h)"
	conf 'ready-timeout = -1s'
	refused "grpsup.conf:3: ready-timeout: invalid duration '-1s' (use a positive number with ms, s, m or h)"
	conf 'stop-signal = 0'
	refused "grpsup.conf:3: stop-signal: invalid signal '0'"
	conf 'stop-signal = SIGFOO'
	refused "grpsup.conf:3: stop-signal: invalid signal 'SIGFOO'"
	conf 'ready = tcp://localhost'
	refused "grpsup.conf:3: ready: invalid probe 'tcp://localhost' (tcp://HOST:PORT, PORT from 1 to 65535)"
	conf 'ready = maybe'
	refused "grpsup.conf:3: ready: invalid probe 'maybe' (tcp://HOST:PORT, http://HOST:PORT/PATH, file:PATH, unix:PATH, exec:COMMAND, log:REGEX or notify)"
	conf 'oneshot = perhaps'
	refused "grpsup.conf:3: oneshot: 'perhaps' is not true or false"
	conf 'output = file'
	refused "grpsup.conf:3: output: 'file' is not label, raw or null"
	conf '[grpsup]' 'color = red'
	refused "grpsup.conf:4: color: 'red' is not auto, always or never"
	conf 'env = NO EQUALS'
	refused "grpsup.conf:3: env: expected '=' after KEY 'NO', not 'EQUALS'"
}

@test "exit-code-from names an unknown program" {
	conf '[grpsup]' 'exit-code-from = ghost'
	refused "grpsup.conf:4: exit-code-from: no program named 'ghost'"
}

@test "unknown user or group, missing directory or env file: found before the first fork" {
	conf 'user = no-such-user-here'
	refused "grpsup.conf:3: unknown user 'no-such-user-here'"
	conf 'group = no-such-group-here'
	refused "grpsup.conf:3: unknown group 'no-such-group-here'"
	conf 'group = no-such-group-here' 'user = nobody'
	refused "grpsup.conf:3: unknown group 'no-such-group-here'"
	conf 'directory = missing'
	refused "grpsup.conf:3: directory 'missing': No such file or directory"
	touch plainfile
	conf 'directory = plainfile'
	refused "grpsup.conf:3: directory 'plainfile': not a directory"
	conf 'env-file = missing.env'
	refused "grpsup.conf:3: env-file 'missing.env': No such file or directory"
}

@test "NUL bytes and control characters are refused with their line" {
	printf '[program:first]\ncommand = touch started\nenv = A=\000b\n' > grpsup.conf
	refused "grpsup.conf:3: NUL byte in the line"
	printf '[program:first]\ncommand = touch started\nenv = A=\001b\n' > grpsup.conf
	refused "grpsup.conf:3: control character in the line"
}

@test "an unreadable file" {
	run --separate-stderr -125 "$GRPSUP" -f nowhere.conf
	assert_equal "$stderr" "grpsup: -f: cannot read 'nowhere.conf': No such file or directory"
	mkdir adir
	run --separate-stderr -125 "$GRPSUP" -f adir
	assert_equal "$stderr" "adir: Is a directory"
}

@test "control bytes of the file are shown as '?' in a message" {
	conf $'co\033[2Jmand = x'
	refused "grpsup.conf:3: unknown key 'co?[2Jmand' in [program:first]"
	printf 'A="x" \033[2J\n' > bad.env
	conf 'env-file = bad.env'
	refused "bad.env:1: unexpected text after the closing quote: '?[2J'"
}
