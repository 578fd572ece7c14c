#!/usr/bin/env bats
# Real scenarios under valgrind's memcheck: no error, no definite leak, and
# the same exit status as without it.

load helpers

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
	command -v valgrind >/dev/null || skip "no valgrind here"
	# make check SANITIZE=1: ASan's shadow memory and valgrind exclude each other
	if ldd "$GRPSUP" | grep -q libasan; then
		skip "grpsup is built with AddressSanitizer (valgrind runs in the plain make check)"
	fi
}

# vg STATUS ARGS...: grpsup ARGS under memcheck exits STATUS and valgrind
# reports nothing.
vg() {
	local want=$1
	shift
	run valgrind -q --log-file=vg.log --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite --show-leak-kinds=definite \
		"$GRPSUP" "$@"
	cat vg.log >&2
	assert_equal "$status" "$want"
	assert_equal "$(cat vg.log)" ""
}

@test "valgrind: a group with labelled output and a failure" {
	vg 3 -n a,b,c 'sh -c "echo out; echo err >&2; exit 3"' 'sleep 30' 'seq 1000'
	assert_line 'a      | out'
	assert_line 'c      | 1000'
}

@test "valgrind: a file with env files, users and every key" {
	printf 'A=1\nexport B="two\\tx"\n' > app.env
	cat > grpsup.conf <<-EOF
	[grpsup]
	grace = 2s
	timeout = 1m
	exit-code-from = b
	env-file = app.env
	color = always
	timestamps = false
	report = r.json
	[program:a]
	command = sh -c 'echo \$A \$B; exec sleep 30'
	stop-signal = INT
	grace = 1s
	directory = .
	env = C=3
	output = label
	[program:b]
	command = echo done
	after = a
	EOF
	if [ "$(id -u)" = 0 ]; then
		sed -i 's/^directory = \.$/&\nuser = root/' grpsup.conf
		grep -q '^user = root' grpsup.conf
	fi
	vg 0
	vg 0 --check
}

@test "valgrind: a timeout, a probe, a oneshot and the report" {
	vg 124 --report r.json -t 1s -n m,srv --oneshot m --after srv=m \
		--ready 'srv=exec:test -e never' 'true' 'sleep 30'
	vg 0 -q -n srv,c -e c --ready srv=file:up --after c=srv \
		'sh -c "touch up; exec sleep 30"' true
}

@test "valgrind: usage and file errors" {
	vg 125 -g bad true
	printf '[program:x]\ncommand = true\nafter = y\n' > grpsup.conf
	vg 125
	vg 125 --after a=b --after b=a -n a,b true true
	vg 125 -n a --after a=a true
}
