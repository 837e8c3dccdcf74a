"""Expected values of the NB03-NB05 verdict tests (tests/ResearchKit.Tests/Experiments/{PredictionGrid,
FeatureTruncation,BlockAnnotation}): paired 95 % Student-t intervals of per-seed differences, the seeds that would
decide an open interval, and Spearman correlations with ties.

Run once with Debian's scipy: /usr/bin/python3 data-scripts/goldens_spectral_verdicts.py (prints; never in CI).
"""
import numpy as np
from scipy import stats


def paired(diffs):
    d = np.asarray(diffs, float)
    h = stats.t.ppf(0.975, len(d) - 1) * d.std(ddof=1) / np.sqrt(len(d))
    return d.mean(), d.mean() - h, d.mean() + h, d.std(ddof=1)


def first_n(mean, sd, decided):
    """Smallest n > 3 whose interval mean ± t(n-1)·sd/√n satisfies decided(lower, upper)."""
    for n in range(4, 101):
        h = stats.t.ppf(0.975, n - 1) * sd / np.sqrt(n)
        if decided(mean - h, mean + h):
            return n
    return None


CASES = {
    "within ±1 (no loss)": [0.1, -0.2, 0.3],
    "within ±1 (no loss), second arm": [0.2, -0.1, 0.0],
    "a clear loss": [-3, -2.5, -3.2],
    "a larger loss": [-5, -4, -6],
    "a real gain below δ": [0.2, 0.25, 0.3],
    "a small gain": [0.5, 0.4, 0.6],
    "a small loss": [-0.1, -0.3, -0.2],
    "no loss, open": [0.5, -1.5, 1.0],
    "a loss, open": [-1, -3, -5],
}

for name, d in CASES.items():
    m, lo, hi, sd = paired(d)
    print(f"{name:32s} {d}: mean {m:+.12f} [{lo:+.15f}, {hi:+.15f}] sd {sd:.6f}")

# Seeds that would decide the open cases (δ = 1): no loss within ±1 or wholly below -1; a loss with L > 0 side mirrored.
m, _, _, sd = paired(CASES["no loss, open"])
print("no loss, open: decided at n =", first_n(m, sd, lambda lo, hi: (lo > -1 and hi < 1) or hi < -1))
m, _, _, sd = paired(CASES["a loss, open"])
print("a loss, open: decided at n =", first_n(m, sd, lambda lo, hi: hi < 0 or lo > -1))

for x, y in [([1, 2, 3, 4], [10, 20, 30, 40]), ([1, 2, 2, 3], [1, 2, 3, 4]), ([1, 1, 2, 3, 5], [2, 1, 1, 4, 4]),
             ([0.0034, 0.0105, 0.0370], [-1 / 15, -1 / 30, 2.9]), ([0.0034, 0.0105, 0.0370], [0.2, -1 / 15, -0.5]),
             ([0.0034, 0.0105, 0.0370, 0.0695, 0.1521, 0.2371], [1.58, 0.71, 0.89, 0.20, 0.81, 1.92])]:
    print(f"spearman {x} {y}: {stats.spearmanr(x, y).correlation:.12f}")
