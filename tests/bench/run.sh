#!/bin/sh
# make bench: every benchmark in this folder, one after the other, against
# the grpsup at the top of the tree. Figures, not verdicts of the test suite.
set -eu
cd "$(dirname "$0")/../.."
export GRPSUP="$PWD/grpsup"
for b in tests/bench/[a-z]*.sh; do
	[ "$b" = tests/bench/run.sh ] && continue
	sh "$b"
done
