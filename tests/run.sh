#!/bin/sh
# Run the C unit tests ($UNIT; "none": none) and every bats file under tests/
# (BATS_FILES: others), check that no process they started is left, and end
# with "N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 1

out=$(mktemp)
trap 'rm -f "$out"' EXIT
# every process the suite starts carries this mark: none may outlive it
GRPSUP_SUITE_MARK="$(hostname)-$$-$(date +%s%N)"
export GRPSUP_SUITE_MARK
unit_status=0
: > "$out"
for t in ${UNIT:-tests/unit/parsers}; do
	[ "$t" = none ] && continue
	"$t" >> "$out" || unit_status=1
done
cat "$out"
# shellcheck disable=SC2086
bats --tap ${BATS_FILES:-tests/*.bats} | tee -a "$out"
bats_status=$?
# the fuzzers, a few seconds each, where clang has libFuzzer
fuzz_status=0
if [ "${FUZZ_SECONDS:-0}" -gt 0 ] && [ -n "${FUZZERS:-}" ] &&
    echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return d[0] * 0 + (int)n * 0; }' |
    "${FUZZ_CC:-clang}" -x c -fsanitize=fuzzer -o /dev/null - 2>/dev/null; then
	if make --no-print-directory -s fuzz-build >/dev/null; then
		# shellcheck disable=SC2086
		sh tests/fuzz/run.sh "$FUZZ_SECONDS" $FUZZERS > "$out.fuzz"
		fuzz_status=$?
	else
		echo "not ok fuzz: the harnesses do not build" > "$out.fuzz"
		fuzz_status=1
	fi
	cat "$out.fuzz" | tee -a "$out"
	rm -f "$out.fuzz"
elif [ "${FUZZ_SECONDS:-0}" -gt 0 ]; then
	echo "ok fuzz # skip no ${FUZZ_CC:-clang} with libFuzzer here (Debian: clang, libclang-rt-14-dev)" | tee -a "$out"
fi
python3 tests/leftovers.py $$ | tee -a "$out"
[ "$fuzz_status" -eq 0 ] || bats_status=1
[ "$unit_status" -eq 0 ] || bats_status=1
passed=$(grep -c '^ok .*' "$out" | tr -d ' ')
skipped=$(grep -c '^ok .* # skip' "$out" | tr -d ' ')
failed=$(grep -c '^not ok ' "$out" | tr -d ' ')
passed=$((passed - skipped))
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
	exit 1
fi
exit "$bats_status"
