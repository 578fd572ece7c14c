#!/bin/sh
# Reading a big file: 50,000 [program:NAME] sections, every other one
# waiting for the one before, checked whole (grpsup --check: names, order,
# each command found in PATH). The median of 3 runs; target under 1 s.
# Figures, not a test.
set -eu

GRPSUP=${GRPSUP:-./grpsup}
VERDICTS=${BENCH_VERDICTS:-/dev/null}
WORK=${BENCH_DIR:-${TMPDIR:-/tmp}/grpsup-bench}
N=50000
mkdir -p "$WORK"
FILE=$WORK/programs-$N.conf
awk -v n=$N 'BEGIN {
	for (i = 0; i < n; i++) {
		printf "[program:p%d]\ncommand = sleep 30\n", i
		if (i % 2) printf "after = p%d\n", i - 1
	}
}' > "$FILE"

now_ns() { date +%s%N; }
for r in 1 2 3; do
	t0=$(now_ns)
	"$GRPSUP" --check -f "$FILE" > /dev/null
	echo $((($(now_ns) - t0) / 1000000))
done | sort -n | sed -n 2p > "$WORK/conf.ms"
ms=$(cat "$WORK/conf.ms")
rm -f "$WORK/conf.ms" "$FILE"
ok=$([ "$ms" -lt 1000 ] && echo met || echo unmet)
echo "config $ok" >> "$VERDICTS"
printf 'config: --check of %s programs in %s ms, target < 1000 ms: %s\n' "$N" \
	"$ms" "$([ "$ok" = met ] && echo met || echo "NOT met")"
