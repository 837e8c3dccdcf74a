#!/usr/bin/env bash
# Soft-label speed check (issue 6 acceptance): SoftBox soft labels at factors 2, 4 and 8 for 16 label maps of 360x480,
# ResearchKit vs PyTorch (one_hot + torch.nn.functional.avg_pool2d, Debian python3-torch), side by side in one run.
# Inputs: the first 16 CamVid train labels when the data is there, else seeded synthetic maps. Medians after warm-up.
# Usage: bash bench/soft-labels.sh [repeats]   (env: CAMVID=<root>; default $RESEARCHKIT_DATA/camvid or <repo>/data/camvid)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repeats="${1:-20}"
threshold=0.5
cli="$repo/artifacts/bin/ResearchKit.Cli/release/researchkit"
camvid="${CAMVID:-${RESEARCHKIT_DATA:-$repo/data}/camvid}"

dotnet build "$repo/lib/ResearchKit.Cli" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null

source_args=()
[[ -d "$camvid/trainannot" ]] && source_args=(--camvid "$camvid")

kit_json="$("$cli" bench soft-labels --repeats "$repeats" --threads 2 "${source_args[@]}")"
ref_json="$(/usr/bin/python3 "$repo/bench/torch/soft_box.py" --repeats "$repeats" --threads 2 "${source_args[@]}")"

/usr/bin/python3 - "$kit_json" "$ref_json" "$threshold" <<'PY'
import json, sys
kit, ref, threshold = json.loads(sys.argv[1]), json.loads(sys.argv[2]), float(sys.argv[3])
if kit["source"] != ref["source"]:
    sys.exit(f"inputs differ: kit {kit['source']}, torch {ref['source']}")
for s, a, b in zip(ref["factors"], kit["sums"], ref["sums"]):
    if abs(a - b) > 1e-6 * b:
        sys.exit(f"the two sides disagree on the soft-label total at factor {s}: {a} vs {b}")
ratio = kit["median_seconds"] / ref["median_seconds"]
print(f"inputs            : {kit['source']}, {kit['images']} maps of {kit['height']}x{kit['width']}, {kit['classes']} classes, factors {kit['factors']}")
print(f"researchkit       : {kit['median_seconds'] * 1000:8.1f} ms  ({kit['method']}, {kit['threads']} threads, median of {kit['repeats']})")
print(f"torch avg_pool2d  : {ref['median_seconds'] * 1000:8.1f} ms  (one_hot once + avg_pool2d per factor, torch {ref['torch']}, {ref['threads']} threads)")
print(f"ratio kit/torch   : {ratio:.3f}  (target <= {threshold})")
print("PASS" if ratio <= threshold else "FAIL")
sys.exit(0 if ratio <= threshold else 1)
PY
