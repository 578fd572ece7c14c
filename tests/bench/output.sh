#!/bin/sh
# Output throughput: 100 MB of 80-byte lines through grpsup's label mode,
# through a plain `sh -c` run (the physical limit: the same bytes, no
# supervisor) and through concurrently when it can be installed. Each run's
# output goes through a pipe to cat, as it would to a terminal or a log
# collector. The median of RUNS runs, the runs of each tool interleaved so that
# a busy moment of the machine falls on all of them; printed side by side. Not
# a test: the figures depend on the machine.
set -eu

GRPSUP=${GRPSUP:-./grpsup}
MB=${BENCH_MB:-100}
RUNS=${BENCH_RUNS:-7}
WORK=${BENCH_DIR:-${TMPDIR:-/tmp}/grpsup-bench}
mkdir -p "$WORK"
DATA=$WORK/lines-$MB

# 79 characters and a newline per line
if [ ! -s "$DATA" ]; then
	awk -v n=$((MB * 1000000 / 80)) 'BEGIN {
		l = sprintf("%079d", 0); gsub(/0/, "x", l)
		for (i = 0; i < n; i++) print l
	}' > "$DATA"
fi

now_ns() { date +%s%N; }

# run_ms CMD: the wall time of CMD, its output through a pipe, in ms.
run_ms() {
	t0=$(now_ns)
	sh -c "$1" | cat > /dev/null
	echo $((($(now_ns) - t0) / 1000000))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# concurrently, installed once into the scratch folder (npm's registry)
CONC=$WORK/node_modules/.bin/concurrently
if [ ! -x "$CONC" ] && command -v npm > /dev/null; then
	(cd "$WORK" && npm install --silent --no-audit --no-fund concurrently \
		> /dev/null 2>&1) || true
fi

rm -f "$WORK"/times.*
cat "$DATA" > /dev/null		# from the page cache, for every run
tools="plain raw label"
[ -x "$CONC" ] && tools="$tools conc"
i=0
while [ "$i" -lt "$RUNS" ]; do
	for t in $tools; do
		case $t in
		plain)	c="cat $DATA" ;;
		raw)	c="$GRPSUP -q --raw -n app 'cat $DATA'" ;;
		label)	c="$GRPSUP -q -n app 'cat $DATA'" ;;
		conc)	c="$CONC -n app 'cat $DATA' 2>/dev/null" ;;
		esac
		run_ms "$c" >> "$WORK/times.$t"
	done
	i=$((i + 1))
done
for t in $tools; do
	eval "$t=\$(median < \"\$WORK/times.$t\")"
	rm -f "$WORK/times.$t"
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
rate() { awk -v ms="$1" -v mb="$MB" 'BEGIN { printf "%.0f", mb * 1000 / ms }'; }

printf 'output: %s MB of 80-byte lines into a pipe, median of %s runs\n' "$MB" "$RUNS"
printf '  %-22s %7s ms %6s MB/s\n' "sh -c (plain)" "$plain" "$(rate "$plain")"
printf '  %-22s %7s ms %6s MB/s  %sx plain\n' "grpsup --raw" "$raw" \
	"$(rate "$raw")" "$(ratio "$raw" "$plain")"
printf '  %-22s %7s ms %6s MB/s  %sx plain\n' "grpsup (label mode)" "$label" \
	"$(rate "$label")" "$(ratio "$label" "$plain")"
if [ -n "${conc:-}" ]; then
	printf '  %-22s %7s ms %6s MB/s  %sx plain, %sx grpsup\n' "concurrently" \
		"$conc" "$(rate "$conc")" "$(ratio "$conc" "$plain")" \
		"$(ratio "$conc" "$label")"
else
	printf '  %-22s not installed (npm install concurrently)\n' "concurrently"
fi
VERDICTS=${BENCH_VERDICTS:-/dev/null}
ok=$(awk -v a="$label" -v b="$plain" 'BEGIN { print (a <= 1.3 * b) ? "met" : "unmet" }')
echo "output $ok" >> "$VERDICTS"
printf 'output: label mode %sx plain, target <= 1.3x: %s\n' "$(ratio "$label" "$plain")" \
	"$([ "$ok" = met ] && echo met || echo "NOT met")"
if [ -n "${conc:-}" ]; then
	ok=$(awk -v a="$conc" -v b="$label" 'BEGIN { print (a >= 5 * b) ? "met" : "unmet" }')
	echo "output-vs-concurrently $ok" >> "$VERDICTS"
	printf 'output: concurrently %sx slower than grpsup, target >= 5x: %s\n' \
		"$(ratio "$conc" "$label")" "$([ "$ok" = met ] && echo met || echo "NOT met")"
fi
