"""Prints bench/conv-layers.sh's table from JSON lines on stdin (kit and torch times per layer)."""
import json
import sys

rows = [json.loads(line) for line in sys.stdin if line.strip()]
print(f"{'layer':8s} {'shape':>20s} {'GFLOP':>6s} | {'kit fwd':>8s} {'torch':>8s} {'ratio':>5s} | "
      f"{'kit bwd':>8s} {'torch':>8s} {'ratio':>5s} | kit GFLOP/s fwd bwd")
for r in rows:
    shape = f"{r['cin']}->{r['cout']} {r['h']}x{r['w']} k{r['kernel']}"
    kf, tf, kb, tb = r["forwardMs"], r["torchForwardMs"], r["backwardMs"], r["torchBackwardMs"]
    print(f"{r['name']:8s} {shape:>20s} {r['gflop']:6.3f} | {kf:8.2f} {tf:8.2f} {kf / tf:5.2f} | {kb:8.2f} {tb:8.2f} {kb / tb:5.2f} | "
          f"{r['gflop'] / kf * 1e3:6.1f} {2 * r['gflop'] / kb * 1e3:6.1f}")
gf = sum(r["gflop"] for r in rows)
kf, tf = sum(r["forwardMs"] for r in rows), sum(r["torchForwardMs"] for r in rows)
kb, tb = sum(r["backwardMs"] for r in rows), sum(r["torchBackwardMs"] for r in rows)
print(f"{'sum':8s} {'':>20s} {gf:6.3f} | {kf:8.2f} {tf:8.2f} {kf / tf:5.2f} | {kb:8.2f} {tb:8.2f} {kb / tb:5.2f} | "
      f"{gf / kf * 1e3:6.1f} {2 * gf / kb * 1e3:6.1f}")
print(f"torch GFLOP/s fwd {gf / tf * 1e3:.1f} bwd {2 * gf / tb * 1e3:.1f}; kit/torch forward+backward {(kf + kb) / (tf + tb):.2f}")
