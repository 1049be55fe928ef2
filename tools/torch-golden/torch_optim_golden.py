"""Reference trajectories of torch.optim and torch.optim.lr_scheduler (Debian python3-torch 1.13,
float64) for Descent's optimizer tests. Extends ../shared/reference/torch_golden.py: the same
objectives (a 3-D quadratic and a 3-D Rosenbrock chain), every dense first-order class of
torch.optim with several hyperparameter combinations, and learning-rate schedules.

Usage: /usr/bin/python3 torch_optim_golden.py optim OBJECTIVE STEPS > torch-optim-OBJECTIVE.jsonl
       /usr/bin/python3 torch_optim_golden.py schedules > torch-lr-schedules.jsonl
Each line: {"optimizer", "hyper", "objective", "x0", "steps", "trace"} (parameters after every step),
or for schedules {"scheduler", "args", "optimizer", "hyper", "steps", "lrs", ["momenta"], ["metrics"], ["trace"]}."""
import json
import sys

import torch

torch.set_default_dtype(torch.float64)
A = torch.tensor([[3.0, 0.5, 0.0], [0.5, 2.0, 0.3], [0.0, 0.3, 1.0]])
b = torch.tensor([1.0, -2.0, 0.5])


def objective(name):
    if name == 'quad':
        return (lambda x: 0.5 * x @ A @ x - b @ x), [0.0, 0.0, 0.0]
    return (lambda x: (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[1]) ** 2
            + 100 * (x[2] - x[1] ** 2) ** 2), [-1.2, 1.0, 0.8]


QUAD = [
    ("SGD", dict(lr=1e-2)),
    ("SGD", dict(lr=1e-2, momentum=0.5, dampening=0.5)),
    ("SGD", dict(lr=1e-2, momentum=0.9, nesterov=True, weight_decay=0.05)),
    ("Adagrad", dict(lr=0.5, weight_decay=0.1, eps=1e-6)),
    ("Adadelta", dict(lr=0.5, rho=0.95, eps=1e-4, weight_decay=0.01)),
    ("RMSprop", dict(lr=1e-2, alpha=0.9, weight_decay=0.01)),
    ("RMSprop", dict(lr=1e-3, momentum=0.5)),
    ("RMSprop", dict(lr=1e-2, centered=True)),
    ("Rprop", dict(lr=1e-3, etas=(0.3, 1.5), step_sizes=(1e-4, 0.05))),
    ("ASGD", dict(lr=1e-2, lambd=1e-2, alpha=0.5, t0=10, weight_decay=0.01)),
    ("Adam", dict(lr=5e-2, betas=(0.5, 0.9))),
    ("Adam", dict(lr=1e-2, amsgrad=True, weight_decay=0.05)),
    ("AdamW", dict(lr=1e-2)),
    ("AdamW", dict(lr=1e-2, betas=(0.8, 0.95), amsgrad=True, weight_decay=0.5)),
    ("Adamax", dict(lr=1e-2, betas=(0.8, 0.99), weight_decay=0.1)),
    ("NAdam", dict(lr=1e-2, betas=(0.8, 0.99), momentum_decay=1e-2)),
    ("RAdam", dict(lr=1e-2, betas=(0.9, 0.9), weight_decay=0.05)),
]

ROSEN = [
    ("SGD", dict(lr=1e-4)),
    ("SGD", dict(lr=1e-4, momentum=0.9)),
    ("SGD", dict(lr=1e-4, momentum=0.9, nesterov=True)),
    ("SGD", dict(lr=1e-4, momentum=0.9, dampening=0.1, weight_decay=0.01)),
    ("Adagrad", dict(lr=1e-1)),
    ("Adagrad", dict(lr=1e-1, lr_decay=0.01, initial_accumulator_value=0.1)),
    ("Adadelta", dict(lr=1.0)),
    ("RMSprop", dict(lr=1e-3)),
    ("RMSprop", dict(lr=1e-3, momentum=0.9, centered=True)),
    ("Rprop", dict(lr=1e-2)),
    ("ASGD", dict(lr=1e-4)),
    ("Adam", dict(lr=1e-2)),
    ("Adam", dict(lr=1e-2, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)),
    ("Adam", dict(lr=1e-2, amsgrad=True)),
    ("AdamW", dict(lr=1e-2, weight_decay=0.1)),
    ("Adamax", dict(lr=1e-2)),
    ("NAdam", dict(lr=1e-2)),
    ("RAdam", dict(lr=1e-4)),
    ("RAdam", dict(lr=2e-4, betas=(0.9, 0.99), weight_decay=0.01)),
]


