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
	refused "grpsup.conf:3: unknown key 'comand' in a [program:NAME]"
	conf '[grpsup]' 'command = x'
	refused "grpsup.conf:4: unknown key 'command' in [grpsup]"
	conf 'exit-code-from = first'
	refused "grpsup.conf:3: unknown key 'exit-code-from' in a [program:NAME]"
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
	refused "grpsup.conf:3: ready: invalid probe 'maybe' (tcp://HOST:PORT, http://HOST:PORT/PATH, file:PATH, exec:COMMAND or notify)"
	conf 'oneshot = perhaps'
	refused "grpsup.conf:3: oneshot: 'perhaps' is not true or false"
	conf 'output = file'
	refused "grpsup.conf:3: output: 'file' is not label, raw or null"
	conf '[grpsup]' 'color = red'
	refused "grpsup.conf:4: color: 'red' is not auto, always or never"
	conf 'env = NOEQUALS'
	refused "grpsup.conf:3: env: expected KEY=VALUE, not 'NOEQUALS'"
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
	assert_equal "$stderr" "nowhere.conf: No such file or directory"
	mkdir adir
	run --separate-stderr -125 "$GRPSUP" -f adir
	assert_equal "$stderr" "adir: Is a directory"
}

@test "control bytes of the file are shown as '?' in a message" {
	conf $'co\033[2Jmand = x'
	refused "grpsup.conf:3: unknown key 'co?[2Jmand' in a [program:NAME]"
	printf 'A="\\\r"\n' > bad.env
	conf 'env-file = bad.env'
	refused "bad.env:1: unknown escape '\\x0d' in double quotes (use \\n \\t \\\\ \\\")"
}
