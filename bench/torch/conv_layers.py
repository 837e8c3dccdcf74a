"""PyTorch side of bench/conv-layers.sh: times F.conv2d forward and backward (grad input + grad weight) for each layer
spec read as JSON lines on stdin (the kit's `researchkit bench conv` output), and prints the same JSON lines with
torchForwardMs / torchBackwardMs added. Run with Debian's /usr/bin/python3 (python3-torch 1.13)."""
import json
import statistics
import sys
import time

import torch
import torch.nn.functional as F


def time_layer(spec, threads, repeats):
    torch.manual_seed(0)
    x = torch.rand(spec["batch"], spec["cin"], spec["h"], spec["w"]) * 2 - 1
    w = torch.rand(spec["cout"], spec["cin"], spec["kernel"], spec["kernel"]) * 2 - 1
    x.requires_grad_(True)
    w.requires_grad_(True)
    forward, backward = [], []
    for r in range(repeats + 2):
        t0 = time.perf_counter()
        y = F.conv2d(x, w, None, 1, spec["padding"])
        t1 = time.perf_counter()
        gy = torch.ones_like(y)
        t2 = time.perf_counter()
        torch.autograd.grad(y, [x, w], gy)
        t3 = time.perf_counter()
        if r >= 2:
            forward.append((t1 - t0) * 1000)
            backward.append((t3 - t2) * 1000)
    return statistics.median(forward), statistics.median(backward)


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    torch.set_num_threads(threads)
    for line in sys.stdin:
        if not line.strip().startswith("{"):
            continue
        spec = json.loads(line)
        spec["torchForwardMs"], spec["torchBackwardMs"] = time_layer(spec, threads, repeats)
        print(json.dumps(spec), flush=True)


if __name__ == "__main__":
    main()
