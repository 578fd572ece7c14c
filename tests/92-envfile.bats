#!/usr/bin/env bats
# env files as docker compose reads them: quotes, escapes, substitutions,
# values over several lines; each kind of mistake its own message.

load helpers

@test "env files agree with python-dotenv on the table of cases, except where grpsup.conf(5) says why" {
	[ -e /usr/lib/python3/dist-packages/dotenv/__init__.py ] ||
		skip "python3-dotenv is not installed (tests/deps.sh installs it)"
	run -0 "$TOP/tests/helpers/dotenv-compare" "$GRPSUP" \
		"$TOP/tests/helpers/dotenv-cases"
	assert_output "agree 52 of 66, differ as documented 14"
}

@test "env file syntax: export, comments, quotes, blanks around =, no command substitution" {
	cat > ok.env <<-'ENV'
	# comment
	PLAIN=value
	export EXPORTED=yes
	  SPACED = spaced value  
	SINGLE='$HOME and \n stay'
	DOUBLE="tab\there \"quoted\" back\\slash \$HOME \r"
	TICKS=`touch pwned`
	TRAIL=kept # comment
	EMPTY=
	ENV
	run -0 "$GRPSUP" -q -n p --env-file ok.env 'printf "%s|" "$PLAIN" "$EXPORTED" "$SPACED" "$SINGLE" "$DOUBLE" "$TICKS" "$TRAIL" "$EMPTY" | tr "\r" R'
	assert_output "$(printf '%s' 'p      | value|yes|spaced value|$HOME and \n stay|tab	here "quoted" back\slash $HOME R|`touch pwned`|kept||')"
	assert_file_not_exists pwned
}

@test "substitutions: earlier lines, then grpsup's environment; defaults; never in single quotes" {
	cat > sub.env <<-'ENV'
	A=1
	B=${A}/x
	C=$A-$OUTER-${UNSET}.
	D=${UNSET:-dflt} ${EMPTY:-e} ${EMPTY-f}.
	E="${OUTER:+alt} $$ \$A"
	F='${A} $A'
	OUTER=file
	G=${OUTER}
	ENV
	OUTER=env EMPTY= run -0 "$GRPSUP" -q -n p --env-file sub.env 'printf "%s|" "$B" "$C" "$D" "$E" "$F" "$G"'
	assert_output 'p      | 1/x|1-env-.|dflt e .|alt $ $A|${A} $A|file|'
}

@test "a bare KEY takes grpsup's own value, and sets nothing when grpsup has none" {
	printf 'TOKEN\nexport NONE\n' > bare.env
	TOKEN=secret run -0 env -u NONE "$GRPSUP" -q -n p --env-file bare.env 'printf "%s|%s" "$TOKEN" "${NONE-unset}"'
	assert_output 'p      | secret|unset'
}

@test "a double-quoted value spans lines: a PEM key reaches the program byte for byte, also from a CRLF file" {
	printf 'A=1\r\nKEY="-----BEGIN KEY-----\r\nMIIB\\nAA==\r\n-----END KEY-----"\r\nB=2\r\n' > pem.env
	run -0 "$GRPSUP" -q --raw --env-file pem.env 'printf "%s|%s|%s" "$A" "$KEY" "$B"'
	assert_output "$(printf '1|-----BEGIN KEY-----\nMIIB\nAA==\n-----END KEY-----|2')"
}

@test "a double-quoted \\n is a newline in the value" {
	printf 'K="one\\ntwo"\n' > nl.env
	run -0 "$GRPSUP" -q -n p --env-file nl.env 'printf "%s\n" "$K"'
	assert_output "p      | one
p      | two"
}

@test "--env-file files apply in order, a later one winning and seeing the earlier ones" {
	printf 'A=1\nB=1\n' > one.env
	printf 'B=2${A}\n' > two.env
	run -0 "$GRPSUP" -q --env-file one.env --env-file two.env 'echo $A$B'
	assert_output "echo   | 121"
}

# each kind of mistake: the line, its message
@test "env file mistakes: each kind has its own message naming FILE:LINE, status 125, nothing started" {
	check() {	# check TEXT MESSAGE
		printf '%b' "$1" > bad.env
		run --separate-stderr -125 "$GRPSUP" --env-file bad.env 'touch started'
		assert_equal "$stderr" "$2"
		assert_file_not_exists started
	}
	check 'A=1\nB C=1\n' "bad.env:2: expected '=' after KEY 'B', not 'C=1'"
	check '1A=x\n' "bad.env:1: a KEY cannot begin with a digit: '1A'"
	check 'my.key=x\n' "bad.env:1: invalid character '.' in KEY 'my.key' (a KEY is made of A-Z a-z 0-9 _)"
	check '=x\n' "bad.env:1: expected KEY=VALUE, not '=x' (a KEY is made of A-Z a-z 0-9 _)"
	check "A='open\nB=2\n" "bad.env:1: unterminated single quote (no closing ' before the end of the file)"
	check 'A=1\n\nB="open\nC=2\n' 'bad.env:3: unterminated double quote (no closing " before the end of the file)'
	check 'A="x" y\n' "bad.env:1: unexpected text after the closing quote: 'y'"
	check 'A=$(id)\n' "bad.env:1: command substitution '\$(' is not supported (write \$\$( for the text)"
	check 'A="x\ny"\nB=${A\n' "bad.env:3: unterminated '\${A' (no closing '}')"
	check 'A=${1}\n' "bad.env:1: bad substitution '\${1}': a name must follow '\${'"
	check 'A=${B/x/y}\n' "bad.env:1: bad substitution '\${B/x/y}' (use \${VAR}, \${VAR:-default}, \${VAR-default}, \${VAR:+alt} or \${VAR:?message})"
	check 'A=${UNSET:?set UNSET to the database URL}\n' "bad.env:1: UNSET is not set: set UNSET to the database URL"
	check 'export \n' "bad.env:1: 'export' names no KEY"
	check 'A=1\0\n' "bad.env:1: NUL byte in the line"
	run --separate-stderr -125 "$GRPSUP" --env-file missing.env 'touch started'
	assert_equal "${stderr_lines[0]}" "grpsup: --env-file: 'missing.env': No such file or directory"
	assert_file_not_exists started
}

