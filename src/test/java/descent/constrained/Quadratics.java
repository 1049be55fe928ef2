package descent.constrained;

import descent.optim.Objective;

import java.util.Random;

/** Test problems: least squares {@code |A x - b|^2 / (2 m)} with their Lipschitz constants, and helpers. */
final class Quadratics {
    final int m;
    final int n;
    final double[] a;
    final double[] b;

    Quadratics(double[] a, int m, int n, double[] b) {
        this.a = a;
        this.m = m;
        this.n = n;
        this.b = b;
    }

    /** A random m x n Gaussian design and {@code b = A x_true + noise * N(0, 1)}. */
    static Quadratics random(int m, int n, double[] truth, double noise, long seed) {
        Random r = new Random(seed);
        double[] a = new double[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian();
        }
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += a[i * n + j] * truth[j];
            }
            b[i] = s + noise * r.nextGaussian();
        }
        return new Quadratics(a, m, n, b);
    }

    /** {@code |A x - b|^2 / (2 m)} and its gradient {@code A'(A x - b) / m}. */
    double valueAndGrad(double[] x, double[] g) {
        double[] r = residual(x);
        double v = 0;
        for (double ri : r) {
            v += ri * ri;
        }
        java.util.Arrays.fill(g, 0);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                g[j] += a[i * n + j] * r[i] / m;
            }
        }
        return v / (2 * m);
    }

    Objective objective() {
        return this::valueAndGrad;
    }

    double[] residual(double[] x) {
        double[] r = new double[m];
        for (int i = 0; i < m; i++) {
            double s = -b[i];
            for (int j = 0; j < n; j++) {
                s += a[i * n + j] * x[j];
            }
            r[i] = s;
        }
        return r;
    }

    /** The largest eigenvalue of {@code A'A / m} (the gradient's Lipschitz constant), by power iteration. */
    double lipschitz() {
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1);
        double lambda = 0;
        for (int it = 0; it < 2000; it++) {
            double[] av = new double[m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    av[i] += a[i * n + j] * v[j];
                }
            }
            double[] w = new double[n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    w[j] += a[i * n + j] * av[i] / m;
                }
            }
            double norm = 0;
            for (double wi : w) {
                norm += wi * wi;
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < n; j++) {
                v[j] = w[j] / norm;
            }
            if (Math.abs(norm - lambda) <= 1e-14 * norm) {
                return norm;
            }
            lambda = norm;
        }
        return lambda;
    }

    /**
     * The lasso {@code |A x - b|^2 / (2 m) + lambda |x|_1} solved by cyclic coordinate descent
     * (Friedman, Hastie and Tibshirani, 2010) until no coordinate moves by more than {@code tol}.
     */
    double[] lassoByCoordinateDescent(double lambda, double tol) {
        double[] x = new double[n];
        double[] r = residual(x);
        double[] colSq = new double[n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                colSq[j] += a[i * n + j] * a[i * n + j] / m;
            }
        }
        for (int sweep = 0; sweep < 100000; sweep++) {
            double moved = 0;
            for (int j = 0; j < n; j++) {
                double rho = 0;
                for (int i = 0; i < m; i++) {
                    rho += a[i * n + j] * (r[i] - a[i * n + j] * x[j]) / m;
                }
                double z = -rho;
                double xj = Math.copySign(Math.max(Math.abs(z) - lambda, 0), z) / colSq[j];
                double d = xj - x[j];
                if (d != 0) {
                    for (int i = 0; i < m; i++) {
                        r[i] += a[i * n + j] * d;
                    }
                    x[j] = xj;
                }
                moved = Math.max(moved, Math.abs(d));
            }
            if (moved <= tol) {
                return x;
            }
        }
        throw new AssertionError("coordinate descent did not converge");
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
