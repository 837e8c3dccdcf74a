#!/usr/bin/env bash
# Notebook runner start-up (the Roslyn runner's acceptance: a 13-cell trivial notebook in under 2 s wall, the first
# cell compiled in under 1.5 s). Runs the trivial-13 fixture N times through the real CLI and prints medians of: whole
# run (process start to exit), worker ready (child start to C# kernel warmed up) and first cell (compile + run), with
# PASS/FAIL.
# Usage: bash bench/notebook-startup.sh [runs]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"
cli="$repo/artifacts/bin/ResearchKit.Cli/release/researchkit"
nb="$repo/tests/ResearchKit.Tests/Fixtures/Notebooks/trivial-13.ipynb"
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
walls=(); readies=(); firsts=()
for i in $(seq "$runs"); do
  start=$(date +%s.%N)
  log="$("$cli" run "$nb" --out "$out" 2>&1)"
  end=$(date +%s.%N)
  walls+=("$start:$end")
  readies+=("$(sed -n 's/.*worker ready (C# kernel warmed up) after \([0-9.]*\) s.*/\1/p' <<<"$log")")
  firsts+=("$(sed -n 's/.*cell 1\/13 (index [0-9]*) ok \([0-9.]*\) s.*/\1/p' <<<"$log")")
done
/usr/bin/python3 - "${walls[*]}" "${readies[*]}" "${firsts[*]}" <<'PY'
import statistics, sys
wall = [float(e) - float(s) for s, e in (p.split(":") for p in sys.argv[1].split())]
ready, first = ([float(x) for x in a.split()] for a in sys.argv[2:4])
m = statistics.median
first_total = [r + f for r, f in zip(ready, first)]
print(f"runs: {len(wall)} (load average {open('/proc/loadavg').read().split()[0]})")
print(f"whole run, 13 cells      median {m(wall):.2f} s   (target < 2.0 s)  {'PASS' if m(wall) < 2.0 else 'FAIL'}")
print(f"worker ready             median {m(ready):.2f} s")
print(f"first cell done (ready + compile + run) median {m(first_total):.2f} s   (target < 1.5 s)  {'PASS' if m(first_total) < 1.5 else 'FAIL'}")
PY
