"""The label maps both sides of a label benchmark read: the first 16 CamVid train labels, or seeded synthetic maps.

The synthetic formula mirrors ResearchKit.Spectral.LabelSpectrumBenchmark.Synthetic exactly (integer arithmetic), so
the kit and the reference always work on the same maps.
"""
import os

import numpy as np

IMAGES, H, W, SEED = 16, 360, 480, 0


def synthetic(ids):
    """IMAGES maps of H x W with ids 0..ids-1: blocky regions plus a sparse lattice of odd pixels."""
    m = np.arange(H, dtype=np.int64)[:, None]
    n = np.arange(W, dtype=np.int64)[None, :]
    maps = []
    for i in range(IMAGES):
        odd = ((m * n + 7 * (i + SEED)) % 13 == 0).astype(np.int64)
        maps.append((((m // 40) * 3 + (n // 48) * 5 + i + SEED + odd) % ids).astype(np.uint8))
    return maps


def camvid(root):
    """The first IMAGES label PNGs of <root>/trainannot, sorted by name (as CamVid.Split("train") orders them)."""
    from PIL import Image
    folder = os.path.join(root, "trainannot")
    names = sorted(f for f in os.listdir(folder) if f.endswith(".png"))[:IMAGES]
    return [np.asarray(Image.open(os.path.join(folder, f)), dtype=np.uint8) for f in names]
