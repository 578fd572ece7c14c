#!/usr/bin/env bats
# grpsup.conf: the [grpsup] and [program:NAME] keys, read with inih.

load helpers

@test "programs and their commands come from grpsup.conf; the group behaves as on the command line" {
	cat > grpsup.conf <<-'CONF'
	# the group
	[grpsup]
	exit-code-from = b

	[program:a]
	command = sleep 30

	[program:b]
	command = echo from b; exit 3
	CONF
	run --separate-stderr -3 "$GRPSUP" -q
	assert_output "b      | from b"
}

@test "a ';' after a blank stays in the value: no inline comments" {
	printf '[program:p]\ncommand = echo one ; echo two\n' > grpsup.conf
	run -0 "$GRPSUP" -q
	assert_output "p      | one
p      | two"
}

@test "lines longer than inih's 200 bytes are read whole" {
	long=$(printf 'x%.0s' $(seq 300))
	printf '[program:p]\ncommand = echo %s\n' "$long" > grpsup.conf
	run -0 "$GRPSUP" -q
	assert_output "p      | $long"
}

@test "indentation is cosmetic, ':' separates like '=', '#' and ';' begin comments" {
	cat > grpsup.conf <<-'CONF'
	; a comment
	[program:p]
	    command: echo $A
	    env = A=indented
	  # another comment
	CONF
	run -0 "$GRPSUP" -q
	assert_output "p      | indented"
}

@test "stop-signal and grace: the group's, and a program's own" {
	cat > grpsup.conf <<-'CONF'
	[grpsup]
	stop-signal = INT
	grace = 1m

	[program:a]
	command = sleep 1
	[program:b]
	command = sleep 2
	stop-signal = QUIT
	grace = 250ms
	CONF
	run -0 "$GRPSUP" --check
	assert_line --index 2 "  stop: SIGINT, grace 1m"
	assert_line --index 5 "  stop: SIGQUIT, grace 250ms"
}

@test "stop-signal is what the program receives" {
	cat > grpsup.conf <<-'CONF'
	[program:trap]
	command = trap 'echo got USR1; exit 0' USR1; touch up; while :; do sleep 0.01; done
	stop-signal = USR1
	[program:end]
	command = until [ -e up ]; do sleep 0.01; done
	CONF
	run -0 "$GRPSUP" -q
	# (sh also reports the death of its sleep, in the same process group)
	assert_line "trap   | got USR1"
}

@test "command-line options override [grpsup]; a program's own keys still apply" {
	cat > grpsup.conf <<-'CONF'
	[grpsup]
	grace = 1m
	timeout = 1h
	[program:a]
	command = sleep 1
	[program:b]
	command = sleep 1
	grace = 3s
	CONF
	run -0 "$GRPSUP" --check -g 2s -t 5s
	assert_line --index 2 "  stop: SIGTERM, grace 2s"
	assert_line --index 5 "  stop: SIGTERM, grace 3s"
	assert_line "timeout: 5s"
}

@test "timeout in [grpsup]: the group stops with 124" {
	printf '[grpsup]\ntimeout = 200ms\n[program:p]\ncommand = sleep 30\n' > grpsup.conf
	run -124 "$GRPSUP" -q
}

@test "env lines and env files: grpsup's environment, group files, program files, env lines" {
	printf 'A=group\nB=group\nC=group\nD=group\n' > group.env
	printf 'B=prog\nC=prog\n' > prog.env
	cat > grpsup.conf <<-'CONF'
	[grpsup]
	env-file = group.env
	[program:p]
	env = C=line
	env-file = prog.env
	command = echo $A $B $C $D $E $HOME
	CONF
	D=outer E=outer run -0 env HOME=/home/x "$GRPSUP" -q
	assert_output "p      | group prog line group outer /home/x"
}

@test "--env-file comes after the file's own env files" {
	printf 'A=file\nB=file\n' > group.env
	printf 'B=cli\n' > cli.env
	printf '[grpsup]\nenv-file = group.env\n[program:p]\ncommand = echo $A $B\n' > grpsup.conf
	run -0 "$GRPSUP" -q --env-file cli.env
	assert_output "p      | file cli"
}

@test "directory: the program runs there; relative paths are from the file's folder" {
	mkdir -p conf/work
	printf 'X=from-conf-folder\n' > conf/p.env
	cat > conf/grpsup.conf <<-'CONF'
	[program:p]
	directory = work
	env-file = p.env
	command = pwd; echo $X
	CONF
	run -0 "$GRPSUP" -q -f conf/grpsup.conf
	assert_output "p      | $PWD/conf/work
p      | from-conf-folder"
}

