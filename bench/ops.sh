#!/usr/bin/env bash
# Non-conv op speed (issue 3): ResearchKit vs PyTorch 1.13 on the same threads, side by side in one run.
# Cases: the reference U-Net's BN (train), ReLU, max-pool 2x2, bilinear x2 up-sampling and channel concat at batch 8,
# 96x128 and its 4 down-sampled levels; forward alone and forward + backward of (y * g).sum() on both sides.
# "baseline_scale" (y = x * 1) times that wrapping alone; it is left out of the "all" total.
# Usage: bash bench/ops.sh [repeats] [threads]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repeats="${1:-20}"
threads="${2:-2}"
cli="$repo/artifacts/bin/ResearchKit.Cli/release/researchkit"

dotnet build "$repo/lib/ResearchKit.Cli" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
kit_json="$("$cli" bench ops --repeats "$repeats" --threads "$threads" --json)"
ref_json="$(/usr/bin/python3 "$repo/bench/torch/ops.py" --repeats "$repeats" --threads "$threads")"

/usr/bin/python3 - "$kit_json" "$ref_json" <<'PY'
import json, sys
kit, ref = json.loads(sys.argv[1]), json.loads(sys.argv[2])
ref_rows = {(r["op"], r["shape"]): r for r in ref["rows"]}
print(f"threads {kit['threads']}, medians of {kit['repeats']}; times in ms; ratio = kit / torch {ref['torch']}")
print(f"{'op':<21}{'shape':<34}{'fwd kit':>9}{'torch':>9}{'ratio':>7}{'f+b kit':>10}{'torch':>9}{'ratio':>7}")
totals = {}
for r in kit["rows"]:
    t = ref_rows[(r["op"], r["shape"])]
    print(f"{r['op']:<21}{r['shape']:<34}{r['forwardMs']:9.3f}{t['forwardMs']:9.3f}{r['forwardMs'] / t['forwardMs']:7.2f}"
          f"{r['trainMs']:10.3f}{t['trainMs']:9.3f}{r['trainMs'] / t['trainMs']:7.2f}")
    acc = totals.setdefault(r["op"], [0.0, 0.0, 0.0, 0.0])
    for i, v in enumerate((r["forwardMs"], t["forwardMs"], r["trainMs"], t["trainMs"])):
        acc[i] += v
print("per op, summed over its shapes:")
all_ = [0.0, 0.0, 0.0, 0.0]
for op, (kf, tf, kt, tt) in totals.items():
    print(f"{op:<55}{kf:9.3f}{tf:9.3f}{kf / tf:7.2f}{kt:10.3f}{tt:9.3f}{kt / tt:7.2f}")
    if op != "baseline_scale":
        all_ = [a + b for a, b in zip(all_, (kf, tf, kt, tt))]
print(f"{'all':<55}{all_[0]:9.3f}{all_[1]:9.3f}{all_[0] / all_[1]:7.2f}{all_[2]:10.3f}{all_[3]:9.3f}{all_[2] / all_[3]:7.2f}")
PY
