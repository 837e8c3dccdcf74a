"""PyTorch side of bench/ops.sh: the reference U-Net's non-conv ops at its shapes (batch 8, 96x128).

Same case list, inputs and timing as `researchkit bench ops`: median of --repeats after a half-second warm-up, forward under
torch.no_grad() and forward + (y * g).sum().backward(). Prints one JSON object.
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn.functional as F

LEVELS = [(16, 96, 128), (32, 48, 64), (64, 24, 32), (128, 12, 16), (256, 6, 8)]


def fmt(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


def cases():
    for c, h, w in LEVELS:  # the harness's own cost: x * 1, then (y * g).sum() and its backward
        yield "baseline_scale", fmt([8, c, h, w]), lambda x: x * 1.0, [[8, c, h, w]]
    for c, h, w in LEVELS:
        yield "batch_norm_train", fmt([8, c, h, w]), \
            lambda x, wt, b, rm, rv: F.batch_norm(x, rm, rv, wt, b, training=True), [[8, c, h, w], [c], [c], [c], [c]]
    for c, h, w in LEVELS:  # PyTorch's eager mode has no fused op: the kit's BatchNorm2dRelu against the two calls
        yield "batch_norm_relu_train", fmt([8, c, h, w]), \
            lambda x, wt, b, rm, rv: F.relu(F.batch_norm(x, rm, rv, wt, b, training=True)), [[8, c, h, w], [c], [c], [c], [c]]
    for c, h, w in LEVELS:
        yield "relu", fmt([8, c, h, w]), F.relu, [[8, c, h, w]]
    for c, h, w in LEVELS[:4]:
        yield "max_pool2d_2x2", fmt([8, c, h, w]), lambda x: F.max_pool2d(x, 2, 2), [[8, c, h, w]]
    for c, h, w in reversed(LEVELS[1:]):
        yield "upsample_bilinear_x2", fmt([8, c, h, w]), \
            lambda x, h=h, w=w: F.interpolate(x, size=(2 * h, 2 * w), mode="bilinear", align_corners=False), [[8, c, h, w]]
    for level in range(4, 0, -1):
        c, _, _ = LEVELS[level]
        sc, sh, sw = LEVELS[level - 1]
        up, skip = [8, c, sh, sw], [8, sc, sh, sw]
        yield "concat_dim1", fmt(up) + "+" + fmt(skip), lambda a, b: torch.cat([a, b], 1), [up, skip]


def median_ms(repeats, body):
    start = time.perf_counter()
    while time.perf_counter() - start < 0.5:  # the same half-second warm-up as the kit side
        body()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        body()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    rows = []
    for op, shape, fn, shapes in cases():
        inputs = [torch.rand(s) * 2 - 1 + (1.5 if len(s) == 1 else 0) for s in shapes]
        inputs[0].requires_grad_(True)
        if op.startswith("batch_norm"):
            inputs[1].requires_grad_(True)
            inputs[2].requires_grad_(True)
        with torch.no_grad():
            g = torch.randn(fn(*inputs).shape)

        def forward():
            with torch.no_grad():
                fn(*inputs)

        def train():
            (fn(*inputs) * g).sum().backward()
            for t in inputs:
                t.grad = None

        rows.append({"op": op, "shape": shape, "forwardMs": median_ms(args.repeats, forward), "trainMs": median_ms(args.repeats, train)})
    print(json.dumps({"threads": args.threads, "repeats": args.repeats, "torch": torch.__version__, "rows": rows}))


if __name__ == "__main__":
    main()
