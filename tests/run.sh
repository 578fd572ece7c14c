#!/bin/sh
# Run every bats file under tests/ and end with "N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 1

out=$(mktemp)
trap 'rm -f "$out"' EXIT
bats --tap tests/*.bats | tee "$out"
bats_status=$?
passed=$(grep -c '^ok .*' "$out" | tr -d ' ')
skipped=$(grep -c '^ok .* # skip' "$out" | tr -d ' ')
failed=$(grep -c '^not ok ' "$out" | tr -d ' ')
passed=$((passed - skipped))
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
	exit 1
fi
exit "$bats_status"