def optim(obj, steps):
    f, x0 = objective(obj)
    for name, kw in (QUAD if obj == 'quad' else ROSEN):
        x = torch.tensor(x0, requires_grad=True)
        opt = getattr(torch.optim, name)([x], **kw)
        trace = []
        for _ in range(steps):
            opt.zero_grad()
            f(x).backward()
            opt.step()
            trace.append(x.detach().tolist())
        print(json.dumps({"optimizer": name, "hyper": kw, "objective": obj, "x0": x0, "steps": steps, "trace": trace}))


def schedules():
    S = torch.optim.lr_scheduler
    steps = 40
    cases = [
        ("StepLR", dict(step_size=7, gamma=0.5)),
        ("MultiStepLR", dict(milestones=[5, 12, 30], gamma=0.3)),
        ("ExponentialLR", dict(gamma=0.93)),
        ("CosineAnnealingLR", dict(T_max=40, eta_min=0.01)),
        ("PolynomialLR", dict(total_iters=30, power=2.0)),
        ("LinearLR", dict(start_factor=0.25, end_factor=1.0, total_iters=8)),
        ("OneCycleLR", dict(max_lr=0.5, total_steps=40)),
        ("OneCycleLR", dict(max_lr=0.5, total_steps=40, pct_start=0.25, div_factor=10.0, final_div_factor=100.0)),
    ]
    for name, kw in cases:
        x = torch.zeros(3, requires_grad=True)
        opt = torch.optim.SGD([x], lr=0.1, momentum=0.9)
        sched = getattr(S, name)(opt, **kw)
        lrs, momenta = [], []
        for _ in range(steps):
            lrs.append(opt.param_groups[0]['lr'])
            momenta.append(opt.param_groups[0]['momentum'])
            opt.step()
            sched.step()
        print(json.dumps({"scheduler": name, "args": kw, "optimizer": "SGD", "hyper": {"lr": 0.1, "momentum": 0.9},
                          "steps": steps, "lrs": lrs, "momenta": momenta}))
    # OneCycleLR driving SGD's lr and momentum on the quadratic, as a trajectory.
    f, x0 = objective('quad')
    x = torch.tensor(x0, requires_grad=True)
    opt = torch.optim.SGD([x], lr=0.1, momentum=0.9)
    sched = S.OneCycleLR(opt, max_lr=0.3, total_steps=50)
    trace = []
    for _ in range(50):
        opt.zero_grad()
        f(x).backward()
        opt.step()
        sched.step()
        trace.append(x.detach().tolist())
    print(json.dumps({"scheduler": "OneCycleLR", "args": {"max_lr": 0.3, "total_steps": 50}, "optimizer": "SGD",
                      "hyper": {"lr": 0.1, "momentum": 0.9}, "steps": 50, "objective": "quad", "x0": x0, "trace": trace}))
    # ReduceLROnPlateau on a given metric sequence.
    metrics = [5.0, 4.0, 3.9, 3.95, 3.9, 3.9, 3.9, 3.899, 3.9, 3.9, 3.9, 3.0, 3.1, 3.1, 3.1, 3.1, 3.1, 3.1, 3.1, 2.0,
               2.1, 2.1, 2.1, 2.1, 2.1, 2.1, 2.1, 2.1, 2.1, 2.1]
    for kw in (dict(factor=0.5, patience=2), dict(factor=0.1, patience=3, threshold=0.01, cooldown=2, min_lr=0.002)):
        x = torch.zeros(3, requires_grad=True)
        opt = torch.optim.SGD([x], lr=1.0)
        sched = S.ReduceLROnPlateau(opt, **kw)
        lrs = []
        for m in metrics:
            lrs.append(opt.param_groups[0]['lr'])
            opt.step()
            sched.step(m)
        print(json.dumps({"scheduler": "ReduceLROnPlateau", "args": kw, "optimizer": "SGD", "hyper": {"lr": 1.0},
                          "steps": len(metrics), "lrs": lrs, "metrics": metrics}))


if __name__ == '__main__':
    if sys.argv[1] == 'optim':
        optim(sys.argv[2], int(sys.argv[3]))
    else:
        schedules()
