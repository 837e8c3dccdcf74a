#!/usr/bin/env bash
# Label-spectrum speed check (issue acceptance): ResearchKit vs scipy.fft.rfft2(workers=2), side by side in one run.
# Workload: 16 label maps of 360x480, 12 one-hot channels -> FFT -> power -> radial profile; medians after warm-up.
# Inputs: the first 16 CamVid train labels when the data and the kit's CamVid reader are there, else seeded synthetic maps.
# Usage: bash bench/label-spectrum.sh [repeats]   (env: CAMVID=<root>; default $RESEARCHKIT_DATA/camvid or <repo>/data/camvid)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repeats="${1:-20}"
threshold=0.5
cli="$repo/artifacts/bin/ResearchKit.Cli/release/researchkit"
camvid="${CAMVID:-${RESEARCHKIT_DATA:-$repo/data}/camvid}"

dotnet build "$repo/lib/ResearchKit.Cli" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null

source_args=()
if [[ -d "$camvid/trainannot" ]] && grep -q -- "--camvid" <<<"$("$cli" bench spectrum --help)"; then
  source_args=(--camvid "$camvid")
fi

kit_json="$("$cli" bench spectrum --repeats "$repeats" --threads 2 --json "${source_args[@]}")"
ref_json="$(/usr/bin/python3 "$repo/bench/label_spectrum_scipy.py" --repeats "$repeats" --workers 2 "${source_args[@]}")"

/usr/bin/python3 - "$kit_json" "$ref_json" "$threshold" <<'PY'
import json, sys
kit, ref, threshold = json.loads(sys.argv[1]), json.loads(sys.argv[2]), float(sys.argv[3])
if kit["source"] != ref["source"]:
    sys.exit(f"inputs differ: kit {kit['source']}, scipy {ref['source']}")
rel = abs(kit["profile_sum"] - ref["profile_sum"]) / ref["profile_sum"]
if rel > 1e-5:
    sys.exit(f"the two sides disagree on the radial profile total: {kit['profile_sum']} vs {ref['profile_sum']}")
ratio = kit["median_seconds"] / ref["median_seconds"]
print(f"inputs            : {kit['source']}, {kit['images']} maps of {kit['height']}x{kit['width']}, {kit['channels']} channels")
print(f"researchkit       : {kit['median_seconds'] * 1000:8.1f} ms  ({kit['threads']} threads, median of {kit['repeats']})")
print(f"scipy rfft2       : {ref['median_seconds'] * 1000:8.1f} ms  (workers={ref['workers']}, best variant '{ref['variant']}': "
      + ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in ref["variants"].items()) + ")")
print(f"ratio kit/scipy   : {ratio:.3f}  (target <= {threshold})")
print("PASS" if ratio <= threshold else "FAIL")
sys.exit(0 if ratio <= threshold else 1)
PY
