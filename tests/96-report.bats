#!/usr/bin/env bats
# --report FILE: a JSON summary of the run, written atomically at exit.

load helpers


@test "the report has the status, the trigger and each program's end" {
	run -3 "$GRPSUP" -q --report report.json -n fail,srv 'sh -c "exit 3"' 'sleep 30'
	assert_equal "$(json 'r["status"]')" 3
	assert_equal "$(json 'r["error"]')" None
	assert_equal "$(json 'r["trigger"]["kind"], r["trigger"]["program"]')" "('exit', 'fail')"
	assert_equal "$(json '[(p["name"], p["end"], p["status"]) for p in r["programs"]]')" \
		"[('fail', 'exited', 3), ('srv', 'stopped', 143)]"
	assert_equal "$(json 'all(p["pid"] > 1 and p["ended"] >= p["started"] > 1.7e9 for p in r["programs"])')" True
	assert_equal "$(json 'r["programs"][1]["signal_sent"]')" 15
}

@test "the report of a timeout, a signal and an exec failure" {
	run -124 "$GRPSUP" -q --report report.json -t 100ms 'sleep 30'
	assert_equal "$(json 'r["status"], r["trigger"]["kind"]')" "(124, 'timeout')"
	run -127 "$GRPSUP" -q --report report.json no-such-command-here
	assert_equal "$(json 'r["trigger"]["kind"], r["programs"][0]["end"]')" "('exec-failed', 'exec-failed')"
	start_grpsup -q --report report.json 'sleep 30'
	wait_for child_runs "$GPID" sleep
	kill -INT "$GPID"
	finish_grpsup
	assert_equal "$(json 'r["trigger"]["kind"], r["trigger"]["signal"], r["status"]')" "('signal', 2, 130)"
}

@test "a usage or file error still writes a report, with status 125 and the message" {
	run -125 "$GRPSUP" --report report.json -g never true
	assert_equal "$(json 'r["status"], r["error"], r["programs"]')" \
		"(125, \"--grace: invalid duration 'never' (use a number with ms, s, m or h)\", [])"
	printf '[program:p]\ncommand = true\nbogus = 1\n' > grpsup.conf
	run -125 "$GRPSUP" --report report.json
	assert_equal "$(json 'r["error"]')" "grpsup.conf:3: unknown key 'bogus' in [program:p]"
}

@test "names with any byte are escaped into valid JSON" {
	printf '[program:p]\ncommand = sh -c "exit 1"\n[grpsup]\nreport = out/report.json\n' > grpsup.conf
	mkdir out
	run -1 "$GRPSUP" -q
	mv out/report.json report.json
	assert_equal "$(json 'r["programs"][0]["name"]')" p
	run -125 "$GRPSUP" --report report.json -g $'bad"\\\001\377' true
	assert_equal "$(json 'ascii(r["error"])')" "'--grace: invalid duration \\'bad\"\\\\\\x01\\ufffd\\' (use a number with ms, s, m or h)'"
}

@test "report = in a file is taken from the file's folder" {
	mkdir conf
	printf '[grpsup]\nreport = run.json\n[program:p]\ncommand = true\n' > conf/grpsup.conf
	run -0 "$GRPSUP" -q -f conf/grpsup.conf
	mv conf/run.json report.json
	assert_equal "$(json 'r["status"]')" 0
}

@test "the report replaces the file whole: no temporary file is left" {
	echo old > report.json
	run -0 "$GRPSUP" -q --report report.json true
	assert_equal "$(json 'r["status"]')" 0
	assert_equal "$(ls)" "report.json"
}

@test "a report whose folder is missing or not writable is refused before anything starts: 125" {
	run --separate-stderr -125 "$GRPSUP" -q --report no/such/dir/report.json 'touch started'
	assert_equal "$stderr" "grpsup: --report: cannot write 'no/such/dir/report.json': No such file or directory"
	assert_file_not_exists started
	printf '[grpsup]\nreport = gone/r.json\n[program:p]\ncommand = touch started\n' > grpsup.conf
	run -125 "$GRPSUP" -q
	assert_file_not_exists started
	if [ "$(id -u)" != 0 ]; then
		mkdir ro && chmod 555 ro
		run -125 "$GRPSUP" -q --report ro/report.json 'touch started'
		assert_file_not_exists started
	fi
}

