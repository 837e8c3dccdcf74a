"""Optimiser, LR-schedule and gradient-clipping goldens for tests/ResearchKit.Tests/Optim (run once with
/usr/bin/python3 and Debian's python3-torch 1.13; never in CI).

The trajectory model uses only elementwise ops the kit had when this was written (add, mul, scale, mean, reshape):
  h_k = w*x_k + b ;  pred_k = a*h_k + reshape(c, [2,3])*x_k ;  loss = (1/K) * sum_k mean((pred_k - y_k)^2)
with parameters a, w, b of shape [2,3] and c of shape [6]. Each optimiser runs 10 steps from the same initial
weights; the golden holds the loss before each step and every parameter after each step.
"""
import math

import torch

from goldens_common import save

K = 3
STEPS = 10


def initial():
    g = torch.Generator().manual_seed(1234)
    params = {
        "a": torch.randn(2, 3, generator=g),
        "w": torch.randn(2, 3, generator=g),
        "b": torch.randn(2, 3, generator=g) * 0.5,
        "c": torch.randn(6, generator=g) * 0.5,
    }
    x = torch.randn(K, 2, 3, generator=g)
    y = torch.randn(K, 2, 3, generator=g)
    return params, x, y


def loss_of(p, x, y):
    total = None
    for k in range(K):
        h = p["w"] * x[k] + p["b"]
        pred = p["a"] * h + p["c"].reshape(2, 3) * x[k]
        term = ((pred + y[k] * -1.0) * (pred + y[k] * -1.0)).mean()
        total = term if total is None else total + term
    return total * (1.0 / K)


def trajectory(name, make_optimizer, hyper):
    init, x, y = initial()
    p = {k: v.clone().requires_grad_(True) for k, v in init.items()}
    opt = make_optimizer(list(p.values()))
    losses, after = [], {k: [] for k in p}
    for _ in range(STEPS):
        opt.zero_grad()
        loss = loss_of(p, x, y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
        for k, v in p.items():
            after[k].append(v.detach().clone())
    outputs = {"loss": torch.tensor(losses)}
    outputs.update({k: torch.stack(v) for k, v in after.items()})
    inputs = dict(init)
    inputs.update({"x": x, "y": y})
    print(save(name, inputs, outputs, {}, hyper))


def schedules():
    def rates(make, n):
        opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
        sched = make(opt)
        out = []
        for _ in range(n):
            out.append(opt.param_groups[0]["lr"])
            opt.step()
            sched.step()
        return out

    s = torch.optim.lr_scheduler
    params = {
        "base": 0.1,
        "poly": {"total": 20, "power": 0.9, "lrs": rates(lambda o: s.PolynomialLR(o, total_iters=20, power=0.9), 25)},
        "poly1": {"total": 8, "power": 1.0, "lrs": rates(lambda o: s.PolynomialLR(o, total_iters=8, power=1.0), 12)},
        "cosine": {"tmax": 10, "etamin": 0.001, "lrs": rates(lambda o: s.CosineAnnealingLR(o, T_max=10, eta_min=0.001), 35)},
        "step": {"size": 3, "gamma": 0.5, "lrs": rates(lambda o: s.StepLR(o, step_size=3, gamma=0.5), 12)},
    }
    print(save("optim_schedules", {}, {}, {}, params))


def clipping():
    g = torch.Generator().manual_seed(99)
    g1 = torch.randn(3, 4, generator=g)
    g2 = torch.randn(5, generator=g) * 2
    outputs = {}
    for tag, max_norm, norm_type in [("clipped", 1.0, 2.0), ("unclipped", 100.0, 2.0), ("inf", 0.5, math.inf)]:
        p1 = torch.zeros(3, 4, requires_grad=True)
        p2 = torch.zeros(5, requires_grad=True)
        p1.grad, p2.grad = g1.clone(), g2.clone()
        total = torch.nn.utils.clip_grad_norm_([p1, p2], max_norm, norm_type)
        outputs[f"{tag}_norm"] = total
        outputs[f"{tag}_g1"] = p1.grad
        outputs[f"{tag}_g2"] = p2.grad
    params = {"clipped": 1.0, "unclipped": 100.0, "inf": 0.5}
    print(save("optim_clip", {"g1": g1, "g2": g2}, outputs, {}, params))


if __name__ == "__main__":
    torch.set_num_threads(1)
    trajectory("optim_sgd_nesterov",
               lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01),
               {"lr": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01, "dampening": 0.0})
    trajectory("optim_sgd_momentum",
               lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8, dampening=0.1, weight_decay=0.0),
               {"lr": 0.05, "momentum": 0.8, "nesterov": False, "weight_decay": 0.0, "dampening": 0.1})
    trajectory("optim_adam",
               lambda ps: torch.optim.Adam(ps, lr=0.05, betas=(0.9, 0.99), eps=1e-8, weight_decay=0.01),
               {"lr": 0.05, "beta1": 0.9, "beta2": 0.99, "eps": 1e-8, "weight_decay": 0.01})
    trajectory("optim_adamw",
               lambda ps: torch.optim.AdamW(ps, lr=0.05, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1),
               {"lr": 0.05, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.1})
    schedules()
    clipping()
