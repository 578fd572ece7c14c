#!/usr/bin/env bats
# --check: validate, print the resolved group, start nothing; 0 or 125.

load helpers

@test "--check prints the resolved group from a file and starts nothing" {
	mkdir work
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
  env (names only): K"
	assert_file_not_exists ran
}
