#!/usr/bin/env bash
# Per-layer convolution speed: ResearchKit (im2col + OpenBLAS GEMM) vs torch.nn.functional.conv2d (oneDNN), both on the
# same threads, for every conv of the reference U-Net (batch 8, 96x128). Forward = conv2d; backward = grad input + grad
# weight. Prints one row per layer, the sums, the ratios kit/PyTorch and achieved GFLOP/s.
# Usage: bash bench/conv-layers.sh [repeats] [threads]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repeats="${1:-10}"
threads="${2:-2}"
cli="$repo/artifacts/bin/ResearchKit.Cli/release/researchkit"

dotnet build "$repo/lib/ResearchKit.Cli" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
# The kit runs to completion first and PyTorch afterwards: piped straight through, the two would share the 2 cores.
kit_out="$(mktemp)"; trap 'rm -f "$kit_out"' EXIT
"$cli" bench conv --repeats "$repeats" --threads "$threads" > "$kit_out"
/usr/bin/python3 "$repo/bench/torch/conv_layers.py" "$threads" "$repeats" < "$kit_out" \
  | /usr/bin/python3 "$repo/bench/torch/conv_table.py"
