#!/bin/sh
# Run each libFuzzer harness for SECONDS on a scratch copy of its seed corpus;
# print one TAP line each (counted by tests/run.sh) and fail on a crash.
# Usage: tests/fuzz/run.sh SECONDS HARNESS...
set -u
seconds=$1
shift
dir=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TMPDIR="$work"
failed=0
for fuzzer in "$@"; do
	name=$(basename "$fuzzer")
	mkdir -p "$work/$name"
	cp "$dir/corpus/$name"/* "$work/$name/"
	if "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix="$work/$name-" "$work/$name" > "$work/$name.log" 2>&1; then
		runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$work/$name.log")
		echo "ok fuzz: $name, ${runs:-?} runs in ${seconds}s, no crash"
	else
		echo "not ok fuzz: $name crashed; its input and log follow"
		tail -40 "$work/$name.log" | sed 's/^/# /'
		for a in "$work/$name"-*; do
			[ -e "$a" ] && od -c "$a" | head -20 | sed 's/^/# /'
		done
		failed=1
	fi
done
exit $failed
