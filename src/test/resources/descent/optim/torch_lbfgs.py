"""Reference trajectories of torch.optim.LBFGS with the strong Wolfe line search, for Descent's
LbfgsTorchTest (Debian python3-torch 1.13, float64).

Run:  /usr/bin/python3 torch_lbfgs.py > torch-lbfgs.jsonl
Each output line is one run: the objective (and its data), the start point, the hyperparameters
and the iterate and loss after every iteration. The run calls step() with max_iter=1, so each
call is one L-BFGS iteration (the state carries over between calls, as in one call with a larger
max_iter); recording stops at the first iteration torch ends by one of its tolerances.
The objectives here and in LbfgsTorchTest must agree."""
import json
import sys

import torch

torch.set_default_dtype(torch.float64)

A3 = torch.tensor([[3.0, 0.5, 0.0], [0.5, 2.0, 0.3], [0.0, 0.3, 1.0]])
B3 = torch.tensor([1.0, -2.0, 0.5])


def quad(x, data):
    return 0.5 * x @ A3 @ x - B3 @ x


def rosen(x, data):
    return torch.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)


def rosen_explicit(x):
    """The chained Rosenbrock function and its gradient in the test's operation order (plain floats)."""
    v = x.detach().tolist()
    g = [0.0] * len(v)
    f = 0.0
    for i in range(len(v) - 1):
        a = 1 - v[i]
        b = v[i + 1] - v[i] * v[i]
        f += a * a + 100 * b * b
        g[i] += -2 * a - 400 * b * v[i]
        g[i + 1] += 200 * b
    return f, g


def logistic(w, data):
    z = data["X"] @ w * data["y"]
    return torch.mean(torch.log1p(torch.exp(-z))) + 0.5 * data["lambda"] * w @ w


def run(name, fun, x0, history, steps, data, tolerance_grad=1e-7, tolerance_change=1e-9):
    x = torch.tensor(x0, requires_grad=True)
    opt = torch.optim.LBFGS([x], lr=1, max_iter=1, max_eval=10 ** 6, history_size=history, line_search_fn="strong_wolfe",
                            tolerance_grad=tolerance_grad, tolerance_change=tolerance_change)
    trace, losses = [], []

    def closure():
        if fun is rosen:
            f, g = rosen_explicit(x)
            x.grad = torch.tensor(g)
            return torch.tensor(f)
        opt.zero_grad()
        loss = fun(x, data)
        loss.backward()
        return loss

    for _ in range(steps):
        before = x.detach().clone()
        opt.step(closure)
        if torch.equal(before, x.detach()):
            break
        trace.append(x.detach().tolist())
        losses.append(float(fun(x.detach(), data)))
        # the tests that end torch's loop after an iteration
        state = opt.state[x]
        g = torch.autograd.grad(fun(x, data), x)[0]
        previous = losses[-2] if len(losses) > 1 else float(fun(torch.tensor(x0), data))
        if g.abs().max() <= tolerance_grad or abs(losses[-1] - previous) < tolerance_change \
                or state["d"].mul(state["t"]).abs().max() <= tolerance_change:
            break
    plain = {k: (v.tolist() if torch.is_tensor(v) else v) for k, v in data.items()}
    print(json.dumps(dict(name=name, x0=x0, history=history, tolerance_grad=tolerance_grad,
                          tolerance_change=tolerance_change, data=plain, trace=trace, losses=losses,
                          torch=torch.__version__)))
    sys.stdout.flush()


def main():
    gen = torch.Generator().manual_seed(20240611)
    features = torch.randn(60, 5, generator=gen)
    w_true = torch.randn(5, generator=gen)
    labels = torch.sign(features @ w_true + 0.5 * torch.randn(60, generator=gen))
    logit = {"X": features, "y": labels, "lambda": 1e-2}
    run("quad3", quad, [0.0, 0.0, 0.0], 10, 50, {})
    for h in (3, 10, 100):
        run("rosen3", rosen, [-1.2, 1.0, 0.8], h, 200, {})
    run("rosen2", rosen, [-1.2, 1.0], 10, 200, {})
    run("rosen12", rosen, [-1.2 if i % 2 == 0 else 1.0 for i in range(12)], 5, 300, {})
    run("logistic", logistic, [0.0] * 5, 10, 100, logit)


if __name__ == "__main__":
    main()
