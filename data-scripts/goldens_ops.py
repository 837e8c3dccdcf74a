"""Goldens for the kit's losses (cross-entropy with ignore index and class weights, soft cross-entropy, KL with
temperature, MSE), checked by tests/ResearchKit.Tests/Losses/SegmentationLossesTests.cs.

Run once with Debian's PyTorch: /usr/bin/python3 data-scripts/goldens_ops.py
Writes tests/ResearchKit.Tests/Fixtures/Goldens/ops_*.json through goldens_common.save. The ops of the retired
hand-written engine (batch norm, activations, pools, resizing, concat, softmax) are still drawn, in the same order,
so the random stream and hence the loss goldens stay what they were; only the losses are saved (KEEP). For ops with a tensor output
the gradients are those of sum(output * proj) for a seeded random "proj" (saved as an input), so every output value
gets a distinct weight; scalar losses are differentiated directly.
"""
import torch
import torch.nn.functional as F

from goldens_common import save as save_golden

torch.manual_seed(0)

KEEP = {"ops_cross_entropy_ignore_weights", "ops_cross_entropy_2d", "ops_soft_cross_entropy", "ops_kl_div_t2_detached",
        "ops_kl_div_t2_both", "ops_mse_loss"}


def save(name, *args, **kwargs):
    """goldens_common.save for the goldens a test reads; the others are computed (for the random stream) and dropped."""
    if name in KEEP:
        save_golden(name, *args, **kwargs)


def rand(*shape, lo=-2.0, hi=2.0):
    return (torch.rand(*shape) * (hi - lo) + lo).requires_grad_(True)


def projected(name, fn, inputs, params=None, extra_outputs=None):
    """Saves fn(*inputs) and the gradients of sum(fn(*inputs) * proj) with respect to each input."""
    out = fn(*inputs.values())
    proj = torch.randn(out.shape)
    (out * proj).sum().backward()
    grads = {k: v.grad for k, v in inputs.items() if v.grad is not None}
    save(name, {**inputs, "proj": proj}, {"y": out, **(extra_outputs or {})}, grads, params)


def scalar(name, fn, inputs, params=None, extras=None):
    loss = fn(*inputs.values())
    loss.backward()
    grads = {k: v.grad for k, v in inputs.items() if v.grad is not None}
    save(name, {**inputs, **(extras or {})}, {"loss": loss}, grads, params)


def batch_norm(training):
    x = rand(2, 3, 4, 5, lo=-1.3, hi=2.7)
    weight, bias = rand(3, lo=0.5, hi=1.5), rand(3)
    running_mean, running_var = torch.tensor([0.1, -0.2, 0.3]), torch.tensor([1.0, 0.5, 2.0])
    start = {"running_mean": running_mean.clone(), "running_var": running_var.clone()}
    out = F.batch_norm(x, running_mean, running_var, weight, bias, training=training, momentum=0.1, eps=1e-5)
    proj = torch.randn(out.shape)
    (out * proj).sum().backward()
    save(f"ops_batch_norm_{'train' if training else 'eval'}",
         {"x": x, "weight": weight, "bias": bias, "proj": proj, **start},
         {"y": out, "running_mean": running_mean, "running_var": running_var},
         {"x": x.grad, "weight": weight.grad, "bias": bias.grad},
         {"training": training, "momentum": 0.1, "eps": 1e-5})


def relu():
    x = rand(2, 3, 4, 4)
    with torch.no_grad():
        x[x.abs() < 0.05] = 0.3  # keep values away from the kink
    projected("ops_relu", F.relu, {"x": x})


def pools():
    x = torch.randperm(2 * 2 * 6 * 8).float().reshape(2, 2, 6, 8).div(10).requires_grad_(True)  # distinct: no ties
    projected("ops_max_pool2d_k2s2", lambda t: F.max_pool2d(t, 2, 2), {"x": x}, {"kernel": 2, "stride": 2, "padding": 0})
    x = torch.randperm(2 * 2 * 7 * 7).float().reshape(2, 2, 7, 7).sub(50).div(10).requires_grad_(True)
    projected("ops_max_pool2d_k3s2p1", lambda t: F.max_pool2d(t, 3, 2, 1), {"x": x}, {"kernel": 3, "stride": 2, "padding": 1})
    projected("ops_avg_pool2d_k3s2p1", lambda t: F.avg_pool2d(t, 3, 2, 1), {"x": rand(2, 2, 7, 7)},
              {"kernel": 3, "stride": 2, "padding": 1})
    projected("ops_avg_pool2d_k2s2", lambda t: F.avg_pool2d(t, 2, 2), {"x": rand(2, 2, 6, 8)}, {"kernel": 2, "stride": 2, "padding": 0})
    projected("ops_adaptive_avg_pool2d", lambda t: F.adaptive_avg_pool2d(t, (3, 2)), {"x": rand(2, 2, 7, 5)}, {"outH": 3, "outW": 2})
    projected("ops_global_avg_pool2d", lambda t: F.adaptive_avg_pool2d(t, 1), {"x": rand(2, 3, 4, 5)})


