"""SciPy's L-BFGS-B on the chained Rosenbrock function, for descent.bench.QuasiNewtonBench.

Usage: /usr/bin/python3 rosen_lbfgsb.py N REPEATS
Prints one JSON line: nit, nfev, and the median wall time of REPEATS runs (seconds), with SciPy's
defaults (maxcor 10, ftol 2.2e-9, gtol 1e-5, maxls 20) and maxiter = maxfun = 15000."""
import json
import sys
import time

import numpy as np
import scipy
from scipy.optimize import minimize, rosen, rosen_der

n, repeats = int(sys.argv[1]), int(sys.argv[2])
x0 = np.empty(n)
x0[0::2] = -1.2
x0[1::2] = 1.0
times = []
for _ in range(repeats):
    t0 = time.perf_counter()
    r = minimize(rosen, x0, jac=rosen_der, method="L-BFGS-B", options=dict(maxiter=15000, maxfun=15000))
    times.append(time.perf_counter() - t0)
times.sort()
print(json.dumps(dict(nit=int(r.nit), nfev=int(r.nfev), f=float(r.fun), seconds=times[len(times) // 2], scipy=scipy.__version__)))
