#!/usr/bin/python3
"""When is a thin 3x3 conv slow on oneDNN? Medians per setting, TorchSharp 0.107 (libtorch 2.10) and PyTorch 1.13.

Usage:
  /usr/bin/python3 bench/torch/conv_study.py [--engines twin,pytorch] [--factors all|base,cache0,...] [--runs 10]
                                             [--warmup 3] [--twin PATH]
  /usr/bin/python3 bench/torch/conv_study.py child [--op conv|block] [--cin 16] [--cout 16] [--batch 8]
                                             [--size 96x128] [--threads 2] [--channels-last on|off]
                                             [--mkldnn on|off] [--input reuse|fresh] [--warmup 3] [--runs 10]

The workload (issue 17) is the U-Net's full-resolution 16->16 layer: a 3x3 conv, padding 1, no bias, on
[8,16,96,128] (--op conv), or the whole Block(16,16) in train mode, conv-BN-ReLU-conv-BN-ReLU (--op block).
Each process measures, with `warmup` untimed calls before `runs` timed ones:
  inf    forward in eval mode under no_grad;
  fwd    forward in train mode with autograd on (the input requires grad);
  bwd    backward of that forward with a random output gradient in the output's layout (input + weight gradients);
and the median number of minor page faults (whole process) during each of them. Before the table, `fault probe`
times the first and the second touch of 64 MiB of fresh anonymous memory: what one page fault costs on this machine.
The TorchSharp side is `TorchSharpTwin conv-study` (bench/TorchSharpTwin), the PyTorch side `conv_study.py child`.

Every row is one setting in its own process per engine; every factor is measured in the four combinations of layout
(NCHW / channels-last: input and weight strides) and malloc (glibc defaults / M_MMAP_THRESHOLD 256 MiB +
M_TRIM_THRESHOLD 1 GiB: `--malloc on` for the twin, MALLOC_MMAP_THRESHOLD_/MALLOC_TRIM_THRESHOLD_ for Python):
  base     batch 8, 2 threads, oneDNN on, primitive caches at their defaults, the same input every call
  cache0   ONEDNN_PRIMITIVE_CACHE_CAPACITY=0 and DNNL_PRIMITIVE_CACHE_CAPACITY=0 (no oneDNN primitive cache)
  threads1 1 thread
  fresh    a new input tensor before every call
  batch1, batch4, batch16   other batch sizes
  mkldnn0  oneDNN switched off (torch.backends.mkldnn.enabled = False / setUserEnabledMkldnn(false))
  block    Block(16,16) in train mode instead of the single conv
Keep the machine otherwise idle: the table prints the load average before and after.
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

from unet_compare import cpu_snapshot, others_share  # the same "others" share as bench/unet.sh prints

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TWIN = os.path.join(REPO, "bench", "TorchSharpTwin", "bin", "Release", "net10.0", "TorchSharpTwin")
MALLOC_ENV = {"MALLOC_MMAP_THRESHOLD_": "268435456", "MALLOC_TRIM_THRESHOLD_": "1073741824"}
FACTORS = {  # name -> (extra child arguments, extra environment)
    "base": ([], {}),
    "cache0": ([], {"ONEDNN_PRIMITIVE_CACHE_CAPACITY": "0", "DNNL_PRIMITIVE_CACHE_CAPACITY": "0"}),
    "threads1": (["--threads", "1"], {}),
    "fresh": (["--input", "fresh"], {}),
    "batch1": (["--batch", "1"], {}),
    "batch4": (["--batch", "4"], {}),
    "batch16": (["--batch", "16"], {}),
    "mkldnn0": (["--mkldnn", "off"], {}),
    "block": (["--op", "block"], {}),
}
TIMEOUT_S = 300


# ---------------------------------------------------------------------------------------------------------- child --
def child(args):
    import torch
    import torch.nn as nn

    from unet_ref import Block  # the reference U-Net's block, same layers (bench/torch/unet_ref.py)

    torch.set_num_threads(args.threads)
    torch.backends.mkldnn.enabled = args.mkldnn == "on"
    torch.manual_seed(0)
    fmt = torch.channels_last if args.channels_last == "on" else torch.contiguous_format
    op = Block(args.cin, args.cout) if args.op == "block" else nn.Conv2d(args.cin, args.cout, 3, padding=1, bias=False)
    op = op.to(memory_format=fmt)
    height, width = args.size

    def make_input():
        return torch.rand(args.batch, args.cin, height, width).contiguous(memory_format=fmt)

    x0 = make_input()
    with torch.no_grad():
        out_cl = op(x0).is_contiguous(memory_format=torch.channels_last)

    def get_input():
        return make_input() if args.input == "fresh" else x0

    faults = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_minflt  # noqa: E731  (all threads)
    inf, fwd, bwd, inf_f, fwd_f, bwd_f = [], [], [], [], [], []
    op.eval()
    for i in range(args.warmup + args.runs):
        with torch.no_grad():
            x = get_input()
            f0, t0 = faults(), time.perf_counter()
            op(x)
            t1, f1 = time.perf_counter(), faults()
        if i >= args.warmup:
            inf.append((t1 - t0) * 1e3)
            inf_f.append(f1 - f0)
    op.train()
    for i in range(args.warmup + args.runs):
        op.zero_grad(set_to_none=True)
        x = get_input().detach().requires_grad_(True)
        f0, t0 = faults(), time.perf_counter()
        y = op(x)
        t1, f1 = time.perf_counter(), faults()
        g = torch.rand_like(y)  # preserve_format: the output's layout
        f2, t2 = faults(), time.perf_counter()
        y.backward(g)
        t3, f3 = time.perf_counter(), faults()
        del x, y, g
        if i >= args.warmup:
            fwd.append((t1 - t0) * 1e3)
            bwd.append((t3 - t2) * 1e3)
            fwd_f.append(f1 - f0)
            bwd_f.append(f3 - f2)
    macs = args.batch * height * width * args.cout * args.cin * 9
    if args.op == "block":
        macs += args.batch * height * width * args.cout * args.cout * 9
    r = lambda v: [round(t, 2) for t in v]  # noqa: E731
    print(json.dumps({
        "impl": "pytorch", "torch": torch.__version__, "mode": "conv-study", "op": args.op, "cin": args.cin,
        "cout": args.cout, "batch": args.batch, "height": height, "width": width, "threads": torch.get_num_threads(),
        "input": args.input, "inputChannelsLast": x0.is_contiguous(memory_format=torch.channels_last),
        "outputChannelsLast": out_cl, "forwardMacs": macs, "warmup": args.warmup, "runs": args.runs,
        "infMedianMs": round(statistics.median(inf), 3), "fwdMedianMs": round(statistics.median(fwd), 3),
        "bwdMedianMs": round(statistics.median(bwd), 3), "infFaults": statistics.median(inf_f),
        "fwdFaults": statistics.median(fwd_f), "bwdFaults": statistics.median(bwd_f),
        "infMs": r(inf), "fwdMs": r(fwd), "bwdMs": r(bwd),
        "mkldnnEnabled": torch.backends.mkldnn.enabled, "channelsLast": args.channels_last == "on",
        "malloc": os.environ.get("MALLOC_MMAP_THRESHOLD_") is not None,
        "onednnPrimitiveCacheCapacity": os.environ.get("ONEDNN_PRIMITIVE_CACHE_CAPACITY"),
    }))


# --------------------------------------------------------------------------------------------------- orchestrator --
def load_average():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def fault_probe(mib=64):
    """First and second touch of `mib` MiB of fresh anonymous memory (one write per 4 KiB page)."""
    import mmap
    m = mmap.mmap(-1, mib << 20)
    times = []
    for _ in range(2):
        f0, t0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt, time.perf_counter()
        for off in range(0, mib << 20, 4096):
            m[off] = 1
        times.append(((time.perf_counter() - t0) * 1e3, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - f0))
    m.close()
    (t1, f1), (t2, f2) = times
    return (f"fault probe: first touch of {mib} MiB fresh memory {t1:.1f} ms ({f1} minor faults, "
            f"{t1 * 1e3 / max(f1, 1):.2f} us each); second touch {t2:.1f} ms ({f2} faults)")


def run_child(cmd, env_extra):
    env = dict(os.environ)
    for k in list(MALLOC_ENV) + ["ONEDNN_PRIMITIVE_CACHE_CAPACITY", "DNNL_PRIMITIVE_CACHE_CAPACITY"]:
        env.pop(k, None)  # every setting starts from a clean environment
    env.update(env_extra)
    before = cpu_snapshot()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, env=env)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, str(e).splitlines()[0]
    others = others_share(before, cpu_snapshot())
    for line in reversed(p.stdout.strip().splitlines()):
        if line.startswith("{"):
            obj = json.loads(line)
            obj["othersCpu"] = others or 0.0  # None only for a zero-length measurement
            return obj, None
    lines = [ln for ln in (p.stderr + p.stdout).splitlines() if ln.strip() and "NNPACK" not in ln]
    return None, f"exit {p.returncode}: {lines[-1] if lines else 'no output'}"


def orchestrate(args):
    engines = args.engines.split(",")
    factors = list(FACTORS) if args.factors == "all" else args.factors.split(",")
    for f in factors:
        if f not in FACTORS:
            sys.exit(f"unknown factor {f!r}; known: {', '.join(FACTORS)}")
    if "twin" in engines and not os.access(args.twin, os.X_OK):
        sys.exit(f"{args.twin} missing: dotnet build bench/TorchSharpTwin -c Release")
    print(f"conv study, 3x3 conv 16->16 on [batch,16,96,128]; medians of {args.runs} after {args.warmup} warm-up calls,"
          f" ms; load average {load_average()} at start ({time.strftime('%Y-%m-%d %H:%M')}); twin = TorchSharp 0.107 "
          "(libtorch 2.10), pytorch = Debian's 1.13", flush=True)
    print(fault_probe(), flush=True)
    head = (f"{'factor':<9}{'engine':<9}{'layout':<7}{'malloc':<7}{'inf ms':>8}{'fwd ms':>8}{'bwd ms':>8}"
            f"{'inf flt':>9}{'fwd flt':>9}{'bwd flt':>9}{'others':>8}")
    print(head)
    print("-" * len(head), flush=True)
    for factor in factors:
        extra_args, extra_env = FACTORS[factor]
        for layout in ("nchw", "cl"):
            for malloc in ("off", "on"):
                for engine in engines:
                    common = ["--runs", str(args.runs), "--warmup", str(args.warmup),
                              "--channels-last", "on" if layout == "cl" else "off", "--json", *extra_args]
                    env = dict(extra_env)
                    if engine == "twin":
                        cmd = [args.twin, "conv-study", "--malloc", malloc, *common]
                    else:
                        cmd = ["/usr/bin/python3", os.path.abspath(__file__), "child", *common]
                        if malloc == "on":
                            env.update(MALLOC_ENV)
                    r, err = run_child(cmd, env)
                    label = "twin" if engine == "twin" else "pytorch"  # TorchSharp 0.107 / PyTorch 1.13
                    if r is None:
                        print(f"{factor:<9}{label:<9}{layout:<7}{malloc:<8}FAILED: {err}", flush=True)
                        continue
                    print(f"{factor:<9}{label:<9}{layout:<7}{malloc:<7}{r['infMedianMs']:>8.2f}"
                          f"{r['fwdMedianMs']:>8.2f}{r['bwdMedianMs']:>8.2f}{r['infFaults']:>9.0f}"
                          f"{r['fwdFaults']:>9.0f}{r['bwdFaults']:>9.0f}{100 * r['othersCpu']:>7.0f}%"
                          + ("  disturbed" if r["othersCpu"] > 0.05 else ""), flush=True)
                    if r["outputChannelsLast"] != (layout == "cl"):
                        print(f"   note: the output's layout is not the input's "
                              f"(channels-last {r['outputChannelsLast']})")
                    if args.raw:
                        print("   " + json.dumps({k: r[k] for k in ("infMs", "fwdMs", "bwdMs")}))
    print(f"load average {load_average()} at the end; flt = median minor page faults per call (whole process); "
          "others = CPU share other processes took during that row (of all cores)")


def parse_size(text):
    h, w = (int(v) for v in text.lower().split("x"))
    return h, w


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "child":
        ap = argparse.ArgumentParser(prog="conv_study.py child")
        ap.add_argument("child")
        ap.add_argument("--op", choices=["conv", "block"], default="conv")
        ap.add_argument("--cin", type=int, default=16)
        ap.add_argument("--cout", type=int, default=16)
        ap.add_argument("--batch", type=int, default=8)
        ap.add_argument("--size", type=parse_size, default=(96, 128))
        ap.add_argument("--threads", type=int, default=2)
        ap.add_argument("--channels-last", choices=["on", "off"], default="off")
        ap.add_argument("--mkldnn", choices=["on", "off"], default="on")
        ap.add_argument("--input", choices=["reuse", "fresh"], default="reuse")
        ap.add_argument("--warmup", type=int, default=3)
        ap.add_argument("--runs", type=int, default=10)
        ap.add_argument("--json", action="store_true", help="accepted for symmetry with the twin; always JSON")
        return child(ap.parse_args())
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--engines", default="twin,pytorch", help="comma list of twin, pytorch")
    ap.add_argument("--factors", default="all", help=f"all or a comma list of {', '.join(FACTORS)}")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--twin", default=TWIN, help="TorchSharpTwin executable")
    ap.add_argument("--raw", action="store_true", help="also print every timed call")
    orchestrate(ap.parse_args())


if __name__ == "__main__":
    main()
