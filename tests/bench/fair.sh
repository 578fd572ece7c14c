#!/bin/sh
# Fairness under a slow reader: 8 programs (BENCH_FAIR_PROGRAMS) write as
# fast as they can; the reader takes 4 KiB every 10 ms for 4 s, then goes
# away (grpsup stops the group). The figure is the ratio of the most bytes
# one program got through to the fewest, counted after the first second
# (the start, when the pipe is empty, is no one's turn); target: at most 2.
# Figures, not a test.
set -eu

GRPSUP=${GRPSUP:-./grpsup}
VERDICTS=${BENCH_VERDICTS:-/dev/null}
N=${BENCH_FAIR_PROGRAMS:-8}

names=$(seq -s, 1 $N | sed 's/[0-9]*/p&/g')
set --
for i in $(seq 1 $N); do
	set -- "$@" "yes line-of-p$i"
done
"$GRPSUP" -q --color never -n "$names" "$@" 2>/dev/null | python3 -c '
import collections, sys, time
counts = collections.Counter()
rest = b""
start = time.time()
end = start + 4
while time.time() < end:
    data = sys.stdin.buffer.raw.read(4096)
    if not data:
        break
    lines = (rest + data).split(b"\n")
    rest = lines.pop()
    for line in lines if time.time() >= start + 1 else ():
        counts[line.split(b" ", 1)[0]] += len(line) + 1
    time.sleep(0.01)
got = [counts.get(b"p%d" % i, 0) for i in range(1, int(sys.argv[1]) + 1)]
print(" ".join(str(g) for g in got))
' "$N" > "${TMPDIR:-/tmp}/grpsup-fair.$$" || true
read -r counts < "${TMPDIR:-/tmp}/grpsup-fair.$$"
rm -f "${TMPDIR:-/tmp}/grpsup-fair.$$"
ratio=$(echo "$counts" | awk '{ min = $1; max = $1
	for (i = 2; i <= NF; i++) { if ($i < min) min = $i; if ($i > max) max = $i }
	printf "%.2f", (min > 0 ? max / min : 999) }')
ok=$(awk -v r="$ratio" 'BEGIN { print (r <= 2) ? "met" : "unmet" }')
echo "fairness $ok" >> "$VERDICTS"
printf 'fairness: %s programs, a reader of 4 KiB every 10 ms, 3 s counted\n' "$N"
printf '  bytes per program: %s\n' "$counts"
printf 'fairness: most/fewest bytes %s, target <= 2: %s\n' "$ratio" \
	"$([ "$ok" = met ] && echo met || echo "NOT met")"
