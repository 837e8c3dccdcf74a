"""PyTorch reference for the soft-box workload (compared by bench/soft-labels.sh).

Same work as `researchkit bench soft-labels`: 16 label maps of 360x480 (11 classes, void 11 -> zero vector) to SoftBox
soft labels at factors 2, 4 and 8, i.e. the one-hot [16,11,360,480] float32 built once and torch.nn.functional.avg_pool2d
with kernel = stride = s at each factor. Inputs: the first 16 CamVid train labels (sorted names) with --camvid ROOT,
else the seeded synthetic maps of ResearchKit.Spectral.LabelSpectrumBenchmark.Synthetic (same integer formula, 12 ids,
11 = void). Prints one JSON object: median seconds of repeats after one warm-up, and each factor's sum of outputs.
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from bench_labels import H, IMAGES, W, camvid, synthetic  # noqa: E402

CLASSES, FACTORS = 11, (2, 4, 8)


def soft_box(labels):
    # [N,H,W] ids -> one-hot with a void channel, dropped -> [N,C,H,W] float32; then one avg_pool2d per factor.
    onehot = F.one_hot(labels, CLASSES + 1)[..., :CLASSES].permute(0, 3, 1, 2).float()
    return [F.avg_pool2d(onehot, kernel_size=s, stride=s) for s in FACTORS]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--camvid")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    maps = camvid(args.camvid) if args.camvid else synthetic(CLASSES + 1)
    labels = torch.from_numpy(np.stack(maps).astype(np.int64))
    outs = soft_box(labels)
    seconds = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        outs = soft_box(labels)
        seconds.append(time.perf_counter() - t0)
    print(json.dumps({
        "source": "camvid" if args.camvid else "synthetic", "images": IMAGES, "height": H, "width": W,
        "classes": CLASSES, "factors": list(FACTORS), "threads": args.threads, "repeats": args.repeats,
        "median_seconds": statistics.median(seconds), "sums": [float(o.double().sum()) for o in outs],
        "torch": torch.__version__,
    }))


if __name__ == "__main__":
    main()
