"""Shared writer for engine goldens: run once with Debian's /usr/bin/python3 (python3-torch 1.13), never in CI.

Each golden is a JSON file in tests/ResearchKit.Tests/Fixtures/Goldens/<name>.json with named float32 tensors under
"inputs", "outputs" and "grads" ({"shape": [...], "data": [...]}) and free-form "params". The C# side reads them with
tests/ResearchKit.Tests/Autograd/Golden.cs.

Also here: the closed-form parameter fill and inputs of the whole-model goldens (goldens_unet.py, goldens_deeplab.py),
so no weights are stored. For the k-th tensor of model.named_parameters() order, flat row-major index i:
  every 4-D (conv) weight: (1/sqrt(fan_in)) * (2*u(i, k) - 1), fan_in = cin*kh*kw,
      u(i, k) = fmix32((i + 0x9E3779B9*(k + 1)) mod 2^32) / 2^32 (murmur3's finaliser, exact integer arithmetic)
  BatchNorm weight:  1 + 0.1*sin(i + k)
  BatchNorm bias:    0.05*cos(i + k)
  head.bias:         0.01*i
each evaluated in float64 and rounded to float32. Input x[i] = sin(0.05*i), labels y[p] = (7*p + 3) % classes.
"""
import json
import math
import os
import struct

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "ResearchKit.Tests", "Fixtures", "Goldens")

FILL_DOC = {"convWeight": "(1/sqrt(cin*kh*kw)) * (2*fmix32((i + 0x9E3779B9*(k+1)) mod 2^32)/2^32 - 1)",
            "bnWeight": "1 + 0.1*sin(i + k)", "bnBias": "0.05*cos(i + k)", "headBias": "0.01*i", "x": "sin(0.05*i)",
            "labels": "(7*p + 3) % 12",
            "note": "k = index in named_parameters order, i = flat row-major index; float64 then float32"}


def float32_text(v):
    """The shortest decimal that reads back (as a double, then rounded to float32) to the float32 value v."""
    f = struct.unpack("<f", struct.pack("<f", v))[0]
    for digits in range(6, 10):
        s = float(f"{f:.{digits}g}")
        if struct.unpack("<f", struct.pack("<f", s))[0] == f:
            return s
    return f


def tensor_json(t, compact=False):
    """{"shape", "data"}; compact writes each value with the fewest digits (6-9) that give back the same float32."""
    t = t.detach().to(torch.float32).contiguous()
    values = [float(v) for v in t.reshape(-1).tolist()]
    return {"shape": list(t.shape), "data": [float32_text(v) for v in values] if compact else values}


def save(name, inputs, outputs, grads, params=None, compact=False):
    """Writes one golden; tensors are dicts of name -> torch.Tensor (compact: see tensor_json)."""
    os.makedirs(OUT, exist_ok=True)
    doc = {
        "producer": f"torch {torch.__version__}",
        "params": params or {},
        "inputs": {k: tensor_json(v, compact) for k, v in inputs.items()},
        "outputs": {k: tensor_json(v, compact) for k, v in outputs.items()},
        "grads": {k: tensor_json(v, compact) for k, v in grads.items()},
    }
    path = os.path.join(OUT, name + ".json")
    with open(path + ".tmp", "w") as f:
        json.dump(doc, f)
    os.replace(path + ".tmp", path)
    return path


# ---- closed-form fill of the whole-model goldens ---------------------------------------------------------------------

def mix32(v):
    """murmur3's 32-bit finaliser (fmix32) on an unsigned 32-bit integer."""
    v ^= v >> 16
    v = (v * 0x85EBCA6B) & 0xFFFFFFFF
    v ^= v >> 13
    v = (v * 0xC2B2AE35) & 0xFFFFFFFF
    return v ^ (v >> 16)


def hash_unit(i, k):
    """mix32((i + 0x9E3779B9*(k + 1)) mod 2^32) / 2^32, in [0, 1); exact integer arithmetic on both sides."""
    return mix32((i + 0x9E3779B9 * (k + 1)) & 0xFFFFFFFF) / 4294967296.0


def pattern(name, k, shape):
    """The closed-form value list of the k-th parameter tensor (float64, before rounding to float32)."""
    n = math.prod(shape)
    if len(shape) == 4:
        scale = 1.0 / math.sqrt(shape[1] * shape[2] * shape[3])
        return [scale * (2.0 * hash_unit(i, k) - 1.0) for i in range(n)]
    if name == "head.bias":
        return [0.01 * i for i in range(n)]
    if ".bn" in name and name.endswith(".weight"):
        return [1.0 + 0.1 * math.sin(i + k) for i in range(n)]
    if ".bn" in name and name.endswith(".bias"):
        return [0.05 * math.cos(i + k) for i in range(n)]
    raise ValueError(f"no fill rule for parameter {name} {shape}")


def fill_(model):
    """Overwrites every parameter of `model` (in place, float32) with its closed-form pattern; returns the model."""
    with torch.no_grad():
        for k, (name, p) in enumerate(model.named_parameters()):
            values = torch.tensor(pattern(name, k, list(p.shape)), dtype=torch.float64).to(torch.float32)
            p.copy_(values.reshape(p.shape))
    return model


def sine_input(shape, dtype):
    """x[i] = sin(0.05*i) over the flat index, rounded to float32, then cast to `dtype`, requiring grad."""
    n = math.prod(shape)
    x = torch.tensor([math.sin(0.05 * i) for i in range(n)], dtype=torch.float64).to(torch.float32)
    return x.reshape(shape).to(dtype).requires_grad_(True)


def cyclic_labels(shape, classes):
    """y[p] = (7*p + 3) % classes over the flat pixel index (int64)."""
    return torch.tensor([(7 * p + 3) % classes for p in range(math.prod(shape))]).reshape(shape)


def noise_floor(group32, group64):
    """{name: {"maxAbsDiff": max|float32 - float64|, "maxAbs": max|float64|}} over several dicts of tensors."""
    noise = {}
    for tensors, ref in zip(group32, group64):
        for name, t in tensors.items():
            diff = (t.detach().double() - ref[name].detach()).abs().max().item()
            noise[name] = {"maxAbsDiff": diff, "maxAbs": ref[name].detach().abs().max().item()}
    return noise


def parameter_layout(model):
    """[{name, shape, sum, sumSquares}] in named_parameters order (float64 sums of the float32 values)."""
    return [{"name": name, "shape": list(p.shape), "sum": p.detach().double().sum().item(),
             "sumSquares": (p.detach().double() ** 2).sum().item()}
            for name, p in model.named_parameters()]
