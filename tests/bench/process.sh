#!/bin/sh
# What supervising costs, beside the tools people use instead (tini,
# dumb-init) and beside bare fork/exec/kill: idle wake-ups, memory, start-up,
# reaction, group stop, scale. One line per figure: grpsup's value, the
# peers', the ratio and the target; each verdict is appended to
# $BENCH_VERDICTS for run.sh's last line. Figures, not a test.
set -eu

GRPSUP=${GRPSUP:-./grpsup}
H=tests/bench/helpers
WORK=${BENCH_DIR:-${TMPDIR:-/tmp}/grpsup-bench}
VERDICTS=${BENCH_VERDICTS:-/dev/null}
mkdir -p "$WORK"
have() { command -v "$1" > /dev/null 2>&1; }

# verdict NAME OK: record whether the figure NAME met its target.
verdict() {
	echo "$1 $2" >> "$VERDICTS"
	[ "$2" = met ] && echo "met" || echo "NOT met"
}

vcs() { awk '/^voluntary_ctxt_switches/ { print $2 }' "/proc/$1/status"; }
private_kib() {
	awk '/^Private_(Clean|Dirty)/ { s += $2 } END { print s }' "/proc/$1/smaps_rollup"
}
dirty_kib() {
	awk '/^Private_Dirty/ { print $2 }' "/proc/$1/smaps_rollup"
}

# --- idle wake-ups and memory: grpsup with two sleeps, tini and dumb-init
# with one, and the libev floor (evfloor: one child and one signal watcher)
# binaries built just now are still dirty in the page cache: their mapped
# pages would count as written memory until written back
sync
"$GRPSUP" -q 'sleep 1000' 'sleep 1001' & g=$!
t=; d=; f=
if have tini; then tini -s -- sleep 1000 & t=$!; fi
if have dumb-init; then dumb-init sleep 1000 & d=$!; fi
"$H/evfloor" sleep 1000 & f=$!
sleep 1
for p in $g $t $d; do eval "v0_$p=$(vcs "$p")"; done
sleep 5
idle=""
for p in $g $t $d; do
	eval "w=\$(( \$(vcs $p) - \$v0_$p ))"
	idle="$idle $w"
done
for p in $g $t $d $f; do
	eval "m_$p=$(private_kib "$p") d_$p=$(dirty_kib "$p")"
done
kill $g $t $d $f 2> /dev/null || true
wait $g $t $d $f 2> /dev/null || true
set -- $idle
gw=$1 tw=${2:-} dw=${3:-}
eval "gm=\$m_$g gd=\$d_$g fm=\$m_$f fd=\$d_$f"
tm=; dm=; td=; dd=
[ -n "$t" ] && eval "tm=\$m_$t td=\$d_$t"
[ -n "$d" ] && eval "dm=\$m_$d dd=\$d_$d"
printf 'idle wake-ups in 5 s: grpsup %s, tini -s %s, dumb-init %s; target 0: %s\n' \
	"$gw" "${tw:-n/a}" "${dw:-n/a}" "$(verdict idle "$([ "$gw" -eq 0 ] && echo met || echo unmet)")"
ok=unmet
[ "$gm" -le 150 ] && { [ -z "$tm" ] || [ "$gm" -le "$tm" ]; } && ok=met
printf 'memory, private KiB: grpsup %s, tini -s %s, dumb-init %s, libev floor %s; target <= 150 and <= tini: %s\n' \
	"$gm" "${tm:-n/a}" "${dm:-n/a}" "$fm" "$(verdict memory $ok)"
printf '  of which dirty (written): grpsup %s, tini -s %s, dumb-init %s, libev floor %s\n' \
	"$gd" "${td:-n/a}" "${dd:-n/a}" "$fd"
printf '  of which clean (pages of its own files, which a second process running them shares): grpsup %s, tini -s %s, libev floor %s\n' \
	"$((gm - gd))" "$( [ -n "$tm" ] && echo $((tm - td)) || echo n/a)" "$((fm - fd))"
# what one more grpsup costs beside a running one
"$GRPSUP" -q 'sleep 1000' & g1=$!
"$GRPSUP" -q 'sleep 1000' 'sleep 1001' & g2=$!
sleep 1
printf '  a second grpsup beside a first: private %s KiB\n' "$(private_kib $g2)"
kill $g1 $g2 2> /dev/null || true
wait $g1 $g2 2> /dev/null || true

# --- start-up: grpsup true vs tini -s -- true, with hyperfine
median_of() {	# median_of JSON INDEX: a hyperfine result's median, in ms
	python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]; print("%.3f" % (r["median"] * 1000))' "$1" "$2"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
