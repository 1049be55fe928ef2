"""The STDE training-step benchmark of Descent's bench suite, in PyTorch (CPU, float64): the
paper's two-body Allen-Cahn setting (u = (1 - |x|^2) MLP(x), MLP width 128, depth 4, tanh; 100
residual points per step; |J| = 16 sampled coordinates; one Adam step per iteration). The
Laplacian estimate is formed two ways, as in the STDE paper's baselines: backward-mode SDGD
(double backward per sampled coordinate) and vmapped Hessian-vector products (functorch).
Usage: python3 stde.py CORES DIM [METHOD ...] -> one JSON line per method: iterations/s and peak
resident memory (MB) of the process, or "oom" when the step cannot run."""
import json, resource, statistics, sys, time

def main():
    import torch
    torch.set_default_dtype(torch.float64)
    cores, d = int(sys.argv[1]), int(sys.argv[2])
    methods = sys.argv[3:] or ["sdgd", "hvp"]
    torch.set_num_threads(cores)
    torch.manual_seed(0)
    n_points, j_size, width, depth = 100, 16, 128, 4
    dims = [d] + [width] * depth + [1]
    params = []
    for a, b in zip(dims[:-1], dims[1:]):
        params += [(torch.randn(a, b) / a ** 0.5).requires_grad_(), torch.zeros(b).requires_grad_()]
    c = torch.randn(d - 1)

    def mlp(x, ps):
        h = x
        for i in range(0, len(ps), 2):
            h = h @ ps[i] + ps[i + 1]
            if i + 2 < len(ps):
                h = torch.tanh(h)
        return h.squeeze(-1)

    def u(x, ps):
        return (1 - (x * x).sum(-1)) * mlp(x, ps)

    def exact(x):
        xi, xj = x[:, :-1], x[:, 1:]
        phi = xi + torch.cos(xj) + xj * torch.cos(xi)
        a = 1 - xj * torch.sin(xi)
        b = torch.cos(xi) - torch.sin(xj)
        second = -xj * torch.cos(xi) - torch.cos(xj)
        s = (torch.sin(phi) * c).sum(1)
        q = 1 - (x * x).sum(1)
        cross = (torch.cos(phi) * c * (a * xi + b * xj)).sum(1)
        lap = ((-torch.sin(phi) * (a * a + b * b) + torch.cos(phi) * second) * c).sum(1)
        value = q * s
        return value, -2.0 * d * s - 4 * cross + q * lap

    def points():
        v = torch.randn(n_points, d)
        r = torch.rand(n_points, 1) ** (1.0 / d)
        return v / v.norm(dim=1, keepdim=True) * r

    def residual_sdgd(x, idx):
        x = x.requires_grad_()
        val = u(x, params)
        g = torch.autograd.grad(val.sum(), x, create_graph=True)[0]
        lap = 0
        for j in idx.tolist():
            lap = lap + torch.autograd.grad(g[:, j].sum(), x, create_graph=True)[0][:, j]
        return val, lap * (d / j_size)

    def residual_hvp(x, idx):
        from functorch import grad, jvp, vmap
        def u_single(xx, *ps):
            return u(xx.unsqueeze(0), list(ps)).squeeze(0)
        def second(xx, e, *ps):
            return jvp(lambda y: grad(u_single)(y, *ps), (xx,), (e,))[1] @ e
        eyes = torch.zeros(j_size, d)
        eyes[torch.arange(j_size), idx] = 1
        per_point = vmap(lambda xx: vmap(lambda e: second(xx, e, *params))(eyes).sum())
        return u(x, params), per_point(x) * (d / j_size)

    results = []
    for method in methods:
        opt = torch.optim.Adam(params, lr=1e-3)
        residual = residual_sdgd if method == "sdgd" else residual_hvp

        def step():
            x = points()
            idx = torch.randperm(d)[:j_size]
            value, lap = residual(x, idx)
            exact_value, exact_lap = exact(x.detach())
            g = exact_lap + exact_value - exact_value ** 3
            loss = ((lap + value - value ** 3 - g) ** 2).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            return loss.item()

        try:
            for _ in range(2):
                step()
            times = []
            deadline = time.perf_counter() + 20
            while len(times) < 10 and (len(times) < 2 or time.perf_counter() < deadline):
                t = time.perf_counter()
                step()
                times.append(time.perf_counter() - t)
            results.append({"method": method, "dim": d, "iterations_per_s": 1 / statistics.median(times),
                            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                            "torch_version": torch.__version__})
        except (RuntimeError, MemoryError) as e:
            results.append({"method": method, "dim": d, "oom": str(e)[:200]})
    for r in results:
        print(json.dumps(r))

if __name__ == "__main__":
    main()
