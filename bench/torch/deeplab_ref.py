#!/usr/bin/python3
"""PyTorch twin of the kit's small DeepLabV3+ (lib/ResearchKit/Models/DeepLabV3Plus.cs), for parity goldens and counts.

Usage (Debian python3-torch 1.13; run with /usr/bin/python3):
  /usr/bin/python3 bench/torch/deeplab_ref.py summary [--config kit|golden] [--size 112x160] [--json]
prints the parameter count and the conv MACs of one image (forward hooks on every Conv2d, as the kit's LayerCost).

Model (`DeepLabV3PlusRef`; module names and registration order are the kit's, so named_parameters() agrees)
------------------------------------------------------------------------------------------------------------
ConvBn(cin, cout, k, stride=1, dilation=1, relu=True), children conv, bn:
    conv: Conv2d(cin, cout, k, stride, padding = dilation*(k-1)//2, dilation, no bias) -> bn: BatchNorm2d(cout)
    -> ReLU if relu   (BatchNorm eps 1e-5, momentum 0.1, affine, running stats)
ResidualBlock(cin, cout, stride, dilation), children conv1, conv2, down:
    relu(conv2(conv1(x)) + shortcut(x)), conv1 = ConvBn(cin, cout, 3, stride, dilation),
    conv2 = ConvBn(cout, cout, 3, 1, dilation, relu=False); shortcut = down = ConvBn(cin, cout, 1, stride, relu=False)
    when stride != 1 or cin != cout (no `down` otherwise, shortcut = x)
backbone (ResNetBackbone), widths w = [stem, stage1..stage4], children stem1, stem2, stage1..stage4:
    stem1 = ConvBn(in, w0, 3, stride 2), stem2 = ConvBn(w0, w0, 3)
    stageS = Sequential("0": ResidualBlock(w[S-1], w[S], stride_S, dil_S), "1": ResidualBlock(w[S], w[S], 1, dil_S))
    (stride, dilation) per stage: OS 16 -> (2,1) (2,1) (2,1) (1,2); OS 8 -> (2,1) (2,1) (1,2) (1,4)
    strides: stem /2, stage1 /4, stage2 /8, stage3 and stage4 /OS
aspp (Aspp(w4, A, rates)), children b0, b1.., pool, project:
    b0 = ConvBn(w4, A, 1); b(j+1) = ConvBn(w4, A, 3, dilation = rates[j]); pool = ConvBn(w4, A, 1) applied to
    adaptive_avg_pool2d(x, 1), then bilinear up-sampled (align_corners=False) to x's h, w;
    project = ConvBn((len(rates)+2)*A, A, 1) on cat[b0, b1, .., pool] (channels, in that order). No dropout.
decoder (decoder stride ds = 4 or 8; ds == OS means no low-level fusion):
    low = ConvBn(w1 if ds == 4 else w2, L, 1) on stage1 (ds 4) or stage2 (ds 8)
    y = cat[bilinear(aspp, H/ds x W/ds, align_corners=False), low] (channels; up-sampled ASPP first)
    fuse1 = ConvBn(A + L, D, 3), fuse2 = ConvBn(D, D, 3), head = Conv2d(D, classes, 1, bias)
    logits = bilinear(head(fuse2(fuse1(y))), H x W, align_corners=False)
The kit's DecoderTruncation (t > 1) is not modelled here (t = 1 only).

named_parameters() order: backbone.stem1.conv.weight, backbone.stem1.bn.weight, backbone.stem1.bn.bias, stem2 (same),
backbone.stage1.0.conv1.{conv.weight, bn.weight, bn.bias}, .conv2.*, .down.*, backbone.stage1.1.conv1.*, .conv2.*,
... stage4, then aspp.b0.*, aspp.b1.*, .., aspp.pool.*, aspp.project.*, low.*, fuse1.*, fuse2.*, head.weight, head.bias.

Configs: `kit` = DeepLabV3PlusConfig.Small(12): widths 32-32-64-128-256, OS 16, rates 6/12/18, ASPP 128, low 48,
decoder 128, decoder stride 4, 12 classes. `golden` = the small one of data-scripts/goldens_deeplab.py.
"""
import argparse
import json

import torch
import torch.nn as nn
import torch.nn.functional as F

