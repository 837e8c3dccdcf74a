#!/usr/bin/env bash
# U-Net train-step and inference, ResearchKit vs PyTorch 1.13 side by side in one run (issue 3 acceptance).
# Model: the reference U-Net of bench/torch/unet_ref.py (`researchkit bench ... --model unet-ref` is its twin).
# Each side and mode runs in its own process (peak RSS per mode); prints medians, ratio, GFLOP/s, peak RSS, verdict.
# Usage: bash bench/unet.sh [--batch 8] [--size 96x128] [--threads 2] [--sizes all] [--no-build]
#   --sizes all   batch 8 at 96x128 and batch 4 at 192x256
#   --no-build    use the CLI already in artifacts/ (default: dotnet build lib/ResearchKit.Cli -c Release first)
# Exit status 0 only if every row meets the targets; if the kit fails, the PyTorch numbers are still printed.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="$repo/artifacts/bin/ResearchKit.Cli/release/researchkit"
batch=8 size=96x128 threads=2 sizes=one build=1

usage() { sed -n '5,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --batch) batch="${2:?--batch needs a value}"; shift 2 ;;
    --size) size="${2:?--size needs a value}"; shift 2 ;;
    --threads) threads="${2:?--threads needs a value}"; shift 2 ;;
    --sizes) sizes="${2:?--sizes needs a value}"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) usage ;;
    *) echo "unet.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
[[ "$sizes" == one || "$sizes" == all ]] || { echo "unet.sh: --sizes must be 'all' (or 'one')" >&2; exit 2; }

if [[ $build == 1 ]]; then
  if ! command -v dotnet >/dev/null; then
    echo "unet.sh: dotnet not on PATH; using the CLI in artifacts/ if it is there" >&2
  elif ! dotnet build "$repo/lib/ResearchKit.Cli" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null 2>&1; then
    echo "unet.sh: building lib/ResearchKit.Cli failed (run: dotnet build lib/ResearchKit.Cli -c Release); the kit rows will fail" >&2
  fi
fi
[[ -x "$cli" ]] || echo "unet.sh: kit CLI missing at $cli; only PyTorch will be measured" >&2

exec /usr/bin/python3 "$repo/bench/torch/unet_compare.py" --cli "$cli" --batch "$batch" --size "$size" \
  --threads "$threads" --sizes "$sizes"