@test "an env file that never ends (/dev/zero) is refused at 64 MiB, status 125" {
	run --separate-stderr -125 "$GRPSUP" --env-file /dev/zero 'touch started'
	assert_equal "${stderr_lines[0]}" "grpsup: --env-file: '/dev/zero': larger than 64 MiB, too large to be read"
	assert_file_not_exists started
}

@test "an env file named in grpsup.conf reports its own line" {
	mkdir conf
	printf 'OK=1\n\nbroken line\n' > conf/app.env
	printf '[program:p]\ncommand = touch started\nenv-file = app.env\n' > conf/grpsup.conf
	run --separate-stderr -125 "$GRPSUP" -f conf/grpsup.conf
	assert_equal "$stderr" "conf/app.env:3: expected '=' after KEY 'broken', not 'line'"
	assert_file_not_exists started
}

@test "env = lines in grpsup.conf follow the env file rules: quotes, escapes, substitutions from the env files" {
	printf 'BASE=/srv\n' > group.env
	printf 'APP=app\n' > prog.env
	cat > grpsup.conf <<-'CONF'
	[grpsup]
	env-file = group.env
	[program:p]
	env = QUOTED="1"
	env = SINGLE='a b'
	env = PATHS=${BASE}/${APP}
	env = TAB = "x\ty"
	env-file = prog.env
	command = printf "%s|" "$QUOTED" "$SINGLE" "$PATHS" "$TAB"
	CONF
	run -0 "$GRPSUP" -q -f grpsup.conf
	assert_output "p      | 1|a b|/srv/app|x	y|"
	printf '[program:p]\ncommand = true\nenv = A="open\n' > bad.conf
	run --separate-stderr -125 "$GRPSUP" -f bad.conf
	assert_equal "$stderr" 'bad.conf:3: env: unterminated double quote (no closing " before the end of the file)'
	printf '[program:p]\ncommand = true\nenv = A=1 B=2\nenv = # nothing\n' > two.conf
	run --separate-stderr -125 "$GRPSUP" -f two.conf
	assert_equal "$stderr" "two.conf:4: env: expected one KEY=VALUE, not '# nothing'"
}

# bounded CMD...: CMD under a 10 s deadline, and 300 MB of address space where
# the build is not sanitized (ASan reserves more than any ulimit -v allows).
bounded() {
	if ldd "$GRPSUP" | grep -q libasan; then
		timeout 10 "$@"
	else
		sh -c 'ulimit -v 300000 && exec timeout 10 "$@"' sh "$@"
	fi
}

@test "an expansion past 1 MiB is refused at its line, at once and in bounded memory: A=\${A}\${A} forty times" {
	printf 'A=xxxxxxxxxx\n' > bomb.env
	for ((i = 0; i < 40; i++)); do echo 'A=${A}${A}' >> bomb.env; done
	run -125 --separate-stderr bounded "$GRPSUP" --env-file bomb.env 'touch started'
	assert_equal "$stderr" "bomb.env:18: the value of A is longer than 1 MiB"
	assert_file_not_exists started
	# the same in env = lines
	{ printf '[program:p]\ncommand = touch started\nenv = A=xxxxxxxxxx\n'
	  for ((i = 0; i < 40; i++)); do echo 'env = A=${A}${A}'; done; } > grpsup.conf
	run -125 --separate-stderr bounded "$GRPSUP"
	assert_equal "$stderr" "grpsup.conf:20: env: the value of A is longer than 1 MiB"
	assert_file_not_exists started
}

@test "variables past the system's ARG_MAX are refused at the line that passes it" {
	max=$(getconf ARG_MAX)
	python3 -c 'import sys
for i in range(int(sys.argv[1]) // 1000 + 10): print("K%d=%s" % (i, "v" * 1000))' "$max" > many.env
	run -125 --separate-stderr bounded "$GRPSUP" --env-file many.env 'touch started'
	use_stderr
	assert_line --regexp "^many.env:[0-9]+: the variables take more than the system's ARG_MAX \($max bytes\), which a program's environment cannot pass$"
	assert_file_not_exists started
}

@test "80,000 variables in an env file, and 80,000 env = lines, load in linear time" {
	python3 -c '
for i in range(80000): print("K%d=v" % i)
print("LAST=${K40000}${K79999}w")' > big.env
	run -0 bounded "$GRPSUP" -q -n p --env-file big.env 'sh -c "echo \$LAST"'
	assert_output "p      | vvw"
	python3 -c '
print("[program:p]\ncommand = sh -c \"echo $LAST\"")
for i in range(80000): print("env = K%d=v" % i)
print("env = LAST=${K40000}${K79999}w")' > grpsup.conf
	run -0 bounded "$GRPSUP" -q
	assert_output "p      | vvw"
}

@test "a program's environment past ARG_MAX is said before anything starts" {
	python3 -c 'print("A=" + "a" * 1000000)' > a.env
	python3 -c 'print("B=" + "b" * 1000000)' > b.env
	python3 -c 'print("C=" + "c" * 1000000)' > c.env
	run -125 --separate-stderr "$GRPSUP" -n p --env-file a.env --env-file b.env --env-file c.env 'touch started'
	assert_equal "$stderr" "grpsup: p: environment: larger than the system's ARG_MAX, which execve refuses"
	assert_file_not_exists started
}
