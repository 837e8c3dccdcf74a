#!/usr/bin/python3
"""Runs the kit, the raw TorchSharp twin and PyTorch (default and tuned) on the reference U-Net, side by side.

Called by bench/unet.sh (which builds the CLI and the twin first). Four sides, each mode of each side in its own process
(so peak RSS is per mode); for every size and mode the order is kit, twin, PyTorch default, PyTorch tuned:
  kit              `researchkit bench <mode> --model unet-ref ... --json`
  twin             `bench/TorchSharpTwin ... <mode> --json`: raw TorchSharp 0.107 (libtorch 2.10), same model and
                   protocol, with its defaults (channels-last input and weights, glibc malloc thresholds raised)
  pytorch          `unet_ref.py <mode> --json`: Debian's PyTorch 1.13 as users run it
  pytorch-tuned    the same with --channels-last and MALLOC_MMAP_THRESHOLD_=268435456 MALLOC_TRIM_THRESHOLD_=1073741824
Targets (issue 17): kit/twin median <= 1.05 (the kit adds at most 5 % over raw TorchSharp); kit/PyTorch median <= 1.0
and kit/PyTorch peak RSS <= 1.2, against the peer chosen by --peer (default: PyTorch with its defaults, the one users
run; the other PyTorch's ratios are printed too).
Exit status: 0 if every row passes; 1 if a row fails or a side could not be run (the other sides are still printed).
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
REF = os.path.join(HERE, "unet_ref.py")
TWIN = os.path.join(REPO, "bench", "TorchSharpTwin", "bin", "Release", "net10.0", "TorchSharpTwin")
MODES = ("train-step", "inference")
SIDES = ("kit", "twin", "pytorch", "pytorch-tuned")
LABELS = {"kit": "kit (researchkit)", "twin": "torchsharp twin", "pytorch": "pytorch default",
          "pytorch-tuned": "pytorch tuned"}
MALLOC_ENV = {"MALLOC_MMAP_THRESHOLD_": "268435456", "MALLOC_TRIM_THRESHOLD_": "1073741824"}
TWIN_TARGET, TIME_TARGET, RSS_TARGET = 1.05, 1.0, 1.2
TIMEOUT_S = 1800
LOAD_WARNING = 1.0
OTHERS_WARNING = 0.05


def load_average():
    """The 1-minute load average of the machine."""
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def cpu_snapshot():
    """(wall s, busy CPU s of the whole machine from /proc/stat, CPU s of this script's finished children)."""
    with open("/proc/stat") as f:
        user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in f.readline().split()[1:9])
    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (time.monotonic(), (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK"),
            ch.ru_utime + ch.ru_stime)


def others_share(before, after):
    """Share of the machine's CPUs that processes other than the measured child used between two snapshots."""
    wall = after[0] - before[0]
    others = (after[1] - before[1]) - (after[2] - before[2])
    return max(0.0, others) / (wall * (os.cpu_count() or 1)) if wall > 0 else None


def run_json(cmd, env_extra=None):
    """Runs cmd; returns (object, None) from the last JSON line of stdout, or (None, one-line reason)."""
    env = dict(os.environ)
    for k in MALLOC_ENV:
        env.pop(k, None)  # only the tuned PyTorch side gets them
    env.update(env_extra or {})
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, env=env)
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
            missing = [k for k in ("medianMs", "peakRssMiB") if k not in obj]
            return (obj, None) if not missing else (None, f"JSON lacks {', '.join(missing)}")
    return None, "printed no JSON object"


def side_command(side, mode, args, batch, size):
    """(command, extra environment) of one side and mode."""
    common = ["--batch", str(batch), "--size", size, "--threads", str(args.threads), "--json"]
    if side == "kit":
        return [args.cli, "bench", mode, "--model", "unet-ref", *common], {}
    if side == "twin":
        return [args.twin, mode, *common], {}
    if side == "pytorch":
        return ["/usr/bin/python3", REF, mode, *common], {}
    return ["/usr/bin/python3", REF, mode, *common, "--channels-last"], MALLOC_ENV


