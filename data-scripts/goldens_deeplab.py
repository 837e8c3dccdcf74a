#!/usr/bin/python3
"""Whole-model parity golden for the kit's DeepLabV3+ (twin: bench/torch/deeplab_ref.py), like goldens_unet.py.

Run once with Debian's /usr/bin/python3 (python3-torch 1.13); writes tests/ResearchKit.Tests/Fixtures/Goldens/
deeplab_ref.json through goldens_common.save (compact: each float32 written with the fewest digits that read back to
it). No weights are stored: both sides fill every tensor with goldens_common's closed-form pattern (the U-Net golden's),
evaluated in float64 (C#: Math.Sin/Math.Cos/Math.Sqrt on doubles, uint arithmetic for the hash), rounded to float32.

Config (a small one, so the file stays small; deeplab_ref.GOLDEN):
  new DeepLabV3PlusConfig(InChannels 3, NumClasses 12, Widths [8, 8, 16, 16, 32], OutputStride 16,
                          AsppRates [1, 2, 3], AsppChannels 16, LowLevelChannels 8, DecoderChannels 16,
                          DecoderStride 4)   (DecoderTruncation 1)
  input x [2, 3, 16, 64]: stem 8x32, stage1 4x16 (the decoder's grid), stage2 2x8, stage3 and stage4 1x4.
Why not the kit's rates 6/12/18 on a 32x32 input: stage 4 would be 2x2, every tap of a 3x3 conv dilated 2 or more
but the centre would fall in the zero padding, and the three ASPP branches (and stage 4's dilation) would reduce to
1x1 convs that no rate can tell apart. On a 1x4 map rates 1, 2 and 3 (and stage 4's dilation 2) all reach real pixels
along the width, so a swapped or ignored rate changes the logits. H != W also catches an H/W mix-up in a resize.
The batch must be at least 2: the ASPP pooling branch's BatchNorm sees one value per image.

Parameter fill, for the k-th tensor (k = 0..94) of named_parameters() order (the C# RegisterModule order; listed
with shapes under params.parameters), flat row-major index i:
  every 4-D weight (all convs, head.weight included): (1/sqrt(cin*kh*kw)) * (2*u(i, k) - 1),
      u(i, k) = fmix32((i + 0x9E3779B9*(k + 1)) mod 2^32) / 2^32
  *.bn.weight: 1 + 0.1*sin(i + k);  *.bn.bias: 0.05*cos(i + k);  head.bias: 0.01*i
BatchNorm buffers start at PyTorch's defaults (running_mean 0, running_var 1, momentum 0.1, eps 1e-5).
x[i] = sin(0.05*i) over the flat index; labels [2,16,64]: y[p] = (7*p + 3) % 12 over the flat pixel index p.
Train mode (batch statistics; running stats updated once, running_var unbiased). Loss = cross_entropy(logits, y),
mean over the 2048 pixels, no weights, no ignore index; then loss.backward().

Saved: inputs x, labels (as floats); outputs logits [2,12,16,64], loss (scalar) and, after the forward, running_mean
and running_var of backbone.stem1.bn, aspp.pool.bn (n = 2 per channel, so the unbiased factor is 2) and fuse2.bn;
grads of x and of the parameters in GRAD_PARAMS. params: config, fill formulas, parameter count, every parameter's
name/shape/sum/sum of squares, the float32-vs-float64 noise floor, and the kit-size config's parameter count.
"""
import os
import sys

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "bench", "torch"))
from goldens_common import FILL_DOC, cyclic_labels, fill_, noise_floor, parameter_layout, save, sine_input  # noqa: E402
import deeplab_ref  # noqa: E402

