#!/usr/bin/env bats
# --check: validate, print the resolved group, start nothing; 0 or 125.

load helpers

@test "--check prints the resolved group from a file and starts nothing" {
	mkdir work
	stubs work/bin/api
	printf 'SECRET=hunter2\nA=1\n' > app.env
	cat > grpsup.conf <<-'CONF'
	[grpsup]
	grace = 5s
	timeout = 2m
	exit-code-from = smoke

	[program:api]
	command = ./bin/api --port 8080
	stop-signal = QUIT
	grace = 30s
	directory = work
	user = nobody
	env = PORT=8080
	env-file = app.env
	env = A=2
	ready = http://127.0.0.1:8080/health
	output = raw

	[program:smoke]
	command = touch ran && curl -fsS http://127.0.0.1:8080/
	after = api
	oneshot = yes
	CONF
	run --separate-stderr -0 "$GRPSUP" --check
	assert_output "api: ./bin/api --port 8080
  run: direct: ./bin/api --port 8080
  stop: SIGQUIT, grace 30s
  directory: work
  run as: user nobody (uid 65534), group nogroup (gid 65534)
  env (names only): SECRET PORT A
  ready: http://127.0.0.1:8080/health, timeout 1m
  output: raw
smoke: touch ran && curl -fsS http://127.0.0.1:8080/
  run: via /bin/sh -c
  stop: SIGTERM, grace 5s
  after: api
  oneshot
timeout: 2m
exit-code-from: smoke"
	assert_equal "$stderr" ""
	assert_file_not_exists ran
}

@test "--check refuses what a run would refuse, with 125" {
	printf '[program:p]\ncommand = touch ran\ngrace = never\n' > grpsup.conf
	run --separate-stderr -125 "$GRPSUP" --check
	assert_equal "$stderr" "grpsup.conf:3: grace: invalid duration 'never' (use a number with ms, s, m or h)"
	assert_equal "$output" ""
	assert_file_not_exists ran
}

@test "--check on a Procfile, with --env-file" {
	printf 'web: touch ran\n' > Procfile
	printf 'K=v\n' > x.env
	run -0 "$GRPSUP" --check --env-file x.env
	assert_output "web: touch ran
  run: direct: touch ran
  stop: SIGTERM, grace 10s
  env (names only): K PORT PS"
	assert_file_not_exists ran
}

@test "--check refuses what the start would: a program not found or not executable" {
	run --separate-stderr -125 "$GRPSUP" --check nonexistent-prog
	assert_equal "$stderr" "grpsup: nonexistent-prog: exec nonexistent-prog: No such file or directory"
	touch notx
	run --separate-stderr -125 "$GRPSUP" --check -n p ./notx
	assert_equal "$stderr" "grpsup: p: exec ./notx: Permission denied"
	printf '[program:api]\ncommand = ./bin/api\ndirectory = work\n' > grpsup.conf
	mkdir work
	run --separate-stderr -125 "$GRPSUP" --check
	assert_equal "$stderr" "grpsup: api: exec ./bin/api: No such file or directory"
	stubs work/bin/api
	run -0 "$GRPSUP" --check
}

@test "--check in an image without /bin/sh: a simple command passes, a shell command is refused" {
	need_mount_namespace "a bind mount over /bin/sh"
	run --separate-stderr -125 unshare -m sh -c 'mount --bind /dev/null "$(readlink -f /bin/sh)" && exec "$@"' sh \
	    "$GRPSUP" --check -n plain,quoted,shell 'sleep 1' "sleep '2'" 'echo $HOME'
	assert_equal "$stderr" "grpsup: shell: /bin/sh: Permission denied (the command needs a shell)"
	# and runs: quotes need no shell
	run -0 unshare -m sh -c 'mount --bind /dev/null "$(readlink -f /bin/sh)" && exec "$@"' sh \
	    "$GRPSUP" -q -n quoted "touch 'quoted file'"
	assert_file_exists "quoted file"
}

@test "a file of 200,000 programs is read and checked in linear time (a quadratic reading takes minutes)" {
	awk -v n=200000 'BEGIN { for (i = 0; i < n; i++) {
		printf "[program:p%d]\ncommand = sleep 30\n", i
		if (i % 2) printf "after = p%d\n", i - 1 } }' > grpsup.conf
	# a bound for the complexity, not a speed figure (make bench has that)
	run -0 timeout 120 "$GRPSUP" --check
	assert_equal "${#lines[@]}" 700000
	assert_line --index 699999 '  after: p199998'
}

@test "a quote never closed is an error of --check and of the start (125, nothing runs); --check also asks sh -n" {
	run -125 --separate-stderr "$GRPSUP" --check 'echo "unterminated'
	assert_equal "$stderr" 'grpsup: echo: command: the double quote (") at byte 6 is never closed'
	run -125 --separate-stderr "$GRPSUP" "touch ran; echo 'open"
	assert_equal "$stderr" "grpsup: touch: command: the single quote (') at byte 17 is never closed"
	assert_file_not_exists ran
	# quotes the shell reads are fine: nested, escaped, in a comment
	run -0 "$GRPSUP" -q "echo \"it's\" 'a \"b\"' # don't"
	assert_output "echo   | it's a \"b\""
	run -125 --separate-stderr "$GRPSUP" --check 'if true; then echo a'
	assert_equal "$stderr" 'grpsup: if: command: the shell cannot read it: Syntax error: end of file unexpected (expecting "fi")'
}
