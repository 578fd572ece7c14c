#!/usr/bin/env bats
# Procfile: "name: command" lines, as foreman and honcho read them.

load helpers

@test "a Procfile runs unchanged: names, commands, comments, blank lines" {
	cat > Procfile <<-'PROC'
	# processes
	web: echo web $1-ish; touch said; exec sleep 30

	worker:   until [ -e said ]; do sleep 0.01; done; echo worker: busy
	PROC
	# (the worker's end stops the group: it waits for the web's line)
	run --separate-stderr -0 "$GRPSUP" -q
	assert_line "worker | worker: busy"
	assert_line "web    | web -ish"
}

@test "-f names a Procfile anywhere; its format is told from its content" {
	mkdir sub
	printf 'only: echo from sub\n' > sub/procs.txt
	run -0 "$GRPSUP" -q -f sub/procs.txt
	assert_output "only   | from sub"
}

@test "Procfile errors name the file and line, and nothing starts" {
	printf 'a: touch started\nnot a process line\n' > Procfile
	run --separate-stderr -125 "$GRPSUP"
	assert_equal "$stderr" "Procfile:2: expected 'name: command'"
	printf 'a: touch started\na: true\n' > Procfile
	run --separate-stderr -125 "$GRPSUP"
	assert_equal "$stderr" "Procfile:2: program 'a' is defined twice (first on line 1)"
	printf 'a: touch started\nb c: true\n' > Procfile
	run --separate-stderr -125 "$GRPSUP"
	assert_equal "$stderr" "Procfile:2: invalid program name 'b c' (1 to 64 of A-Z a-z 0-9 _ . -)"
	printf 'a: touch started\nb:\n' > Procfile
	run --separate-stderr -125 "$GRPSUP"
	assert_equal "$stderr" "Procfile:2: command is empty"
	printf '# nothing\n\n' > Procfile
	run --separate-stderr -125 "$GRPSUP"
	assert_equal "$stderr" "Procfile: no programs"
	assert_file_not_exists started
}

@test "CRLF line ends are read as line ends" {
	printf 'p: echo crlf\r\n' > Procfile
	run -0 "$GRPSUP" -q
	assert_output "p      | crlf"
}

@test "a Procfile runs as foreman runs it: PORT from 5000 up by 100, PS=NAME.1, its .env, its folder" {
	mkdir sub
	cat > sub/Procfile <<-'PROC'
	web: until [ -e worker.port ]; do sleep 0.01; done; echo "$PORT $GREETING" > web.port
	worker: echo "$PORT $PS" > worker.port; exec sleep 30
	PROC
	printf 'GREETING=hi\n' > sub/.env
	run -0 env -u PORT "$GRPSUP" -q -f sub/Procfile
	assert_equal "$(cat sub/web.port)" "5000 hi"
	assert_equal "$(cat sub/worker.port)" "5100 worker.1"
	rm sub/*.port
	run -0 env PORT=7000 "$GRPSUP" -q -f sub/Procfile
	assert_equal "$(cat sub/web.port)" "7000 hi"
	rm sub/*.port
	run -0 env PORT=7000 "$GRPSUP" -q --port 6000 -f sub/Procfile
	assert_equal "$(cat sub/worker.port)" "6100 worker.1"
}

@test "a foreman Procfile with \$PORT and .env, unchanged: a python server and a client" {
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	cat > Procfile <<-'PROC'
	web: exec python3 -m http.server $PORT --bind 127.0.0.1
	check: until curl -fsS -o /dev/null "http://127.0.0.1:$WEB_PORT/"; do sleep 0.05; done; echo "$GREETING, web on $WEB_PORT"
	PROC
	printf 'GREETING=hello\nWEB_PORT=%s\n' "$port" > .env
	run -0 "$GRPSUP" -e check --port "$port"
	assert_line "check  | hello, web on $port"
}

@test "lines that foreman and honcho would skip without a word are errors" {
	while IFS='|' read -r line msg; do
		printf '%s\n' "$line" > Procfile
		run --separate-stderr -125 "$GRPSUP" --check
		assert_equal "$stderr" "Procfile:1: $msg"
	done <<-'TABLE'
	web.1: x|'.' in the name 'web.1' (foreman and honcho would skip this line)
	 web: x|blank before the name (foreman and honcho would skip this line)
	web : x|blank before ':' (foreman and honcho would skip this line)
	TABLE
}

@test "exec and builtins in a Procfile: a leading exec is dropped, exit runs in the shell" {
	printf 'web: exec sleep 30\nstop: exit 3\n' > Procfile
	run -3 "$GRPSUP" -q
}
