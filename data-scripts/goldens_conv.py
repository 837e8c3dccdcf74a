"""Goldens for conv2d / conv_transpose2d (forward output and grads of input, weight, bias under loss = sum(y * gy)).

Run once with Debian's PyTorch: /usr/bin/python3 data-scripts/goldens_conv.py ; writes conv_*.json next to the other
goldens (tests/ResearchKit.Tests/Fixtures/Goldens/). Read by tests/ResearchKit.Tests/Autograd/FConvTests.cs.
"""
import torch
import torch.nn.functional as F

from goldens_common import save

# name, transposed, N, Cin, H, W, Cout, (kH, kW), stride, padding, dilation, groups, bias, output_padding
CASES = [
    ("conv_basic", False, 2, 3, 5, 6, 4, (3, 3), (1, 1), (1, 1), (1, 1), 1, True, (0, 0)),
    ("conv_stride2", False, 2, 2, 7, 6, 3, (3, 3), (2, 2), (1, 1), (1, 1), 1, False, (0, 0)),
    ("conv_dilation_groups", False, 1, 4, 7, 7, 6, (3, 3), (1, 1), (2, 2), (2, 2), 2, True, (0, 0)),
    ("conv_depthwise", False, 2, 4, 6, 5, 4, (3, 3), (2, 2), (1, 1), (1, 1), 4, True, (0, 0)),
    ("conv_asymmetric", False, 1, 2, 6, 7, 3, (2, 3), (2, 1), (0, 1), (1, 2), 1, False, (0, 0)),
    ("conv_transpose_basic", True, 2, 4, 3, 4, 6, (3, 3), (2, 2), (1, 1), (1, 1), 2, True, (1, 1)),
    ("conv_transpose_dilated", True, 1, 3, 4, 3, 2, (2, 3), (1, 2), (0, 1), (2, 1), 1, False, (0, 1)),
]


def main():
    torch.manual_seed(0)
    for name, transposed, n, cin, h, w, cout, k, stride, padding, dilation, groups, has_bias, out_pad in CASES:
        x = (torch.rand(n, cin, h, w) * 2 - 1).requires_grad_(True)
        shape = (cin, cout // groups) + k if transposed else (cout, cin // groups) + k
        wt = (torch.rand(shape) * 2 - 1).requires_grad_(True)
        b = (torch.rand(cout) * 2 - 1).requires_grad_(True) if has_bias else None
        if transposed:
            y = F.conv_transpose2d(x, wt, b, stride, padding, out_pad, groups, dilation)
        else:
            y = F.conv2d(x, wt, b, stride, padding, dilation, groups)
        gy = torch.rand(y.shape) * 2 - 1
        (y * gy).sum().backward()
        inputs = {"x": x, "weight": wt, "gy": gy}
        grads = {"x": x.grad, "weight": wt.grad}
        if has_bias:
            inputs["bias"], grads["bias"] = b, b.grad
        params = {"transposed": transposed, "stride": list(stride), "padding": list(padding), "dilation": list(dilation),
                  "groups": groups, "outputPadding": list(out_pad)}
        print(save(name, inputs, {"y": y}, grads, params))


if __name__ == "__main__":
    main()
