#!/usr/bin/env bats
# user and group: privileges dropped in the child (supplementary groups,
# gid, uid, in that order), refused up front when grpsup may not.

load helpers

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
	[ "$(id -u)" = 0 ] || skip "needs root"
	chmod 755 "$BATS_TEST_TMPDIR"
}

@test "user: the program runs as that user, with its groups and HOME, USER, LOGNAME" {
	printf '[program:p]\ncommand = echo $(id -u) $(id -g) $(id -G) $HOME $USER $LOGNAME\nuser = nobody\n' > grpsup.conf
	run -0 "$GRPSUP" -q
	assert_output "p      | 65534 65534 65534 /nonexistent nobody nobody"
}

@test "user and group: the group replaces the user's own" {
	printf '[program:p]\ncommand = echo $(id -u) $(id -g)\nuser = nobody\ngroup = daemon\n' > grpsup.conf
	run -0 "$GRPSUP" -q
	assert_output "p      | 65534 $(getent group daemon | cut -d: -f3)"
}

@test "group alone: uid kept, groups reduced to that one" {
	printf '[program:p]\ncommand = echo $(id -u) $(id -g) $(id -G)\ngroup = nogroup\n' > grpsup.conf
	run -0 "$GRPSUP" -q
	assert_output "p      | 0 65534 65534"
}

@test "numeric user ids work as names do" {
	printf '[program:p]\ncommand = id -u\nuser = 65534\n' > grpsup.conf
	run -0 "$GRPSUP" -q
	assert_output "p      | 65534"
}

@test "a program dropped to another user still dies with grpsup (parent-death signal set after the change)" {
	printf '[program:p]\ncommand = sleep 300\nuser = nobody\n' > grpsup.conf
	start_grpsup -q --raw
	wait_for child_runs "$GPID" sleep
	child=$(children_of "$GPID")
	kill -9 "$GPID"
	wait_for dead "$child"
}

@test "not root: a change of user is refused before anything starts" {
	printf '[program:p]\ncommand = touch ran\nuser = root\n' > grpsup.conf
	run --separate-stderr setpriv --reuid=nobody --regid=nogroup --clear-groups "$GRPSUP"
	assert_equal "$status" 125
	assert_equal "$stderr" "grpsup.conf:3: cannot run as another user: grpsup is not root"
	assert_file_not_exists ran
	printf '[program:p]\ncommand = touch ran\ngroup = root\n' > grpsup.conf
	run --separate-stderr setpriv --reuid=nobody --regid=nogroup --clear-groups "$GRPSUP"
	assert_equal "$status" 125
	assert_equal "$stderr" "grpsup.conf:3: cannot run as another group: grpsup is not root"
}

@test "not root: naming oneself is allowed" {
	printf '[program:p]\ncommand = id -u\nuser = nobody\ngroup = nogroup\n' > grpsup.conf
	run -0 setpriv --reuid=nobody --regid=nogroup --clear-groups "$GRPSUP" -q
	assert_output "p      | 65534"
}

@test "a numeric user with no entry in /etc/passwd (arbitrary uids, OpenShift): group 0, HOME /" {
	uid=54321
	getent passwd "$uid" >/dev/null && skip "uid $uid has an entry here"
	printf '[program:p]\ncommand = echo $(id -u) $(id -g) $(id -G) $HOME $USER\nuser = %s\n' "$uid" > grpsup.conf
	run -0 "$GRPSUP" -q
	assert_output "p      | $uid 0 0 / $uid"
	printf '[program:p]\ncommand = echo $(id -u) $(id -g)\nuser = %s\ngroup = 12345\n' "$uid" > grpsup.conf
	run -0 "$GRPSUP" -q
	assert_output "p      | $uid 12345"
	run -0 "$GRPSUP" --check
	assert_line "  run as: user ? (uid $uid), group ? (gid 12345)"
}