CONFIG = deeplab_ref.GOLDEN
BATCH, HEIGHT, WIDTH = 2, 16, 64
CLASSES = CONFIG["num_classes"]
BN_STATS = ["backbone.stem1.bn", "aspp.pool.bn", "fuse2.bn"]
GRAD_PARAMS = ["backbone.stem1.conv.weight",            # first conv
               "backbone.stage2.0.conv1.conv.weight",   # a mid conv (stride 2)
               "backbone.stage4.0.conv1.conv.weight",   # dilated 2
               "aspp.b3.conv.weight",                   # the largest ASPP rate
               "aspp.pool.bn.weight",                   # the batch-of-2 BatchNorm
               "aspp.project.conv.weight",
               "low.conv.weight",
               "head.weight", "head.bias"]


def build(dtype):
    """The filled model, input and labels in `dtype` (values rounded through float32 first)."""
    model = fill_(deeplab_ref.DeepLabV3PlusRef(**CONFIG)).to(dtype).train()
    x = sine_input((BATCH, CONFIG["in_channels"], HEIGHT, WIDTH), dtype)
    labels = cyclic_labels((BATCH, HEIGHT, WIDTH), CLASSES)
    return model, x, labels


def run(dtype):
    """Forward + CE + backward; returns the named tensors the golden keeps."""
    model, x, labels = build(dtype)
    logits = model(x)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    params = dict(model.named_parameters())
    buffers = dict(model.named_buffers())
    outputs = {"logits": logits, "loss": loss}
    for bn in BN_STATS:
        outputs[f"{bn}.running_mean"] = buffers[f"{bn}.running_mean"]
        outputs[f"{bn}.running_var"] = buffers[f"{bn}.running_var"]
    grads = {"x": x.grad, **{name: params[name].grad for name in GRAD_PARAMS}}
    return model, x, labels, outputs, grads


def main():
    torch.set_num_threads(1)
    model, x, labels, outputs, grads = run(torch.float32)
    _, _, _, outputs64, grads64 = run(torch.float64)
    noise = noise_floor((outputs, grads), (outputs64, grads64))
    layout = parameter_layout(model)
    kit = deeplab_ref.build("kit")
    params = {
        "model": "deeplabv3plus", "batch": BATCH, "height": HEIGHT, "width": WIDTH, "numClasses": CLASSES,
        "config": {"inChannels": CONFIG["in_channels"], "numClasses": CLASSES, "widths": list(CONFIG["widths"]),
                   "outputStride": CONFIG["output_stride"], "asppRates": list(CONFIG["aspp_rates"]),
                   "asppChannels": CONFIG["aspp_channels"], "lowLevelChannels": CONFIG["low_channels"],
                   "decoderChannels": CONFIG["decoder_channels"], "decoderStride": CONFIG["decoder_stride"],
                   "decoderTruncation": 1},
        "mode": "train (batch statistics)", "bnMomentum": 0.1, "bnEps": 1e-5,
        "fill": FILL_DOC,
        "parameterCount": deeplab_ref.parameter_count(model),
        "parameterTensors": len(layout),
        "parameters": layout,
        "float32VsFloat64": noise,
        "kitSmallParameterCount": deeplab_ref.parameter_count(kit),
        "kitSmallParameterTensors": len(list(kit.parameters())),
        "tolerance": "outputs within 1e-4 * max(1, |expected|) elementwise; gradients within 1e-4 * max|expected| of "
                     "each tensor (see float32VsFloat64)",
    }
    path = save("deeplab_ref", {"x": x, "labels": labels.to(torch.float32)}, outputs, grads, params, compact=True)
    print(f"wrote {path} ({os.path.getsize(path) / 1e6:.2f} MB); loss {outputs['loss'].item():.6f}; "
          f"{params['parameterCount']:,} parameters in {len(layout)} tensors (kit size: "
          f"{params['kitSmallParameterCount']:,})")
    for name, v in noise.items():
        print(f"  {name:<36} max|float32 - float64| {v['maxAbsDiff']:.3g}  (max|value| {v['maxAbs']:.3g})")


if __name__ == "__main__":
    main()