KIT = {"in_channels": 3, "num_classes": 12, "widths": (32, 32, 64, 128, 256), "output_stride": 16,
       "aspp_rates": (6, 12, 18), "aspp_channels": 128, "low_channels": 48, "decoder_channels": 128,
       "decoder_stride": 4}
GOLDEN = {"in_channels": 3, "num_classes": 12, "widths": (8, 8, 16, 16, 32), "output_stride": 16,
          "aspp_rates": (1, 2, 3), "aspp_channels": 16, "low_channels": 8, "decoder_channels": 16,
          "decoder_stride": 4}
CONFIGS = {"kit": KIT, "golden": GOLDEN}


def bilinear(x, h, w):
    """Bilinear resize to h x w, align_corners=False (the kit's F.UpsampleBilinear(x, h, w, alignCorners: false))."""
    return F.interpolate(x, size=(h, w), mode="bilinear", align_corners=False)


class ConvBn(nn.Module):
    """Conv (no bias, "same" padding dilation*(k-1)/2) -> BatchNorm -> optional ReLU. Children conv, bn."""

    def __init__(self, cin, cout, k, stride=1, dilation=1, relu=True):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, stride=stride, padding=dilation * (k - 1) // 2, dilation=dilation,
                              bias=False)
        self.bn = nn.BatchNorm2d(cout)
        self.relu = relu

    def forward(self, x):
        y = self.bn(self.conv(x))
        return F.relu(y) if self.relu else y


class ResidualBlock(nn.Module):
    """ResNet basic block; children conv1, conv2 and down (1x1 conv-BN) when the shape changes."""

    def __init__(self, cin, cout, stride=1, dilation=1):
        super().__init__()
        self.conv1 = ConvBn(cin, cout, 3, stride, dilation)
        self.conv2 = ConvBn(cout, cout, 3, 1, dilation, relu=False)
        self.down = ConvBn(cin, cout, 1, stride, relu=False) if stride != 1 or cin != cout else None

    def forward(self, x):
        return F.relu(self.conv2(self.conv1(x)) + (self.down(x) if self.down is not None else x))


class ResNetBackbone(nn.Module):
    """Stem of two 3x3 conv-BN-ReLU (the first stride 2) and four stages of two residual blocks."""

    def __init__(self, in_channels, widths, output_stride):
        super().__init__()
        if len(widths) != 5 or output_stride not in (8, 16):
            raise ValueError(f"backbone: widths must be 5 and output stride 8 or 16, got {widths}, {output_stride}")
        self.stem1 = ConvBn(in_channels, widths[0], 3, stride=2)
        self.stem2 = ConvBn(widths[0], widths[0], 3)
        plan = [(2, 1), (2, 1), (2, 1), (1, 2)] if output_stride == 16 else [(2, 1), (2, 1), (1, 2), (1, 4)]
        for s, (stride, dilation) in enumerate(plan):
            self.add_module(f"stage{s + 1}", nn.Sequential(
                ResidualBlock(widths[s], widths[s + 1], stride, dilation),
                ResidualBlock(widths[s + 1], widths[s + 1], 1, dilation)))

    def stages(self, x):
        """[stem, stage1, stage2, stage3, stage4] outputs."""
        outs = [self.stem2(self.stem1(x))]
        for s in range(1, 5):
            outs.append(getattr(self, f"stage{s}")(outs[-1]))
        return outs

    def forward(self, x):
        return self.stages(x)[-1]


class Aspp(nn.Module):
    """A 1x1 branch, a dilated 3x3 branch per rate and image pooling, concatenated and projected."""

    def __init__(self, cin, channels, rates):
        super().__init__()
        self.rates = tuple(rates)
        self.b0 = ConvBn(cin, channels, 1)
        for j, r in enumerate(self.rates):
            self.add_module(f"b{j + 1}", ConvBn(cin, channels, 3, dilation=r))
        self.pool = ConvBn(cin, channels, 1)
        self.project = ConvBn((len(self.rates) + 2) * channels, channels, 1)

    def forward(self, x):
        h, w = x.shape[2], x.shape[3]
        parts = [getattr(self, f"b{j}")(x) for j in range(len(self.rates) + 1)]
        parts.append(bilinear(self.pool(F.adaptive_avg_pool2d(x, 1)), h, w))
        return self.project(torch.cat(parts, dim=1))