def measure(args, batch, size):
    """One row per mode: dict(mode, batch, size, results={side: obj or None}, errors={side: reason or None})."""
    rows = []
    for mode in MODES:
        row = {"mode": mode, "batch": batch, "size": size, "results": {}, "errors": {}}
        for side in SIDES:
            cmd, env = side_command(side, mode, args, batch, size)
            before = cpu_snapshot()
            obj, row["errors"][side] = run_json(cmd, env)
            if obj:
                obj["othersCpu"] = others_share(before, cpu_snapshot())
            row["results"][side] = obj
            print(f"  measured {mode:<10} {LABELS[side]:<18} "
                  + (f"{obj['medianMs']:.1f} ms" if obj else "failed"), file=sys.stderr, flush=True)
        rows.append(row)
    return rows


def fmt(v, spec):
    return "-" if v is None else format(v, spec)


def ratio(a, b, key):
    return a[key] / b[key] if a and b and a.get(key) and b.get(key) else None


def print_sides(rows):
    head = (f"{'mode':<11}{'batch':>6}{'size':>9}  {'side':<19}{'median ms':>10}{'min':>9}{'max':>9}"
            f"{'GFLOP/s':>9}{'peak RSS':>10}{'others':>8}")
    print(head)
    print("-" * len(head))
    for r in rows:
        for i, side in enumerate(SIDES):
            o = r["results"][side] or {}
            lead = f"{r['mode']:<11}{r['batch']:>6}{r['size']:>9}" if i == 0 else " " * 26
            if not o:
                print(f"{lead}  {LABELS[side]:<19}{'failed':>10}")
                continue
            print(f"{lead}  {LABELS[side]:<19}{fmt(o.get('medianMs'), '.1f'):>10}{fmt(o.get('minMs'), '.1f'):>9}"
                  f"{fmt(o.get('maxMs'), '.1f'):>9}{fmt(o.get('gflops'), '.1f'):>9}"
                  f"{fmt(o.get('peakRssMiB'), '.0f'):>10}"
                  f"{fmt(None if o.get('othersCpu') is None else 100 * o['othersCpu'], '.0f'):>7}%")


def verdict(row, peer):
    """(text, ok) against the targets; peer is 'pytorch' or 'pytorch-tuned'."""
    kit, twin, ref = (row["results"][s] for s in ("kit", "twin", peer))
    missing = [s for s, o in (("kit", kit), ("twin", twin), (peer, ref)) if not o]
    if missing:
        return f"n/a ({', '.join(missing)} failed)", False
    fails = []
    if ratio(kit, twin, "medianMs") > TWIN_TARGET:
        fails.append("kit/twin")
    if ratio(kit, ref, "medianMs") > TIME_TARGET:
        fails.append("time")
    if ratio(kit, ref, "peakRssMiB") > RSS_TARGET:
        fails.append("RSS")
    return ("PASS", True) if not fails else ("FAIL " + ",".join(fails), False)


def print_ratios(rows, peer):
    group = f"{'':<26}  {'median ratio ' + '-' * 32:<45}  {'peak RSS ratio ' + '-' * 11:<26}"
    head = (f"{'mode':<11}{'batch':>6}{'size':>9}  {'kit/twin':>9}{'kit/pt':>8}{'kit/pt-t':>9}{'twin/pt':>9}"
            f"{'twin/pt-t':>10}  {'kit/pt':>8}{'kit/pt-t':>9}{'twin/pt':>9}  verdict")
    print(group.rstrip())
    print(head)
    print("-" * len(head))
    all_ok = True
    for r in rows:
        kit, twin, pt, ptt = (r["results"][s] for s in SIDES)
        text, ok = verdict(r, peer)
        all_ok &= ok
        print(f"{r['mode']:<11}{r['batch']:>6}{r['size']:>9}  {fmt(ratio(kit, twin, 'medianMs'), '.3f'):>9}"
              f"{fmt(ratio(kit, pt, 'medianMs'), '.3f'):>8}{fmt(ratio(kit, ptt, 'medianMs'), '.3f'):>9}"
              f"{fmt(ratio(twin, pt, 'medianMs'), '.3f'):>9}{fmt(ratio(twin, ptt, 'medianMs'), '.3f'):>10}"
              f"  {fmt(ratio(kit, pt, 'peakRssMiB'), '.2f'):>8}{fmt(ratio(kit, ptt, 'peakRssMiB'), '.2f'):>9}"
              f"{fmt(ratio(twin, pt, 'peakRssMiB'), '.2f'):>9}  {text}")
    return all_ok


