#!/usr/bin/env bash
# The main job: set everything up (idempotent), then run every notebook on CamVid with the given preset
# (default quick) into out/: executed notebooks, figures (Plotly JSON + PNG + HTML) and out/index.html.
# Usage: bash scripts/main.sh [smoke|quick|paper] [extra `researchkit run` options...]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
preset="${1:-quick}"; shift || true
bash scripts/setup.sh
out="${RESEARCHKIT_OUT:-$repo/out}"
echo "[main] running notebooks/ with preset '$preset' into $out" >&2
status=0
"$repo/artifacts/bin/ResearchKit.Cli/release/researchkit" run notebooks --preset "$preset" --out "$out" "$@" || status=$?
echo "[main] open $out/index.html" >&2
exit $status
