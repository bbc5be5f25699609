#!/usr/bin/env bash
# Builds convt and runs every test: the lit suite (dialect, conversion,
# integration runs, the randomized differential suite) and the reference's
# self-test. Ends with the line "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh || exit 1
# oneDNN for the benchmark's tests (test/Bench).
./scripts/deps.sh libdnnl-dev || exit 1

log=$(mktemp)
/usr/lib/llvm-22/bin/lit -v build/test 2>&1 | tee "$log" | grep -vE '^(PASS|UNSUPPORTED): '
status=${PIPESTATUS[0]}
passed=$(grep -cE '^(PASS|XFAIL): ' "$log")
failed=$(grep -cE '^(FAIL|XPASS|UNRESOLVED|TIMEOUT): ' "$log")
skipped=$(grep -cE '^UNSUPPORTED: ' "$log")
rm -f "$log"
echo "lit: $passed passed, $failed failed, $skipped skipped"
[[ $status -eq 0 && $failed -eq 0 ]]