def resize():
    for align in (False, True):
        for (h, w), (oh, ow) in (((3, 4), (6, 8)), ((3, 4), (5, 7)), ((6, 5), (4, 3))):
            name = f"ops_upsample_bilinear_{'align' if align else 'noalign'}_{h}x{w}_to_{oh}x{ow}"
            projected(name, lambda t: F.interpolate(t, size=(oh, ow), mode="bilinear", align_corners=align),
                      {"x": rand(2, 2, h, w)}, {"outH": oh, "outW": ow, "alignCorners": align})
    for (h, w), (oh, ow) in (((3, 4), (6, 8)), ((3, 4), (7, 9)), ((7, 9), (3, 4))):
        projected(f"ops_upsample_nearest_{h}x{w}_to_{oh}x{ow}", lambda t: F.interpolate(t, size=(oh, ow), mode="nearest"),
                  {"x": rand(2, 2, h, w)}, {"outH": oh, "outW": ow})


def shapes():
    projected("ops_concat_dim1", lambda a, b, c: torch.cat([a, b, c], 1),
              {"a": rand(2, 1, 3, 2), "b": rand(2, 3, 3, 2), "c": rand(2, 2, 3, 2)}, {"dim": 1})
    projected("ops_concat_dim_last", lambda a, b: torch.cat([a, b], -1), {"a": rand(2, 3, 2), "b": rand(2, 3, 4)}, {"dim": -1})
    projected("ops_sum_dims_0_2", lambda t: t.sum((0, 2)), {"x": rand(2, 3, 4, 2)}, {"dims": [0, 2], "keepDim": False})
    projected("ops_mean_dims_2_3_keep", lambda t: t.mean((2, 3), keepdim=True), {"x": rand(2, 3, 4, 2)},
              {"dims": [2, 3], "keepDim": True})


def softmaxes():
    projected("ops_softmax_dim1", lambda t: F.softmax(t, 1), {"x": rand(2, 4, 3, 3, lo=-4, hi=4)}, {"dim": 1})
    projected("ops_log_softmax_dim1", lambda t: F.log_softmax(t, 1), {"x": rand(2, 4, 3, 3, lo=-4, hi=4)}, {"dim": 1})
    projected("ops_softmax_dim_last", lambda t: F.softmax(t, -1), {"x": rand(3, 5, lo=-4, hi=4)}, {"dim": -1})
    projected("ops_log_softmax_dim0", lambda t: F.log_softmax(t, 0), {"x": rand(3, 5, lo=-4, hi=4)}, {"dim": 0})


def losses():
    labels = torch.randint(0, 4, (2, 3, 3))
    labels[0, 0, 1] = labels[1, 2, 2] = labels[1, 0, 0] = 11  # ignored positions
    weights = torch.tensor([0.5, 2.0, 1.0, 1.5])
    scalar("ops_cross_entropy_ignore_weights",
           lambda z: F.cross_entropy(z, labels, weight=weights, ignore_index=11),
           {"logits": rand(2, 4, 3, 3, lo=-3, hi=3)}, {"ignoreIndex": 11, "classWeights": weights.tolist()},
           {"labels": labels.float()})
    flat = torch.tensor([2, 0, 3, 1, 0])
    scalar("ops_cross_entropy_2d", lambda z: F.cross_entropy(z, flat), {"logits": rand(5, 4, lo=-3, hi=3)},
           {"ignoreIndex": -100}, {"labels": flat.float()})

    targets = torch.rand(2, 4, 3, 3)
    targets[0, :, 1, 1] = 0  # a position with no target mass
    targets[1, :, 0, 2] = torch.tensor([0.0, 1.0, 0.0, 0.0])
    targets.requires_grad_(True)
    scalar("ops_soft_cross_entropy",
           lambda z, t: -(t * F.log_softmax(z, 1)).sum() / t.sum(),
           {"logits": rand(2, 4, 3, 3, lo=-3, hi=3), "targets": targets})

    for detach in (True, False):
        student, teacher = rand(2, 4, 3, 3, lo=-3, hi=3), rand(2, 4, 3, 3, lo=-3, hi=3)

        def kl(s, t):
            t = t.detach() if detach else t
            return F.kl_div(F.log_softmax(s / 2, 1), F.softmax(t / 2, 1), reduction="none").sum(1).mean() * 4

        scalar(f"ops_kl_div_t2_{'detached' if detach else 'both'}", kl, {"student": student, "teacher": teacher},
               {"temperature": 2.0, "detachTeacher": detach})
    scalar("ops_mse_loss", F.mse_loss, {"a": rand(2, 3, 4), "b": rand(2, 3, 4)})


if __name__ == "__main__":
    batch_norm(True)
    batch_norm(False)
    relu()
    pools()
    resize()
    shapes()
    softmaxes()
    losses()
