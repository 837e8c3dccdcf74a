#!/usr/bin/python3
"""Runs `researchkit bench` and the PyTorch reference (unet_ref.py) in turn and prints the comparison table.

Called by bench/unet.sh (which builds the CLI first). Each (side, mode, size) runs in its own process, so peak RSS is
per mode; for every size the order is kit train-step, torch train-step, kit inference, torch inference.
Targets (issue 3): kit/PyTorch median ratio <= 1.0 for both modes (stretch <= 0.7) and peak RSS <= 1.5x PyTorch's;
the acceptance point is batch 8, 96x128, and the same targets are shown for every other size.
Exit status: 0 if every row passes, 1 if a row fails or the kit could not be run (PyTorch numbers are still printed).
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REF = os.path.join(HERE, "unet_ref.py")
MODES = ("train-step", "inference")
RATIO_TARGET, STRETCH, RSS_TARGET = 1.0, 0.7, 1.5
TIMEOUT_S = 1800
LOAD_WARNING = 1.0


def load_average():
    """The 1-minute load average of the machine."""
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def run_json(cmd):
    """Runs cmd; returns (object, None) from the last JSON line of stdout, or (None, one-line reason)."""
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S)
    except FileNotFoundError:
        return None, f"{cmd[0]} not found"
    except PermissionError:
        return None, f"{cmd[0]} is not executable"
    except subprocess.TimeoutExpired:
        return None, f"timed out after {TIMEOUT_S} s"
    if p.returncode != 0:
        lines = [ln for ln in (p.stderr + p.stdout).strip().splitlines() if ln.strip()]
        return None, f"exit {p.returncode}: {lines[-1] if lines else 'no output'}"
    for line in reversed(p.stdout.strip().splitlines()):
        if line.lstrip().startswith("{"):
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                break
            missing = [k for k in ("medianMs", "gflops", "peakRssMiB") if k not in obj]
            return (obj, None) if not missing else (None, f"JSON lacks {', '.join(missing)}")
    return None, "printed no JSON object"


def measure(cli, batch, size, threads):
    """One row per mode: dict(mode, kit, kitError, torch, torchError)."""
    rows = []
    for mode in MODES:
        common = ["--batch", str(batch), "--size", size, "--threads", str(threads), "--json"]
        kit, kit_err = run_json([cli, "bench", mode, "--model", "unet-ref", *common])
        ref, ref_err = run_json(["/usr/bin/python3", REF, mode, *common])
        rows.append({"mode": mode, "batch": batch, "size": size, "kit": kit, "kitError": kit_err,
                     "torch": ref, "torchError": ref_err})
    return rows


def verdict(row):
    kit, ref = row["kit"], row["torch"]
    if not kit or not ref:
        return "n/a", False
    ratio = kit["medianMs"] / ref["medianMs"]
    rss = kit["peakRssMiB"] / ref["peakRssMiB"]
    ok = ratio <= RATIO_TARGET and rss <= RSS_TARGET
    return ("PASS" + (" (stretch)" if ratio <= STRETCH else "")) if ok else "FAIL", ok


def fmt(v, spec):
    return "-" if v is None else format(v, spec)


def print_table(rows):
    head = (f"{'mode':<11}{'batch':>6}{'size':>9}{'kit ms':>9}{'torch ms':>10}{'ratio':>7}{'kit GF/s':>10}"
            f"{'torch GF/s':>11}{'kit RSS':>9}{'torch RSS':>10}{'RSS x':>7}  verdict")
    print(head)
    print("-" * len(head))
    all_ok = True
    for r in rows:
        kit, ref = r["kit"] or {}, r["torch"] or {}
        ratio = kit["medianMs"] / ref["medianMs"] if kit and ref else None
        rss = kit["peakRssMiB"] / ref["peakRssMiB"] if kit and ref else None
        text, ok = verdict(r)
        all_ok &= ok
        print(f"{r['mode']:<11}{r['batch']:>6}{r['size']:>9}{fmt(kit.get('medianMs'), '.1f'):>9}"
              f"{fmt(ref.get('medianMs'), '.1f'):>10}{fmt(ratio, '.3f'):>7}{fmt(kit.get('gflops'), '.1f'):>10}"
              f"{fmt(ref.get('gflops'), '.1f'):>11}{fmt(kit.get('peakRssMiB'), '.0f'):>9}"
              f"{fmt(ref.get('peakRssMiB'), '.0f'):>10}{fmt(rss, '.2f'):>7}  {text}")
    return all_ok


def notes(rows):
    """Lines about the run: errors, FLOP-count agreement, PyTorch's conv kernels."""
    out = []
    for r in rows:
        kit, ref = r["kit"], r["torch"]
        tag = f"{r['mode']} batch {r['batch']} {r['size']}"
        if r["kitError"]:
            out.append(f"KIT FAILED  {tag}: {r['kitError']}")
        if r["torchError"]:
            out.append(f"PYTORCH FAILED  {tag}: {r['torchError']}")
        if kit and ref and "flops" in kit and kit["flops"] != ref["flops"]:
            out.append(f"FLOP counts differ ({tag}): kit {kit['flops']:,} vs PyTorch {ref['flops']:,}; "
                       "the two models or counters do not match")
    ref = next((r["torch"] for r in rows if r["torch"]), None)
    if ref:
        out.append(f"pytorch {ref['torch']}, {ref['threads']} threads, mkldnn available {ref['mkldnnAvailable']}, "
                   f"conv kernels: {', '.join(ref['convKernels'])}; medians of {ref['runs']} after {ref['warmup']} "
                   "warm-up calls")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", required=True, help="path of the researchkit executable")
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--size", default="96x128")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--sizes", choices=["one", "all"], default="one",
                    help="all = batch 8 at 96x128 and batch 4 at 192x256 (ignores --batch/--size)")
    args = ap.parse_args()
    configs = [(8, "96x128"), (4, "192x256")] if args.sizes == "all" else [(args.batch, args.size)]
    start = load_average()
    print(f"unet-ref, {args.threads} threads, load average {start:.2f} at start", flush=True)
    rows = [row for batch, size in configs for row in measure(args.cli, batch, size, args.threads)]
    ok = print_table(rows)
    for line in notes(rows):
        print(line)
    end = load_average()
    if max(start, end) > LOAD_WARNING:
        print(f"WARNING: load average {start:.2f} at start, {end:.2f} at the end: other processes compete for the "
              "cores (OpenMP in PyTorch slows down sharply then); re-run on an idle machine before quoting numbers")
    print(f"targets: kit/PyTorch median <= {RATIO_TARGET} (stretch <= {STRETCH}), peak RSS <= {RSS_TARGET}x PyTorch's"
          f" (acceptance at batch 8, 96x128)")
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
