"""scikit-learn's SAGA on l2-regularized logistic regression, for descent.bench.FiniteSumBench.

Usage: /usr/bin/python3 logreg_saga.py DATA.npz MU EPOCHS REPEATS
DATA.npz holds A (n x d) and b (labels in {-1, 1}). The objective is
mean_i log(1 + exp(-b_i a_i.w)) + MU/2 |w|^2, which is scikit-learn's with C = 1 / (n MU) divided
by n C. Runs LogisticRegression(solver="saga", fit_intercept=False, max_iter=EPOCHS, tol=0)
REPEATS times and prints one JSON line: the median wall time (seconds), the epochs run and the
objective reached."""
import json
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

path, mu, epochs, repeats = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
data = np.load(path)
a, b = data["A"], data["b"]
n = a.shape[0]
warnings.simplefilter("ignore", ConvergenceWarning)
times = []
for _ in range(repeats):
    model = LogisticRegression(penalty="l2", C=1.0 / (n * mu), solver="saga", fit_intercept=False, max_iter=epochs, tol=0.0)
    t0 = time.perf_counter()
    model.fit(a, b)
    times.append(time.perf_counter() - t0)
times.sort()
w = model.coef_.ravel()
m = -b * (a @ w)
f = float(np.mean(np.logaddexp(0.0, m)) + 0.5 * mu * w @ w)
print(json.dumps(dict(seconds=times[len(times) // 2], epochs=int(model.n_iter_[0]), f=f, sklearn=sklearn.__version__)))
