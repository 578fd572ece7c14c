#!/bin/sh
# Run the C unit tests and every bats file under tests/, and end with
# "N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 1

out=$(mktemp)
trap 'rm -f "$out"' EXIT
tests/unit/parsers > "$out"
unit_status=$?
cat "$out"
bats --tap tests/*.bats | tee -a "$out"
bats_status=$?
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
