#!/usr/bin/env bats
# env files: KEY=VALUE, export, comments, quotes; never expanded.

load helpers

@test "env file syntax: export, comments, single and double quotes, no expansion" {
	cat > vars.env <<-'ENV'
	# comment
	PLAIN=value
	export EXPORTED=yes
	  SPACED = no
	ENV
	# (SPACED is invalid: tested below; this file stops before it)
	head -n 3 vars.env > ok.env
	cat >> ok.env <<-'ENV'
	SINGLE='$HOME and \n stay'
	DOUBLE="tab\there \"quoted\" back\\slash"
	SUBST=$(touch pwned) `touch pwned` ${HOME}
	TRAIL=kept # comment
	EMPTY=
	ENV
	run -0 "$GRPSUP" -q -n p --env-file ok.env 'printf "%s|" "$PLAIN" "$EXPORTED" "$SINGLE" "$DOUBLE" "$SUBST" "$TRAIL" "$EMPTY"'
	assert_output "$(printf '%s' 'p      | value|yes|$HOME and \n stay|tab	here "quoted" back\slash|$(touch pwned) `touch pwned` ${HOME}|kept||')"
	assert_file_not_exists pwned
}

@test "a double-quoted \\n is a newline in the value" {
	printf 'K="one\\ntwo"\n' > nl.env
	run -0 "$GRPSUP" -q -n p --env-file nl.env 'printf "%s\n" "$K"'
	assert_output "p      | one
p      | two"
}

@test "--env-file files apply in order, a later one winning" {
	printf 'A=1\nB=1\n' > one.env
	printf 'B=2\n' > two.env
	run -0 "$GRPSUP" -q --env-file one.env --env-file two.env 'echo $A$B'
	assert_output "echo   | 12"
}

@test "env file errors: FILE:LINE of the env file, status 125, nothing started" {
	printf 'A=1\nSPACED = no\n' > bad.env
	run --separate-stderr -125 "$GRPSUP" --env-file bad.env 'touch started'
	assert_equal "$stderr" "bad.env:2: expected KEY=VALUE (KEY of A-Z a-z 0-9 _, not starting with a digit)"
	printf "A='open\n" > bad.env
	run --separate-stderr -125 "$GRPSUP" --env-file bad.env 'touch started'
	assert_equal "$stderr" "bad.env:1: unterminated single quote"
	printf 'A="\\x"\n' > bad.env
	run --separate-stderr -125 "$GRPSUP" --env-file bad.env 'touch started'
	assert_equal "$stderr" 'bad.env:1: unknown escape '"'"'\x'"'"' in double quotes (use \n \t \\ \")'
	run --separate-stderr -125 "$GRPSUP" --env-file missing.env 'touch started'
	assert_equal "${stderr_lines[0]}" "grpsup: --env-file: 'missing.env': No such file or directory"
	assert_file_not_exists started
}

@test "an env file named in grpsup.conf reports its own line" {
	mkdir conf
	printf 'OK=1\n\nbroken line\n' > conf/app.env
	printf '[program:p]\ncommand = touch started\nenv-file = app.env\n' > conf/grpsup.conf
	run --separate-stderr -125 "$GRPSUP" -f conf/grpsup.conf
	assert_equal "$stderr" "conf/app.env:3: expected KEY=VALUE (KEY of A-Z a-z 0-9 _, not starting with a digit)"
	assert_file_not_exists started
}