class DeepLabV3PlusRef(nn.Module):
    """The kit's DeepLabV3+: children backbone, aspp, low (if the decoder fuses), fuse1, fuse2, head."""

    def __init__(self, in_channels, num_classes, widths, output_stride, aspp_rates, aspp_channels, low_channels,
                 decoder_channels, decoder_stride):
        super().__init__()
        if decoder_stride not in (4, 8) and decoder_stride != output_stride:
            raise ValueError(f"deeplabv3plus: decoder stride must be 4, 8 or the output stride, got {decoder_stride}")
        self.output_stride, self.decoder_stride = output_stride, decoder_stride
        self.backbone = ResNetBackbone(in_channels, widths, output_stride)
        self.aspp = Aspp(widths[4], aspp_channels, aspp_rates)
        self.fuses = decoder_stride != output_stride
        if self.fuses:
            self.low = ConvBn(widths[1 if decoder_stride == 4 else 2], low_channels, 1)
        self.fuse1 = ConvBn(aspp_channels + (low_channels if self.fuses else 0), decoder_channels, 3)
        self.fuse2 = ConvBn(decoder_channels, decoder_channels, 3)
        self.head = nn.Conv2d(decoder_channels, num_classes, 1, bias=True)

    def forward(self, x):  # [N,Cin,H,W] -> [N,classes,H,W]; H, W multiples of the output stride
        H, W = x.shape[2], x.shape[3]
        if H % self.output_stride or W % self.output_stride:
            raise ValueError(f"deeplabv3plus: input {H}x{W} must be a multiple of {self.output_stride}")
        stages = self.backbone.stages(x)
        y = self.aspp(stages[4])
        h, w = H // self.decoder_stride, W // self.decoder_stride
        if self.fuses:
            low = self.low(stages[1 if self.decoder_stride == 4 else 2])
            y = torch.cat([bilinear(y, h, w), low], dim=1)
        return bilinear(self.head(self.fuse2(self.fuse1(y))), H, W)


def build(name):
    """A fresh model of config `name` ("kit" or "golden"), PyTorch's default initialisation."""
    return DeepLabV3PlusRef(**CONFIGS[name])


def parameter_count(model):
    return sum(p.numel() for p in model.parameters())


def conv_macs(model, batch, height, width):
    """[(conv module name, MACs)] of one eval forward, in call order: output numel * cin/groups * kh * kw."""
    rows, handles = [], []
    for name, m in model.named_modules():
        if isinstance(m, nn.Conv2d):
            def hook(module, inputs, output, name=name):
                kh, kw = module.kernel_size
                rows.append((name, output.numel() * module.in_channels // module.groups * kh * kw))
            handles.append(m.register_forward_hook(hook))
    with torch.no_grad():
        model.eval()(torch.zeros(batch, model.backbone.stem1.conv.in_channels, height, width))
    for h in handles:
        h.remove()
    return rows


def main():
    ap = argparse.ArgumentParser(description="PyTorch twin of the kit's DeepLabV3+: parameter and MAC counts.")
    ap.add_argument("mode", choices=["summary"])
    ap.add_argument("--config", choices=sorted(CONFIGS), default="kit")
    ap.add_argument("--size", default="112x160", help="HxW of one image, multiples of the output stride")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    height, width = (int(v) for v in args.size.lower().split("x"))
    model = build(args.config)
    macs = conv_macs(model, 1, height, width)
    shape = {k: list(v) if isinstance(v, tuple) else v for k, v in CONFIGS[args.config].items()}
    out = {"config": args.config, **shape,
           "parameters": parameter_count(model), "parameterTensors": len(list(model.parameters())),
           "height": height, "width": width, "macsPerImage": sum(m for _, m in macs), "convs": len(macs)}
    if args.json:
        print(json.dumps(out))
    else:
        print(f"deeplabv3plus {args.config}: {out['parameters']:,} parameters in {out['parameterTensors']} tensors; "
              f"{out['macsPerImage']:,} conv MACs per {height}x{width} image ({out['convs']} convs)")


if __name__ == "__main__":
    main()
