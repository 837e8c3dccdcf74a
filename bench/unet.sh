#!/usr/bin/env bash
# U-Net train-step and inference side by side in one run: kit, raw TorchSharp twin, PyTorch 1.13 default and tuned.
# Model: the reference U-Net of bench/torch/unet_ref.py (`researchkit bench ... --model unet-ref` and
# bench/TorchSharpTwin are its twins). Each side and mode runs in its own process (peak RSS per mode).
# Usage: bash bench/unet.sh [--batch 8] [--size 96x128] [--threads 2] [--sizes all] [--peer default|tuned] [--no-build]
#   --sizes all   batch 8 at 96x128 and batch 4 at 192x256
#   --peer        the PyTorch the kit's time/RSS targets are checked against (default: PyTorch defaults)
#   --no-build    use the CLI in artifacts/ and the twin in bench/TorchSharpTwin/bin (default: build both first)
# Exit status 0 only if every row meets the targets; if a side fails, the other sides are still printed.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="$repo/artifacts/bin/ResearchKit.Cli/release/researchkit"
twin="$repo/bench/TorchSharpTwin/bin/Release/net10.0/TorchSharpTwin"
batch=8 size=96x128 threads=2 sizes=one peer=default build=1

usage() { sed -n '5,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --batch) batch="${2:?--batch needs a value}"; shift 2 ;;
    --size) size="${2:?--size needs a value}"; shift 2 ;;
    --threads) threads="${2:?--threads needs a value}"; shift 2 ;;
    --sizes) sizes="${2:?--sizes needs a value}"; shift 2 ;;
    --peer) peer="${2:?--peer needs a value}"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) usage ;;
    *) echo "unet.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
[[ "$sizes" == one || "$sizes" == all ]] || { echo "unet.sh: --sizes must be 'all' (or 'one')" >&2; exit 2; }
[[ "$peer" == default || "$peer" == tuned ]] || { echo "unet.sh: --peer must be 'default' or 'tuned'" >&2; exit 2; }

if [[ $build == 1 ]]; then
  if ! command -v dotnet >/dev/null; then
    echo "unet.sh: dotnet not on PATH; using the builds already there" >&2
  else
    dotnet build "$repo/lib/ResearchKit.Cli" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null 2>&1 ||
      echo "unet.sh: building lib/ResearchKit.Cli failed (run: dotnet build lib/ResearchKit.Cli -c Release); the kit rows will fail" >&2
    dotnet build "$repo/bench/TorchSharpTwin" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null 2>&1 ||
      echo "unet.sh: building bench/TorchSharpTwin failed (run: dotnet build bench/TorchSharpTwin -c Release); the twin rows will fail" >&2
  fi
fi
[[ -x "$cli" ]] || echo "unet.sh: kit CLI missing at $cli; the kit rows will fail" >&2
[[ -x "$twin" ]] || echo "unet.sh: TorchSharp twin missing at $twin; the twin rows will fail" >&2

exec /usr/bin/python3 "$repo/bench/torch/unet_compare.py" --cli "$cli" --twin "$twin" --batch "$batch" --size "$size" \
  --threads "$threads" --sizes "$sizes" --peer "$peer"
