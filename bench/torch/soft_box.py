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
import time

import numpy as np
import torch
import torch.nn.functional as F

IMAGES, H, W, CLASSES, SEED, FACTORS = 16, 360, 480, 11, 0, (2, 4, 8)


def synthetic():
    m = np.arange(H, dtype=np.int64)[:, None]
    n = np.arange(W, dtype=np.int64)[None, :]
    maps = []
    for i in range(IMAGES):
        odd = ((m * n + 7 * (i + SEED)) % 13 == 0).astype(np.int64)
        maps.append((((m // 40) * 3 + (n // 48) * 5 + i + SEED + odd) % (CLASSES + 1)).astype(np.uint8))
    return maps


def camvid(root):
    from PIL import Image
    folder = os.path.join(root, "trainannot")
    names = sorted(f for f in os.listdir(folder) if f.endswith(".png"))[:IMAGES]
    return [np.asarray(Image.open(os.path.join(folder, f)), dtype=np.uint8) for f in names]


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
    maps = camvid(args.camvid) if args.camvid else synthetic()
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