@test "the report is written on a usage error whatever the order of the options" {
	run -125 "$GRPSUP" --bogus --report report.json true
	assert_equal "$(json 'r["status"]')" 125
	assert_equal "$(json 'r["error"]')" "unknown option '--bogus'"
	rm report.json
	run -125 "$GRPSUP" -g never --report=report.json true
	assert_equal "$(json 'r["status"]')" 125
}

@test "a symlink is followed: its target is replaced, the link stays" {
	mkdir out
	ln -s out/target.json report.json
	run -0 "$GRPSUP" -q --report report.json true
	assert [ -L report.json ]
	assert_equal "$(json 'r["status"]')" 0
	assert_equal "$(ls out)" "target.json"
	# a link to a file not made yet makes it
	ln -s out/new.json link.json
	run -0 "$GRPSUP" -q --report link.json true
	assert [ -L link.json ] && assert [ -f out/new.json ]
}

# reader_waits PID: the cat under PID (timeout's) has opened a FIFO and
# waits for a writer.
reader_waits() {
	local c
	c=$(pgrep -P "$1" -x cat) && [ "$(cat "/proc/$c/wchan" 2>/dev/null)" = wait_for_partner ]
}

@test "a FIFO, a pipe of >(...) and /dev/stdout are written in place, never replaced" {
	mkfifo fifo
	timeout 10 cat fifo > from-fifo &
	# the reader must be there before grpsup's write at the end
	wait_for reader_waits "$!"
	run -0 "$GRPSUP" -q --report fifo true
	wait
	assert [ -p fifo ]
	python3 -c 'import json; assert json.load(open("from-fifo"))["status"] == 0'
	# the README's form: a process substitution
	run -0 bash -c '"$1" -q --report >(cat > from-pipe) true; wait' sh "$GRPSUP"
	wait_for test -s from-pipe
	python3 -c 'import json; assert json.load(open("from-pipe"))["status"] == 0'
	# /dev/stdout into a pipe: the system's link is untouched, the JSON comes out
	run --separate-stderr -3 "$GRPSUP" -q --raw --report /dev/stdout 'sh -c "exit 3"'
	assert [ -L /dev/stdout ]
	python3 -c 'import json, sys; assert json.loads(sys.argv[1])["status"] == 3' "$output"
}

@test "a device node is written in place: /dev/full's error is said, the node stays" {
	[ "$(id -u)" = 0 ] || skip "making a device node needs root"
	mknod full c 1 7 2>/dev/null || skip "mknod is not permitted here"
	run --separate-stderr -0 "$GRPSUP" -q --report full true
	assert [ -c full ]
	assert_equal "$stderr" "grpsup | --report: cannot write 'full': No space left on device"
}

@test "a FIFO with no reader is an error said at the end, not a hang" {
	mkfifo fifo
	run --separate-stderr -0 timeout 10 "$GRPSUP" -q --report fifo true
	assert_equal "$stderr" "grpsup | --report: cannot write 'fifo': No such device or address"
}

@test "the report is valid JSON in UTF-8 whatever bytes the file held: F5-FF lead bytes become U+FFFD" {
	printf '[program:p]\ncommand = true\n\xf5\x80\x80\xff = 1\n' > grpsup.conf
	run -125 "$GRPSUP" --report report.json
	run python3 -c 'import json; r = json.loads(open("report.json", encoding="utf-8").read()); print(ascii(r["error"]))'
	assert_output "\"grpsup.conf:3: unknown key '\\ufffd\\ufffd\\ufffd\\ufffd' in [program:p]\""
}

@test "a report over the file size limit (ulimit -f) is said, the status stays, no temporary file is left" {
	names=$(seq -s, 1 20 | sed 's/[0-9]*/program-with-a-long-name-&/g')
	cmds=()
	for i in $(seq 20); do cmds+=(true); done
	run --separate-stderr sh -c 'ulimit -f 1 && exec "$@"' sh "$GRPSUP" -q --report report.json -n "$names" "${cmds[@]}"
	assert_equal "$status" 0
	assert_equal "$stderr" "grpsup                      | --report: cannot write 'report.json': File too large"
	run ls
	refute_output --partial report.json
}