if have hyperfine && have tini; then
	hyperfine -N --warmup 20 --runs 300 --export-json "$WORK/start.json" \
		"$GRPSUP -q true" "tini -s -- true" "dumb-init true" > /dev/null 2>&1
	gs=$(median_of "$WORK/start.json" 0)
	ts=$(median_of "$WORK/start.json" 1)
	ds=$(median_of "$WORK/start.json" 2)
	r=$(ratio "$gs" "$ts")
	printf 'start-up (median of 300): grpsup %s ms, tini -s %s ms, dumb-init %s ms; %sx tini, target <= 1.25x: %s\n' \
		"$gs" "$ts" "$ds" "$r" "$(verdict start-up "$(le "$r" 1.25 && echo met || echo unmet)")"
else
	echo "start-up: needs hyperfine and tini (apt-get install hyperfine tini)"
fi

# --- reaction: one program exits, how soon its sibling gets SIGTERM
react() {	# react CMD...: microseconds from the exit to the SIGTERM
	rm -f "$WORK/t.out" "$WORK/e.out"
	"$@" > /dev/null 2>&1 || true
	echo $((($(cat "$WORK/t.out") - $(cat "$WORK/e.out")) / 1000))
}
stats() {	# median and max of the numbers on stdin
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)], v[NR] }'
}
i=0
: > "$WORK/react.g"; : > "$WORK/react.b"
while [ $i -lt 15 ]; do
	react "$GRPSUP" -q -n t,e "$H/stamp term $WORK/t.out" "$H/stamp exit $WORK/e.out 50" >> "$WORK/react.g"
	react "$H/bare" react "$H/stamp" "$WORK" >> "$WORK/react.b"
	i=$((i + 1))
done
set -- $(stats < "$WORK/react.g") $(stats < "$WORK/react.b")
printf 'reaction, exit to SIGTERM (15 runs): grpsup median %s us, max %s us; bare waitpid+kill median %s us, max %s us; target max < 2000 us: %s\n' \
	"$1" "$2" "$3" "$4" "$(verdict reaction "$([ "$2" -lt 2000 ] && echo met || echo unmet)")"

# --- group stop: grpsup 'sleep 1000' true vs bare fork+exec+kill
if have hyperfine; then
	hyperfine -N --warmup 3 --runs 50 --export-json "$WORK/stop.json" \
		"$GRPSUP -q 'sleep 1000' true" "$H/bare" > /dev/null 2>&1
	gs=$(median_of "$WORK/stop.json" 0)
	bs=$(median_of "$WORK/stop.json" 1)
	r=$(ratio "$gs" "$bs")
	printf 'group stop (median of 50): grpsup %s ms, bare fork+exec+kill %s ms; %sx, target <= 1.2x: %s\n' \
		"$gs" "$bs" "$r" "$(verdict stop "$(le "$r" 1.2 && echo met || echo unmet)")"

	# --- scale: 1000 programs started and stopped
	args=$(awk 'BEGIN { for (i = 0; i < 999; i++) printf " '\''sleep 1000'\''" }')
	hyperfine -N --runs 5 --export-json "$WORK/scale.json" \
		"$GRPSUP -q $args true" \
		"bash -c 'for i in \$(seq 999); do sleep 1000 & done; true; kill \$(jobs -p); wait'" \
		> /dev/null 2>&1
	gs=$(median_of "$WORK/scale.json" 0)
	bs=$(median_of "$WORK/scale.json" 1)
	r=$(ratio "$gs" "$bs")
	printf 'scale, 1000 programs (median of 5): grpsup %s ms, bash loop %s ms; %sx, target <= 1.2x: %s\n' \
		"$gs" "$bs" "$r" "$(verdict scale "$(le "$r" 1.2 && echo met || echo unmet)")"
fi

# --- size: the binaries a container image would carry
size_kib() { echo $(( $(stat -c %s "$1") / 1024 )); }
strip -o "$WORK/grpsup.stripped" "$GRPSUP"
line="size, KiB: grpsup $(size_kib "$WORK/grpsup.stripped") stripped (needs libc.so only)"
[ -x ./grpsup-static ] && line="$line, grpsup-static $(size_kib ./grpsup-static)"
[ -x /usr/bin/tini ] && line="$line, tini $(size_kib /usr/bin/tini)"
[ -x /usr/bin/tini-static ] && line="$line, tini-static $(size_kib /usr/bin/tini-static)"
[ -x /usr/bin/dumb-init ] && line="$line, dumb-init $(size_kib /usr/bin/dumb-init)"
echo "$line"