@test "output = null discards, output = raw writes straight through" {
	cat > grpsup.conf <<-'CONF'
	[program:quiet]
	command = echo hidden; until [ -e plain.done ] && [ -e label.done ]; do sleep 0.01; done
	output = null
	[program:plain]
	command = echo plain; touch plain.done; exec sleep 30
	output = raw
	[program:label]
	command = echo labelled; touch label.done; exec sleep 30
	CONF
	run -0 "$GRPSUP" -q
	assert_line "plain"
	assert_line "label  | labelled"
	refute_line --partial "hidden"
}

@test "color = always and timestamps = true in [grpsup]" {
	printf '[grpsup]\ncolor = always\ntimestamps = yes\n[program:p]\ncommand = echo hi\n' > grpsup.conf
	run -0 "$GRPSUP" -q
	assert_output --regexp $'^[0-9:.]{12} \033\\[36mp      \\|\033\\[0m hi$'
}

@test "--raw on the command line makes every program raw" {
	printf '[program:p]\ncommand = echo hi\n' > grpsup.conf
	run -0 "$GRPSUP" -q --raw
	assert_output "hi"
}

@test "ready, ready-timeout, after and oneshot are read and shown by --check" {
	cat > grpsup.conf <<-'CONF'
	[program:db]
	command = sleep 1
	ready = tcp://127.0.0.1:5432
	ready-timeout = 5s
	[program:migrate]
	command = sleep 1
	after = db
	oneshot = true
	CONF
	run -0 "$GRPSUP" --check
	assert_line "  ready: tcp://127.0.0.1:5432, timeout 5s"
	assert_line "  after: db"
	assert_line "  oneshot"
}

@test "discovery: ./grpsup.conf first, then ./Procfile" {
	printf 'p: echo from Procfile\n' > Procfile
	run -0 "$GRPSUP" -q
	assert_output "p      | from Procfile"
	printf '[program:p]\ncommand = echo from grpsup.conf\n' > grpsup.conf
	run -0 "$GRPSUP" -q
	assert_output "p      | from grpsup.conf"
}

@test "-f with COMMANDs, and -n with a file, are usage errors" {
	printf '[program:p]\ncommand = touch ran\n' > g.conf
	run --separate-stderr -125 "$GRPSUP" -f g.conf 'touch ran'
	assert_equal "${stderr_lines[0]}" "grpsup: -f and COMMANDs together: give one or the other"
	run --separate-stderr -125 "$GRPSUP" -f g.conf -n x
	assert_equal "${stderr_lines[0]}" "grpsup: --names: the names come from the file"
	assert_file_not_exists ran
}

@test "-f reads a pipe or standard input once, from its first line" {
	printf '[program:a]\ncommand = touch a\n[program:b]\ncommand = touch b\n' > c.conf
	run -0 "$GRPSUP" --check -f <(cat c.conf)
	assert_line "a: touch a"
	assert_line "b: touch b"
	run -0 "$GRPSUP" --check -f - < c.conf
	assert_line "a: touch a"
	printf 'web: touch web\n' | { run -0 "$GRPSUP" -q -f -; }
	assert_file_exists web
	run --separate-stderr -125 "$GRPSUP" -f - <<< '[program:x]'
	assert_equal "$stderr" "stdin:1: program 'x' has no command"
}

@test "a UTF-8 byte-order mark (Windows editors) is skipped in grpsup.conf, a Procfile and an env file" {
	printf '\xef\xbb\xbf[program:x]\ncommand = touch x\nenv-file = x.env\n' > grpsup.conf
	printf '\xef\xbb\xbfKEY=1\n' > x.env
	run -0 "$GRPSUP" --check
	assert_line "x: touch x"
	assert_line "  env (names only): KEY"
	printf '\xef\xbb\xbfweb: touch web\n' > Procfile
	run -0 "$GRPSUP" --check -f Procfile
	assert_line "web: touch web"
}

@test "a file read from a pipe (-f <(...)), as the README shows, takes relative paths from the current directory; so does a Procfile's program" {
	echo 'GREETING=hi' > .env
	run -0 bash -c '"$1" -q -f <(printf "[grpsup]\nenv-file = .env\n[program:a]\ncommand = sh -c \"echo \$GREETING; pwd\"\n")' sh "$GRPSUP"
	assert_output "a      | hi
a      | $PWD"
	run -0 bash -c '"$1" -q -f <(printf "a: pwd\n")' sh "$GRPSUP"
	assert_output "a      | $PWD"
	run -0 bash -c 'printf "a: pwd\n" | "$1" -q -f -' sh "$GRPSUP"
	assert_output "a      | $PWD"
	# a file of a folder still takes them from its folder
	mkdir sub && echo 'GREETING=from-sub' > sub/.env
	printf '[grpsup]\nenv-file = .env\n[program:a]\ncommand = sh -c "echo $GREETING"\n' > sub/grpsup.conf
	run -0 "$GRPSUP" -q -f sub/grpsup.conf
	assert_output "a      | from-sub"
}
