#!/usr/bin/python3
"""Whole-model parity golden for the reference U-Net (bench/torch/unet_ref.py, the kit's `unet-ref`).

Run once with Debian's /usr/bin/python3 (python3-torch 1.13); writes tests/ResearchKit.Tests/Fixtures/Goldens/
unet_ref.json through goldens_common.save. No weights are stored: both sides fill every tensor with the closed-form
pattern below, evaluated in float64 (C#: Math.Sin/Math.Cos/Math.Sqrt on doubles, uint arithmetic for the hash) and
then rounded to float32.

Parameter fill (goldens_common.fill_), for the k-th tensor (k = 0..55) of UNetRef.named_parameters() order, flat index i:
  conv weights (every 4-D weight, head.weight included): (1/sqrt(fan_in)) * (2*u(i, k) - 1), fan_in = cin*kh*kw,
      u(i, k) = fmix32((i + 0x9E3779B9*(k + 1)) mod 2^32) / 2^32, where fmix32 is murmur3's finaliser:
      v ^= v >> 16; v *= 0x85EBCA6B; v ^= v >> 13; v *= 0xC2B2AE35; v ^= v >> 16   (all mod 2^32)
  BatchNorm weight:  1 + 0.1*sin(i + k)
  BatchNorm bias:    0.05*cos(i + k)
  head.bias:         0.01*i
Why a hash and not sin(0.37*i + 1.3*k) for conv weights: sin(a + b_o) = sin(a)cos(b_o) + cos(a)sin(b_o), so every
output channel of such a conv is a combination of the same two feature maps; BatchNorm's backward then cancels
almost all of the gradient and float32 keeps none of it (measured: input and first-conv gradients off by 40-60 % of
their size between float32 and float64). With the hash the float32 run is within 2e-5 of float64 everywhere.
BatchNorm buffers start at PyTorch's defaults (running_mean 0, running_var 1, momentum 0.1, eps 1e-5).
Input x [2,3,32,32]: x[i] = sin(0.05*i) over the flat index. Labels [2,32,32]: y[p] = (7*p + 3) % 12 over the flat
pixel index p. The model is in train mode (batch statistics; running stats updated once, running_var unbiased).
Loss = cross_entropy(logits, y), mean over the 2048 pixels, no class weights, no ignore index; then loss.backward().

Saved: inputs x, labels (as floats); outputs logits [2,12,32,32], loss (scalar), enc1.bn1.running_mean/running_var
after the forward; grads of x, enc1.conv1.weight, dec1.conv2.weight (last decoder conv), bottleneck.bn1.weight,
head.weight, head.bias. params: the fill formulas, every parameter's name/shape/sum/sum of squares (to check the C#
fill and the layer order), and how far this float32 run is from a float64 run of the same model (the noise floor).
"""
import os
import sys

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "bench", "torch"))
from goldens_common import FILL_DOC, cyclic_labels, fill_, noise_floor, parameter_layout, save, sine_input  # noqa: E402
from unet_ref import UNetRef  # noqa: E402

BATCH, HEIGHT, WIDTH, CLASSES = 2, 32, 32, 12
GRAD_PARAMS = ["enc1.conv1.weight", "dec1.conv2.weight", "bottleneck.bn1.weight", "head.weight", "head.bias"]


def build(dtype):
    """The filled model (goldens_common.fill_), input and labels in `dtype` (values rounded through float32 first)."""
    model = fill_(UNetRef()).to(dtype).train()
    x = sine_input((BATCH, 3, HEIGHT, WIDTH), dtype)
    labels = cyclic_labels((BATCH, HEIGHT, WIDTH), CLASSES)
    return model, x, labels


def run(dtype):
    """Forward + CE + backward; returns the named tensors the golden keeps."""
    model, x, labels = build(dtype)
    logits = model(x)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    params = dict(model.named_parameters())
    outputs = {"logits": logits, "loss": loss, "enc1.bn1.running_mean": model.enc1.bn1.running_mean,
               "enc1.bn1.running_var": model.enc1.bn1.running_var}
    grads = {"x": x.grad, **{name: params[name].grad for name in GRAD_PARAMS}}
    return model, x, labels, outputs, grads


def main():
    torch.set_num_threads(1)
    model, x, labels, outputs, grads = run(torch.float32)
    _, _, _, outputs64, grads64 = run(torch.float64)
    noise = noise_floor((outputs, grads), (outputs64, grads64))
    layout = parameter_layout(model)
    params = {
        "model": "unet-ref", "batch": BATCH, "height": HEIGHT, "width": WIDTH, "numClasses": CLASSES,
        "mode": "train (batch statistics)", "bnMomentum": 0.1, "bnEps": 1e-5,
        "fill": FILL_DOC,
        "parameters": layout,
        "float32VsFloat64": noise,
        "tolerance": "compare each tensor within 1e-4 * max(1, max|expected|) (normwise); gradients are ~1e-2",
    }
    path = save("unet_ref", {"x": x, "labels": labels.to(torch.float32)}, outputs, grads, params)
    print(f"wrote {path} ({os.path.getsize(path) / 1e6:.2f} MB); loss {outputs['loss'].item():.6f}")
    for name, v in noise.items():
        print(f"  {name:<24} max|float32 - float64| {v['maxAbsDiff']:.3g}  (max|value| {v['maxAbs']:.3g})")


if __name__ == "__main__":
    main()
