#!/bin/sh
# make bench: every benchmark in this folder, one after the other, against
# the grpsup at the top of the tree, then one verdict line. Installs the peers
# it compares with (Debian tini, dumb-init, hyperfine; concurrently with npm
# into a scratch folder). Figures, not verdicts of the test suite.
set -eu
cd "$(dirname "$0")/../.."
export GRPSUP="$PWD/grpsup"

missing=""
for p in tini dumb-init hyperfine; do
	command -v "$p" > /dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
	sudo=""
	[ "$(id -u)" = 0 ] || sudo=sudo
	echo "bench: installing Debian packages:$missing" >&2
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
		--no-install-recommends $missing > /dev/null 2>&1 ||
		echo "bench: could not install$missing; those figures are skipped" >&2
fi

export BENCH_VERDICTS="${TMPDIR:-/tmp}/grpsup-bench-verdicts.$$"
: > "$BENCH_VERDICTS"
trap 'rm -f "$BENCH_VERDICTS"' EXIT
echo "grpsup bench, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -r)"
for b in tests/bench/[a-z]*.sh; do
	[ "$b" = tests/bench/run.sh ] && continue
	sh "$b"
done
met=$(grep -c ' met$' "$BENCH_VERDICTS" || true)
unmet=$(grep -v ' met$' "$BENCH_VERDICTS" | awk '{ printf " %s", $1 }')
total=$(wc -l < "$BENCH_VERDICTS" | tr -d ' ')
if [ -z "$unmet" ]; then
	echo "verdict: every target met ($met of $total)"
else
	echo "verdict: $met of $total targets met; not met:$unmet"
fi
