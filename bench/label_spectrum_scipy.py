"""scipy reference for the label-spectrum workload (compared by bench/label-spectrum.sh).

Same work as `researchkit bench spectrum`: 16 label maps of 360x480, 12 one-hot channels (ids 0..11, void as its own
channel), real-to-complex FFT in float32, |Y|^2 summed over images in float64, radial profile by bin counting.
Inputs: the first 16 CamVid train labels (sorted names) with --camvid ROOT, else the seeded synthetic maps that
ResearchKit.Spectral.LabelSpectrumBenchmark.Synthetic makes (same integer formula). Prints one JSON object.
"""
import argparse
import json
import statistics
import time

import numpy as np
import scipy.fft

from bench_labels import H, W, camvid, synthetic

CHANNELS = 12


def ring_bins():
    """Half-plane ring index floor(sqrt(u~^2 + (v*H/W)^2)) and mirror weight (2 except v = 0 and v = W/2)."""
    u = np.arange(H)
    au = np.minimum(u, H - u)[:, None].astype(np.float64)
    v = np.arange(W // 2 + 1)[None, :].astype(np.float64)
    bins = np.floor(np.sqrt(au ** 2 + (v * H / W) ** 2) + 1e-12).astype(np.int64)
    weight = np.where((v == 0) | ((W % 2 == 0) & (v == W // 2)), 1.0, 2.0) * np.ones((H, 1))
    return bins.ravel(), weight.ravel()


def per_image(maps, bins, weight, workers):
    """One rfft2 call per image over its 12 channels."""
    ids = np.arange(CHANNELS, dtype=np.uint8)[:, None, None]
    power = np.zeros((CHANNELS, H, W // 2 + 1))
    for lab in maps:
        spec = scipy.fft.rfft2((lab[None] == ids).astype(np.float32), workers=workers)
        power += spec.real ** 2 + spec.imag ** 2
    return np.bincount(bins, weights=power.sum(axis=0).ravel() * weight)


def one_batch(maps, bins, weight, workers):
    """One rfft2 call over all 16x12 planes at once."""
    ids = np.arange(CHANNELS, dtype=np.uint8)[None, :, None, None]
    onehot = (np.stack(maps)[:, None] == ids).astype(np.float32)
    spec = scipy.fft.rfft2(onehot, workers=workers)
    power = (spec.real.astype(np.float64) ** 2 + spec.imag.astype(np.float64) ** 2).sum(axis=(0, 1))
    return np.bincount(bins, weights=power.ravel() * weight)


def timed(fn, repeats, warmup=2):
    times, profile = [], None
    for r in range(warmup + repeats):
        start = time.perf_counter()
        profile = fn()
        if r >= warmup:
            times.append(time.perf_counter() - start)
    return statistics.median(times), profile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--camvid", help="CamVid root (SegNet layout); synthetic maps when absent")
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args()
    maps = camvid(a.camvid) if a.camvid else synthetic(CHANNELS)
    bins, weight = ring_bins()
    variants = {
        "per_image": timed(lambda: per_image(maps, bins, weight, a.workers), a.repeats),
        "one_batch": timed(lambda: one_batch(maps, bins, weight, a.workers), a.repeats),
    }
    best = min(variants, key=lambda k: variants[k][0])
    print(json.dumps({
        "workload": "label-spectrum", "source": "camvid" if a.camvid else "synthetic", "images": len(maps),
        "channels": CHANNELS, "workers": a.workers, "repeats": a.repeats,
        "median_seconds": variants[best][0], "variant": best,
        "variants": {k: v[0] for k, v in variants.items()},
        "profile_sum": float(variants[best][1].sum()),
    }))


if __name__ == "__main__":
    main()
