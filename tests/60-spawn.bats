#!/usr/bin/env bats
# How each program is started: process group, stdin, signals, fds,
# environment, direct exec or /bin/sh, PATH search, exec failures.

load helpers

@test "each program leads its own process group" {
	run -0 "$GRPSUP" --raw -q 'cat /proc/self/stat'
	pid=${output%% *}
	# after the command name: state ppid pgrp
	read -r _ _ pgrp _ <<<"${output##*) }"
	assert_equal "$pgrp" "$pid"
	read -r _ _ mine _ <<<"$(sed 's/.*) //' /proc/$$/stat)"
	[ "$pgrp" != "$mine" ]
}

@test "stdin is /dev/null" {
	run -0 "$GRPSUP" --raw -q 'readlink /proc/self/fd/0'
	assert_output "/dev/null"
}

@test "signal dispositions are default and the mask empty, whatever grpsup inherited" {
	run -0 "$SIGMASK" -b 10 -b 15 -i 12 -i 2 -i 13 -i 32 -i 33 "$GRPSUP" --raw -q "grep -E '^Sig(Blk|Ign)' /proc/self/status"
	assert_output "SigBlk:	0000000000000000
SigIgn:	0000000000000000"
}

@test "no file descriptor but 0, 1 and 2 reaches a program" {
	# fds 7 and 9 are open in grpsup's parent; ls itself opens fd 3
	run -0 bash -c 'exec 7>f 9<f; exec "$0" --raw -q "ls /proc/self/fd"' "$GRPSUP"
	assert_output "0
1
2
3"
}

@test "the environment is grpsup's plus GRPSUP_NAME" {
	run -0 env FOO=bar GRPSUP_NAME=outer "$GRPSUP" --raw -q -n api 'printenv FOO GRPSUP_NAME'
	assert_output "bar
api"
}

@test "a plain command is exec'ed with no shell in between" {
	start_grpsup -q 'sleep 30'
	wait_for child_runs "$GPID" sleep
	kill -TERM "$GPID"
	finish_grpsup
}

@test "a compound command runs whole through /bin/sh" {
	run -0 "$GRPSUP" --raw -q 'true && echo second; echo third'
	assert_output "second
third"
	run -0 env X=expanded "$GRPSUP" --raw -q 'echo $X | tr a-z A-Z'
	assert_output "EXPANDED"
}

@test "the PATH search skips what is not executable, as a shell does" {
	mkdir a b
	printf 'not a program\n' > a/tool
	printf '#!/bin/sh\necho from b\n' > b/tool
	chmod +x b/tool
	run -0 env PATH="$PWD/a:$PWD/b:/usr/bin:/bin" "$GRPSUP" --raw -q tool
	assert_output "from b"
	run --separate-stderr -126 env PATH="$PWD/a:/usr/bin:/bin" "$GRPSUP" --raw -q tool
	assert_equal "$stderr" "grpsup: tool: exec tool: Permission denied"
}

@test "a plain command runs in an image without /bin/sh" {
	need_mount_namespace "a bind mount over /bin/sh"
	sh_real=$(readlink -f /bin/sh)
	run -0 unshare -m bash -c 'mount --bind /dev/null "$1" && exec "$0" --raw -q "echo direct"' "$GRPSUP" "$sh_real"
	assert_output "direct"
	run --separate-stderr -126 unshare -m bash -c 'mount --bind /dev/null "$1" && exec "$0" --raw -q "echo \$HOME"' "$GRPSUP" "$sh_real"
	assert_equal "$stderr" "grpsup: echo: exec /bin/sh: Permission denied"
}

@test "programs do not outlive grpsup killed with SIGKILL" {
	start_grpsup -q 'sleep 1000' 'sleep 1001'
	wait_for has_children "$GPID" 2
	kids=$(children_of "$GPID")
	kill -KILL "$GPID"
	for k in $kids; do
		wait_for dead "$k"
	done
}

@test "the variables meant for grpsup alone (LISTEN_*, WATCHDOG_*, NOTIFY_SOCKET) are not passed on" {
	run -0 env LISTEN_FDS=2 LISTEN_PID=$$ LISTEN_FDNAMES=a:b WATCHDOG_USEC=1000000 \
		WATCHDOG_PID=$$ KEEP=yes "$GRPSUP" -q --raw \
		'sh -c "env | grep -E \"^(LISTEN_|WATCHDOG_|NOTIFY_SOCKET|KEEP)\" | sort"'
	assert_output "KEEP=yes"
}
