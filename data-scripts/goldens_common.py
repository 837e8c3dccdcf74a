"""Shared writer for engine goldens: run once with Debian's /usr/bin/python3 (python3-torch 1.13), never in CI.

Each golden is a JSON file in tests/ResearchKit.Tests/Fixtures/Goldens/<name>.json with named float32 tensors under
"inputs", "outputs" and "grads" ({"shape": [...], "data": [...]}) and free-form "params". The C# side reads them with
tests/ResearchKit.Tests/Autograd/Golden.cs.
"""
import json
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "ResearchKit.Tests", "Fixtures", "Goldens")


def tensor_json(t):
    t = t.detach().to(torch.float32).contiguous()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def save(name, inputs, outputs, grads, params=None):
    """Writes one golden; tensors are dicts of name -> torch.Tensor."""
    os.makedirs(OUT, exist_ok=True)
    doc = {
        "producer": f"torch {torch.__version__}",
        "params": params or {},
        "inputs": {k: tensor_json(v) for k, v in inputs.items()},
        "outputs": {k: tensor_json(v) for k, v in outputs.items()},
        "grads": {k: tensor_json(v) for k, v in grads.items()},
    }
    path = os.path.join(OUT, name + ".json")
    with open(path + ".tmp", "w") as f:
        json.dump(doc, f)
    os.replace(path + ".tmp", path)
    return path
