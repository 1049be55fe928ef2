"""The MLP value-and-gradient benchmark of Descent's bench suite, in PyTorch (CPU, float64).

Same network as bench/src/main/java/descent/bench/Mlp.java: batch 256, input 100, four tanh layers
of width 128, linear output of size 1, loss mean(u^2), gradients with respect to all parameters.
PyTorch's speed on two cores depends on how its own threads and OpenBLAS's threads share them,
so every split of the given core count is timed and the fastest is reported.
Usage: python3 mlp.py CORES   -> one JSON line with medians in milliseconds."""
import json, os, statistics, subprocess, sys, time

def run(torch_threads):
    import torch
    torch.set_default_dtype(torch.float64)
    torch.set_num_threads(torch_threads)
    torch.manual_seed(1)
    batch, inp, width, hidden = 256, 100, 128, 4
    dims = [inp] + [width] * hidden + [1]
    params = []
    for a, b in zip(dims[:-1], dims[1:]):
        params += [(torch.randn(a, b) / a ** 0.5).requires_grad_(), torch.full((b,), 0.01).requires_grad_()]
    x = torch.randn(batch, inp)

    def loss():
        h = x
        for i in range(0, len(params), 2):
            h = h @ params[i] + params[i + 1]
            if i + 2 < len(params):
                h = torch.tanh(h)
        return (h * h).mean()

    def step():
        l = loss()
        return torch.autograd.grad(l, params)

    def median_ms(fn, reps=20, rounds=15):
        for _ in range(3 * reps):
            fn()
        ts = []
        for _ in range(rounds):
            t = time.perf_counter()
            for _ in range(reps):
                fn()
            ts.append((time.perf_counter() - t) / reps)
        return statistics.median(ts) * 1e3

    vg = median_ms(step)
    with torch.no_grad():
        fw = median_ms(loss)
    return {"value_and_grad_ms": vg, "forward_ms": fw, "torch_version": torch.__version__}

if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        print(json.dumps(run(int(sys.argv[2]))))
        sys.exit(0)
    cores = int(sys.argv[1]) if len(sys.argv) > 1 else os.cpu_count()
    best = None
    for torch_threads in range(1, cores + 1):
        blas_threads = max(1, cores // torch_threads)
        env = dict(os.environ, OPENBLAS_NUM_THREADS=str(blas_threads), OMP_NUM_THREADS=str(torch_threads))
        out = subprocess.run([sys.executable, __file__, "--child", str(torch_threads)], env=env,
                             capture_output=True, text=True, check=True).stdout
        r = json.loads(out)
        r["config"] = "torch threads %d, OpenBLAS threads %d" % (torch_threads, blas_threads)
        if best is None or r["value_and_grad_ms"] < best["value_and_grad_ms"]:
            best = r
    print(json.dumps(best))
