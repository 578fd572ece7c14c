#!/usr/bin/env bats
# Procfile: "name: command" lines, as foreman and honcho read them.

load helpers

@test "a Procfile runs unchanged: names, commands, comments, blank lines" {
	cat > Procfile <<-'PROC'
	# processes
	web: echo web $1-ish; exec sleep 30

	worker:   echo worker: busy
	PROC
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
