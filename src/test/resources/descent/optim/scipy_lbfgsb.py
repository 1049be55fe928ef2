"""Reference runs of SciPy's L-BFGS-B for Descent's tests (LbfgsbScipyTest).

Run with Debian's python3-scipy:  /usr/bin/python3 scipy_lbfgsb.py > scipy-lbfgsb.jsonl
Each output line is one problem: its data, start point, bounds, and SciPy's result (x, f, nit,
nfev, message, and f at the first 30 iterates) under two settings: SciPy's defaults (maxcor 10, ftol 2.2e-9, gtol 1e-5, maxls 20)
and tight tolerances (ftol 2.2e-15, gtol 1e-9), with maxiter = maxfun = 15000.
The problem definitions here and in LbfgsbScipyTest must agree."""
import json
import sys

import numpy as np
import scipy
from scipy.optimize import minimize, rosen, rosen_der

SETTINGS = {
    "default": dict(maxcor=10, ftol=2.220446049250313e-09, gtol=1e-5, maxls=20, maxiter=15000, maxfun=15000),
    "tight": dict(maxcor=10, ftol=2.220446049250313e-15, gtol=1e-9, maxls=20, maxiter=15000, maxfun=15000),
}


def rosen_start(n):
    x = np.empty(n)
    x[0::2] = -1.2
    x[1::2] = 1.0
    return x


def zakharov(x):
    i = np.arange(1, x.size + 1)
    s = 0.5 * np.dot(i, x)
    f = np.dot(x, x) + s ** 2 + s ** 4
    g = 2 * x + (2 * s + 4 * s ** 3) * 0.5 * i
    return f, g


def quadratic(a, c):
    """1/2 (x - c)' A (x - c): minimum 0 at c, so that f keeps its relative precision near the optimum."""
    def fun(x):
        e = x - c
        ae = a @ e
        return 0.5 * e @ ae, ae
    return fun


def logistic(features, labels, lam):
    m = features.shape[0]

    def fun(w):
        z = labels * (features @ w)
        # log(1 + exp(-z)) computed stably
        loss = np.where(z > 0, np.log1p(np.exp(-np.abs(z))), -z + np.log1p(np.exp(-np.abs(z))))
        sig = np.where(z > 0, np.exp(-z) / (1 + np.exp(-z)), 1 / (1 + np.exp(z)))
        f = loss.mean() + 0.5 * lam * w @ w
        g = -(features.T @ (labels * sig)) / m + lam * w
        return f, g
    return fun


def main():
    rng = np.random.default_rng(20240611)
    n_q = 50
    q, _ = np.linalg.qr(rng.standard_normal((n_q, n_q)))
    eig = np.logspace(0, 6, n_q)
    a = (q * eig) @ q.T
    a = 0.5 * (a + a.T)
    cq = rng.standard_normal(n_q)
    features = rng.standard_normal((200, 10))
    w_true = rng.standard_normal(10)
    labels = np.sign(features @ w_true + 0.5 * rng.standard_normal(200))
    lam = 1e-2
    inf = np.inf
    problems = [
        dict(name="rosen2", fun=lambda x: (rosen(x), rosen_der(x)), x0=rosen_start(2), bounds=None, data={}),
        dict(name="rosen100", fun=lambda x: (rosen(x), rosen_der(x)), x0=rosen_start(100), bounds=None, data={}),
        dict(name="rosen1000", fun=lambda x: (rosen(x), rosen_der(x)), x0=rosen_start(1000), bounds=None, data={}),
        dict(name="zakharov10", fun=zakharov, x0=np.linspace(-1.0, 2.0, 10), bounds=None, data={}),
        dict(name="quadratic50", fun=quadratic(a, cq), x0=np.zeros(n_q), bounds=None,
             data={"A": a.tolist(), "c": cq.tolist()}),
        dict(name="logistic", fun=logistic(features, labels, lam), x0=np.zeros(10), bounds=None,
             data={"X": features.tolist(), "y": labels.tolist(), "lambda": lam}),
        dict(name="rosen2_box", fun=lambda x: (rosen(x), rosen_der(x)), x0=np.array([-1.2, 1.0]),
             bounds=([-1.5, -0.5], [0.5, 2.0]), data={}),
        dict(name="rosen100_box", fun=lambda x: (rosen(x), rosen_der(x)), x0=rosen_start(100),
             bounds=([-inf] * 100, [0.8 if i % 3 == 0 else inf for i in range(100)]), data={}),
        dict(name="quadratic50_box", fun=quadratic(a, cq), x0=np.full(n_q, 0.5), bounds=([0.0] * n_q, [1.0] * n_q),
             data={"A": a.tolist(), "c": cq.tolist()}),
        dict(name="logistic_nonneg", fun=logistic(features, labels, lam), x0=np.full(10, 0.1),
             bounds=([0.0] * 10, [inf] * 10), data={"X": features.tolist(), "y": labels.tolist(), "lambda": lam}),
    ]
    for p in problems:
        bounds = None if p["bounds"] is None else list(zip(p["bounds"][0], p["bounds"][1]))
        runs = {}
        for key, opts in SETTINGS.items():
            trace = []
            r = minimize(p["fun"], p["x0"], jac=True, method="L-BFGS-B", bounds=bounds, options=opts,
                         callback=lambda xk: trace.append(float(p["fun"](xk)[0])) if len(trace) < 30 else None)
            runs[key] = dict(x=r.x.tolist(), f=float(r.fun), nit=int(r.nit), nfev=int(r.nfev), f_trace=trace,
                             message=r.message if isinstance(r.message, str) else r.message.decode())
        line = dict(name=p["name"], n=int(p["x0"].size), x0=p["x0"].tolist(),
                    lower=None if p["bounds"] is None else list(p["bounds"][0]),
                    upper=None if p["bounds"] is None else list(p["bounds"][1]),
                    data=p["data"], settings=SETTINGS, runs=runs, scipy=scipy.__version__)
        print(json.dumps(line))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
