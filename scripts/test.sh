#!/usr/bin/env bash
# Sets everything up (idempotent) and runs the default test suite (Paper-category tests excluded).
# Usage: bash scripts/test.sh [extra `dotnet test` arguments, e.g. --filter ...]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
bash scripts/setup.sh
filter="Category!=Paper"
args=("$@")
for a in "${args[@]+"${args[@]}"}"; do [ "$a" = "--filter" ] && filter=""; done
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
# --blame: if the test host crashes, the log names the test that was running (and keeps the sequence file).
dotnet test ResearchKit.sln -c Release --no-build -nologo --blame ${filter:+--filter "$filter"} "${args[@]+"${args[@]}"}" 2>&1 | tee "$log" || status=$?
# One plain closing line, whatever the test logger printed.
summary=$(grep -E 'Failed: *[0-9]+, *Passed: *[0-9]+' "$log" | tail -1 || true)
if [ -n "$summary" ]; then
  failed=$(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$summary")
  passed=$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$summary")
  skipped=$(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$summary")
  echo "tests: $passed passed, $failed failed, $skipped skipped"
fi
exit $status
