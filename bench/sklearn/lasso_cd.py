"""scikit-learn's Lasso (coordinate descent) on a lasso instance written by descent.bench.LassoBench.

Usage: /usr/bin/python3 lasso_cd.py DATA M N ALPHA FSTAR REPEATS EPS...
DATA holds A (M x N, row-major) then b (M), little-endian float64. The objective is
|A x - b|^2 / (2 M) + ALPHA |x|_1 (sklearn's, with fit_intercept=False). For each relative accuracy
EPS, the loosest tol in 1e-2 .. 1e-14 whose solution has objective <= FSTAR (1 + EPS) is timed
(median of REPEATS fits). Prints "sklearn VERSION BEST_OBJECTIVE", then one line per EPS:
"TOL OBJECTIVE SECONDS SWEEPS" (SWEEPS: coordinate-descent passes, n_iter_), or "none" if no tol
reaches it."""
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Lasso

path, m, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
alpha, fstar, repeats = float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
eps = [float(e) for e in sys.argv[7:]]
raw = np.fromfile(path, dtype="<f8")
a = raw[: m * n].reshape(m, n)
b = raw[m * n: m * n + m]
a = np.asfortranarray(a)
warnings.simplefilter("ignore", ConvergenceWarning)


def objective(x):
    r = a @ x - b
    return r @ r / (2 * m) + alpha * np.abs(x).sum()


def fit(tol):
    model = Lasso(alpha=alpha, fit_intercept=False, tol=tol, max_iter=1_000_000, selection="cyclic")
    model.fit(a, b)
    return model


print("sklearn", sklearn.__version__, repr(objective(fit(1e-14).coef_)))
for e in eps:
    for k in range(2, 15):
        tol = 10.0 ** -k
        model = fit(tol)
        f = objective(model.coef_)
        if f <= fstar * (1 + e):
            times = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                fit(tol)
                times.append(time.perf_counter() - t0)
            times.sort()
            print(repr(tol), repr(f), repr(times[len(times) // 2]), model.n_iter_)
            break
    else:
        print("none")
