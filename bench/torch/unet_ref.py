#!/usr/bin/python3
"""PyTorch reference U-Net of issue 3 and its timing CLI (Debian python3-torch 1.13; run with /usr/bin/python3).

Usage:
  /usr/bin/python3 bench/torch/unet_ref.py train-step|inference [--batch 8] [--size 96x128] [--threads 2]
                                            [--warmup 3] [--runs 20] [--seed 0] [--channels-last] [--json]
  /usr/bin/python3 bench/torch/unet_ref.py flops [--batch 8] [--size 96x128] [--json]

Model (`UNetRef`, the kit's `unet-ref` twin must match it layer for layer)
--------------------------------------------------------------------------
Widths c = [16, 32, 64, 128], bottleneck 256, 3 input channels, 12 classes. Every `Block(cin, cout)` is
  conv1: Conv2d(cin, cout, 3x3, padding 1, no bias) -> bn1: BatchNorm2d(cout) -> ReLU
  conv2: Conv2d(cout, cout, 3x3, padding 1, no bias) -> bn2: BatchNorm2d(cout) -> ReLU
(BatchNorm: eps 1e-5, momentum 0.1, affine, running stats; PyTorch's default initialisation everywhere.)

  module        input (channels, spatial)            block           output
  enc1          x (3, HxW)                           Block(3, 16)    s1 (16, HxW)
  enc2          maxpool2(s1) (16, H/2)               Block(16, 32)   s2 (32, H/2)
  enc3          maxpool2(s2) (32, H/4)               Block(32, 64)   s3 (64, H/4)
  enc4          maxpool2(s3) (64, H/8)               Block(64, 128)  s4 (128, H/8)
  bottleneck    maxpool2(s4) (128, H/16)             Block(128, 256) b (256, H/16)
  dec4          cat[up2(b), s4] (256+128=384, H/8)   Block(384, 128) d4 (128, H/8)
  dec3          cat[up2(d4), s3] (128+64=192, H/4)   Block(192, 64)  d3 (64, H/4)
  dec2          cat[up2(d3), s2] (64+32=96, H/2)     Block(96, 32)   d2 (32, H/2)
  dec1          cat[up2(d2), s1] (32+16=48, H)       Block(48, 16)   d1 (16, HxW)
  head          d1                                   Conv2d(16, 12, 1x1, bias)   logits (12, HxW)

maxpool2 = MaxPool2d(2, stride 2); up2 = bilinear x2 up-sampling, align_corners=False; cat is along channels with the
up-sampled tensor FIRST and the skip second. H and W must be divisible by 16.

Parameters, in `named_parameters()` order (56 tensors, 1,964,284 values): for each module in the order
enc1, enc2, enc3, enc4, bottleneck, dec4, dec3, dec2, dec1:
  <m>.conv1.weight [cout, cin, 3, 3], <m>.bn1.weight [cout], <m>.bn1.bias [cout],
  <m>.conv2.weight [cout, cout, 3, 3], <m>.bn2.weight [cout], <m>.bn2.bias [cout]
then head.weight [12, 16, 1, 1], head.bias [12]. Buffers per BN: running_mean, running_var, num_batches_tracked.

FLOP count (`layer_macs`; the C# side mirrors it)
-------------------------------------------------
Only convolutions are counted (19 of them, head included). A conv with cin inputs, cout outputs, a kxk kernel and an
output of N x Ho x Wo does MACs = N*Ho*Wo*cout*cin*k*k; forward FLOPs = 2*sum(MACs). A training step counts 3x the
forward FLOPs (forward, gradient w.r.t. the input, gradient w.r.t. the weights; the first conv's input gradient is
counted although nothing needs it). Inference counts 1x. BN, ReLU, pooling, up-sampling, concat, the loss, the head's
bias and the SGD update are not counted. Per image the total is 53,616 MACs per input pixel (H*W).

Timing
------
Inputs x ~ U[0,1) [N,3,H,W] and labels ~ randint(0,12) [N,H,W] from torch.manual_seed(seed); the model is built after
the same seeding. A training step (model.train()) is: optimizer.zero_grad(set_to_none=True); logits = model(x);
loss = cross_entropy(logits, labels) (mean over pixels); loss.backward(); SGD(lr 0.01, momentum 0.9).step().
Inference is model.eval() and a forward under torch.no_grad(). `warmup` untimed calls, then `runs` timed ones
(time.perf_counter around each call); medianMs is their median, gflops = flops / median. peakRssMiB is VmHWM of
/proc/self/status at the end, so run one mode per process (the CLI does).

Tuned settings (issue 17; off by default, and the default run and its JSON are unchanged)
----------------------------------------------------------------------------------------
--channels-last  the model (model.to(memory_format=torch.channels_last)) and the input x get channels-last strides
                 once, before the warm-up; JSON then also has "channelsLast": true.
malloc           glibc reads its thresholds from the environment when the process starts, so they are set by the
                 caller, not by a flag: MALLOC_MMAP_THRESHOLD_=268435456 MALLOC_TRIM_THRESHOLD_=1073741824 (freed
                 activations stay in the heap, so the next step does not page-fault on fresh memory). When they are
                 set, JSON also has "mallocEnv" with their values. "PyTorch tuned" in bench/unet.sh is both:
  MALLOC_MMAP_THRESHOLD_=268435456 MALLOC_TRIM_THRESHOLD_=1073741824 \
      /usr/bin/python3 bench/torch/unet_ref.py train-step --channels-last --json
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

WIDTHS = (16, 32, 64, 128)
BOTTLENECK = 256
IN_CHANNELS = 3
NUM_CLASSES = 12
MALLOC_ENV_KEYS = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")


class Block(nn.Module):
    """2 x (3x3 conv without bias -> BatchNorm -> ReLU)."""

    def __init__(self, cin, cout):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(x)))


class UNetRef(nn.Module):
    """The reference U-Net: 4 encoder levels 16-32-64-128, 256 bottleneck, bilinear decoder, 1x1 head to 12 classes."""

    def __init__(self, in_channels=IN_CHANNELS, num_classes=NUM_CLASSES, widths=WIDTHS, bottleneck=BOTTLENECK):
        super().__init__()
        c1, c2, c3, c4 = widths
        self.enc1 = Block(in_channels, c1)
        self.enc2 = Block(c1, c2)
        self.enc3 = Block(c2, c3)
        self.enc4 = Block(c3, c4)
        self.bottleneck = Block(c4, bottleneck)
        self.dec4 = Block(bottleneck + c4, c4)
        self.dec3 = Block(c4 + c3, c3)
        self.dec2 = Block(c3 + c2, c2)
        self.dec1 = Block(c2 + c1, c1)
        self.head = nn.Conv2d(c1, num_classes, 1, bias=True)

    def forward(self, x):  # [N,3,H,W] -> [N,12,H,W]
        s1 = self.enc1(x)
        s2 = self.enc2(F.max_pool2d(s1, 2))
        s3 = self.enc3(F.max_pool2d(s2, 2))
        s4 = self.enc4(F.max_pool2d(s3, 2))
        b = self.bottleneck(F.max_pool2d(s4, 2))
        d = self.dec4(torch.cat([up2(b), s4], dim=1))
        d = self.dec3(torch.cat([up2(d), s3], dim=1))
        d = self.dec2(torch.cat([up2(d), s2], dim=1))
        d = self.dec1(torch.cat([up2(d), s1], dim=1))
        return self.head(d)


def up2(x):
    """Bilinear x2 up-sampling, align_corners=False."""
    return F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False)


def layer_macs(batch, height, width, widths=WIDTHS, bottleneck=BOTTLENECK):
    """Analytic conv MACs per layer: list of (name, cin, cout, k, out_h, out_w, macs), in forward order."""
    if height % 16 or width % 16:
        raise ValueError(f"size {height}x{width}: both sides must be divisible by 16 (four 2x2 pools)")
    plan = []
    cin = IN_CHANNELS
    levels = list(widths) + [bottleneck]
    names = ["enc1", "enc2", "enc3", "enc4", "bottleneck"]
    for level, (name, cout) in enumerate(zip(names, levels)):
        plan += [(f"{name}.conv1", cin, cout, level), (f"{name}.conv2", cout, cout, level)]
        cin = cout
    for level in (3, 2, 1, 0):
        cout = widths[level]
        name = f"dec{level + 1}"
        plan += [(f"{name}.conv1", cin + cout, cout, level), (f"{name}.conv2", cout, cout, level)]
        cin = cout
    rows = []
    for name, ci, co, level in plan:
        h, w = height >> level, width >> level
        rows.append((name, ci, co, 3, h, w, batch * h * w * co * ci * 9))
    rows.append(("head", cin, NUM_CLASSES, 1, height, width, batch * height * width * NUM_CLASSES * cin))
    return rows


def step_flops(mode, batch, height, width):
    """FLOPs of one timed call: 2 x forward MACs, times 3 for a training step."""
    forward = 2 * sum(r[-1] for r in layer_macs(batch, height, width))
    return forward * (3 if mode == "train-step" else 1)


def hooked_macs(batch, height, width):
    """MACs counted from the real model's conv outputs via forward hooks (a check of `layer_macs`)."""
    model = UNetRef()
    counts = []

    def hook(module, inputs, output):
        kh, kw = module.kernel_size
        counts.append(output.numel() * module.in_channels // module.groups * kh * kw)

    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            m.register_forward_hook(hook)
    with torch.no_grad():
        model.eval()(torch.zeros(batch, IN_CHANNELS, height, width))
    return counts


def peak_rss_mib():
    """VmHWM (peak resident set size) of this process in MiB."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    raise OSError("/proc/self/status has no VmHWM line")


def conv_backend(model, x):
    """Names of the aten convolution kernels one forward of the first conv dispatches to (e.g. mkldnn_convolution)."""
    from torch.autograd import profiler
    with torch.no_grad(), profiler.profile() as prof:
        model.enc1.conv1(x)
    names = sorted({e.name for e in prof.function_events if "conv" in e.name and e.name != "aten::conv2d"})
    return names


def make_step(mode, model, x, labels):
    if mode == "inference":
        model.eval()

        def step():
            with torch.no_grad():
                return model(x)
        return step
    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), labels)
        loss.backward()
        opt.step()
        return loss
    return step


def run_bench(args):
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    height, width = args.height, args.width
    model = UNetRef()
    x = torch.rand(args.batch, IN_CHANNELS, height, width)
    labels = torch.randint(0, NUM_CLASSES, (args.batch, height, width))
    if args.channels_last:
        model = model.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    step = make_step(args.mode, model, x, labels)
    for _ in range(args.warmup):
        step()
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1000.0)
    median = statistics.median(times)
    flops = step_flops(args.mode, args.batch, height, width)
    out = {
        "impl": "pytorch", "model": "unet-ref", "mode": args.mode, "batch": args.batch, "height": height,
        "width": width, "threads": torch.get_num_threads(), "warmup": args.warmup, "runs": args.runs,
        "medianMs": round(median, 3), "minMs": round(min(times), 3), "maxMs": round(max(times), 3),
        "flops": flops, "gflops": round(flops / (median / 1000.0) / 1e9, 2), "peakRssMiB": round(peak_rss_mib(), 1),
        "torch": torch.__version__, "mkldnnAvailable": torch.backends.mkldnn.is_available(),
        "mkldnnEnabled": torch.backends.mkldnn.enabled, "convKernels": conv_backend(model, x),
    }
    if args.channels_last:
        out["channelsLast"] = True
    malloc_env = {k: os.environ[k] for k in MALLOC_ENV_KEYS if k in os.environ}
    if malloc_env:
        out["mallocEnv"] = malloc_env
    return out


def run_flops(args):
    rows = layer_macs(args.batch, args.height, args.width)
    hooked = hooked_macs(args.batch, args.height, args.width)
    if hooked != [r[-1] for r in rows]:
        sys.exit(f"analytic MACs {[r[-1] for r in rows]} differ from the hooked model's {hooked}")
    forward = step_flops("inference", args.batch, args.height, args.width)
    out = {"batch": args.batch, "height": args.height, "width": args.width,
           "layers": [dict(zip(("name", "cin", "cout", "k", "outH", "outW", "macs"), r)) for r in rows],
           "forwardMacs": forward // 2, "inferenceFlops": forward,
           "trainStepFlops": step_flops("train-step", args.batch, args.height, args.width),
           "parameters": sum(p.numel() for p in UNetRef().parameters())}
    if args.json:
        print(json.dumps(out))
        return
    print(f"{'layer':<18}{'cin':>5}{'cout':>6}{'k':>3}{'out':>10}{'MACs':>16}")
    for name, ci, co, k, h, w, macs in rows:
        print(f"{name:<18}{ci:>5}{co:>6}{k:>3}{f'{h}x{w}':>10}{macs:>16,}")
    print(f"forward MACs {out['forwardMacs']:,}; inference FLOPs {out['inferenceFlops']:,}; "
          f"train-step FLOPs {out['trainStepFlops']:,}; parameters {out['parameters']:,} (hook check passed)")


def parse_size(text):
    try:
        h, w = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--size {text!r}: expected HxW, e.g. 96x128")
    if h <= 0 or w <= 0 or h % 16 or w % 16:
        raise argparse.ArgumentTypeError(f"--size {text!r}: both sides must be positive multiples of 16")
    return h, w


def main():
    ap = argparse.ArgumentParser(description="PyTorch reference U-Net benchmark (issue 3).")
    ap.add_argument("mode", choices=["train-step", "inference", "flops"])
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--size", type=parse_size, default=(96, 128), help="HxW, multiples of 16 (default 96x128)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--channels-last", action="store_true",
                    help="model and input in channels-last memory format (malloc settings: see the docstring)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    if args.batch <= 0 or args.threads <= 0 or args.warmup < 0 or args.runs <= 0:
        ap.error("--batch, --threads and --runs must be positive, --warmup non-negative")
    args.height, args.width = args.size
    if args.mode == "flops":
        return run_flops(args)
    r = run_bench(args)
    if args.json:
        print(json.dumps(r))
    else:
        print(f"pytorch {r['torch']} {r['mode']} unet-ref batch {r['batch']} {r['height']}x{r['width']}, "
              f"{r['threads']} threads: median {r['medianMs']:.1f} ms of {r['runs']} (min {r['minMs']:.1f}), "
              f"{r['gflops']:.1f} GFLOP/s, peak RSS {r['peakRssMiB']:.0f} MiB, conv {', '.join(r['convKernels'])}"
              + (", channels-last" if args.channels_last else "") + (", malloc env" if "mallocEnv" in r else ""))


if __name__ == "__main__":
    main()