def notes(rows):
    """Lines about the run: failures, FLOP-count agreement, versions and kernels."""
    out = []
    for r in rows:
        tag = f"{r['mode']} batch {r['batch']} {r['size']}"
        for side in SIDES:
            if r["errors"][side]:
                out.append(f"{side.upper()} FAILED  {tag}: {r['errors'][side]}")
        flops = {s: r["results"][s]["flops"] for s in SIDES if r["results"][s] and "flops" in r["results"][s]}
        if len(set(flops.values())) > 1:
            out.append(f"FLOP counts differ ({tag}): {flops}; the models or counters do not match")
    ref = next((r["results"]["pytorch"] for r in rows if r["results"]["pytorch"]), None)
    if ref:
        out.append(f"pytorch {ref.get('torch')}, {ref.get('threads')} threads, mkldnn available "
                   f"{ref.get('mkldnnAvailable')}, conv kernels: {', '.join(ref.get('convKernels', []))}; medians of "
                   f"{ref.get('runs')} after {ref.get('warmup')} warm-up calls")
    twin = next((r["results"]["twin"] for r in rows if r["results"]["twin"]), None)
    if twin:
        out.append(f"twin: TorchSharp on libtorch {twin.get('torch')}, channels-last {twin.get('channelsLast')}, "
                   f"malloc thresholds {twin.get('malloc')}, mkldnn {twin.get('mkldnnEnabled')}")
    env = " ".join(f"{k}={v}" for k, v in MALLOC_ENV.items())
    out.append(f"pytorch tuned = --channels-last (model and input) + {env}")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", required=True, help="path of the researchkit executable")
    ap.add_argument("--twin", default=TWIN, help="path of the TorchSharpTwin executable")
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--size", default="96x128")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--sizes", choices=["one", "all"], default="one",
                    help="all = batch 8 at 96x128 and batch 4 at 192x256 (ignores --batch/--size)")
    ap.add_argument("--peer", choices=["default", "tuned"], default="default",
                    help="the PyTorch the time and RSS targets are checked against (both are printed)")
    args = ap.parse_args()
    peer = "pytorch" if args.peer == "default" else "pytorch-tuned"
    configs = [(8, "96x128"), (4, "192x256")] if args.sizes == "all" else [(args.batch, args.size)]
    start = load_average()
    print(f"unet-ref, {args.threads} threads, load average {start:.2f} at start", flush=True)
    rows = [row for batch, size in configs for row in measure(args, batch, size)]
    print_sides(rows)
    print("others = CPU share other processes took while that side ran (of all cores); above ~5 % the row is disturbed")
    print()
    ok = print_ratios(rows, peer)
    for line in notes(rows):
        print(line)
    end = load_average()
    busy = [f"{r['mode']} {s}" for r in rows for s in SIDES
            if r["results"][s] and (r["results"][s].get("othersCpu") or 0) > OTHERS_WARNING]
    if busy:
        print(f"WARNING: other processes took more than {OTHERS_WARNING:.0%} of the CPUs during: {', '.join(busy)}")
    # The run itself pushes the 1-minute load towards --threads, so the end is held to threads + LOAD_WARNING.
    if start > LOAD_WARNING or end > args.threads + LOAD_WARNING:
        print(f"WARNING: load average {start:.2f} at start, {end:.2f} at the end (this run alone adds up to "
              f"{args.threads}): other processes compete for the cores (OpenMP slows down sharply then); re-run on "
              "an idle machine before quoting numbers")
    print(f"targets: kit/twin median <= {TWIN_TARGET}; kit/{LABELS[peer]} median <= {TIME_TARGET} and peak RSS <= "
          f"{RSS_TARGET}x (pt = PyTorch defaults, pt-t = PyTorch tuned)")
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
