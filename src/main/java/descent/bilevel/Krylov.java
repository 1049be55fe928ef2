package descent.bilevel;

/**
 * Conjugate gradients and restarted GMRES (Saad and Schultz, 1986: Arnoldi with modified
 * Gram–Schmidt, Givens rotations for the least-squares problem).
 */
final class Krylov implements LinearSolver {
    private final boolean cg;
    private final int maxIterations;
    private final double tolerance;
    private final int restart;

    Krylov(boolean cg, int maxIterations, double tolerance, int restart) {
        String owner = cg ? "LinearSolver.cg" : "LinearSolver.gmres";
        if (maxIterations < 1) {
            throw new IllegalArgumentException(owner + ": maxIterations must be >= 1, got " + maxIterations);
        }
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException(owner + ": tolerance must be finite and > 0, got " + tolerance);
        }
        if (!cg && restart < 1) {
            throw new IllegalArgumentException(owner + ": restart must be >= 1, got " + restart);
        }
        this.cg = cg;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        this.restart = restart;
    }

    @Override
    public String name() {
        return cg ? "cg(" + maxIterations + ", " + tolerance + ")" : "gmres(" + restart + ", " + maxIterations + ", " + tolerance + ")";
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Override
    public double[] solve(LinearOperator a, double[] b, String who) {
        double bn = norm(b);
        if (!Double.isFinite(bn)) {
            throw new IllegalArgumentException(who + ": the right-hand side of the linear solve is not finite");
        }
        if (bn == 0) {
            return new double[b.length];
        }
        return cg ? conjugateGradients(a, b, bn, who) : gmres(a, b, bn, who);
    }

    private double[] conjugateGradients(LinearOperator a, double[] b, double bn, String who) {
        int n = b.length;
        double[] w = new double[n];
        double[] r = b.clone();
        double[] p = b.clone();
        double[] ap = new double[n];
        double rr = bn * bn;
        double largest = 0;
        for (int k = 0; k < maxIterations; k++) {
            a.apply(p, ap);
            double pap = dot(p, ap);
            double rayleigh = pap / dot(p, p);
            largest = Math.max(largest, rayleigh);
            if (!(rayleigh > 1e-13 * largest) || !Double.isFinite(pap)) {
                throw new ConvergenceException(who + ": conjugate gradients met p'Ap = " + pap + " at iteration " + k
                        + ": the Jacobian of the optimality condition is singular or not positive definite at the solution"
                        + " (use LinearSolver.gmres for a nonsymmetric system)", k, Math.sqrt(rr));
            }
            double alpha = rr / pap;
            double next = 0;
            for (int i = 0; i < n; i++) {
                w[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
                next += r[i] * r[i];
            }
            if (Math.sqrt(next) <= tolerance * bn) {
                return w;
            }
            double beta = next / rr;
            rr = next;
            for (int i = 0; i < n; i++) {
                p[i] = r[i] + beta * p[i];
            }
        }
        throw new ConvergenceException(who + ": conjugate gradients did not reach the relative residual " + tolerance + " in "
                + maxIterations + " iterations (relative residual " + Math.sqrt(rr) / bn + ")", maxIterations, Math.sqrt(rr));
    }

    private double[] gmres(LinearOperator a, double[] b, double bn, String who) {
        int n = b.length;
        int m = Math.min(restart, n);
        double[] w = new double[n];
        double[] r = b.clone();
        double[] av = new double[n];
        double[][] v = new double[m + 1][n];
        double[][] h = new double[m + 1][m];
        double[] cs = new double[m];
        double[] sn = new double[m];
        double[] e = new double[m + 1];
        int used = 0;
        double rn = bn;
        while (used < maxIterations) {
            for (int i = 0; i < n; i++) {
                v[0][i] = r[i] / rn;
            }
            java.util.Arrays.fill(e, 0);
            e[0] = rn;
            int j = 0;
            boolean invariant = false;
            for (; j < m && used < maxIterations; j++, used++) {
                a.apply(v[j], av);
                for (int k = 0; k <= j; k++) {
                    double hk = dot(av, v[k]);
                    h[k][j] = hk;
                    for (int i = 0; i < n; i++) {
                        av[i] -= hk * v[k][i];
                    }
                }
                double hn = norm(av);
                h[j + 1][j] = hn;
                for (int k = 0; k < j; k++) {
                    double t = cs[k] * h[k][j] + sn[k] * h[k + 1][j];
                    h[k + 1][j] = -sn[k] * h[k][j] + cs[k] * h[k + 1][j];
                    h[k][j] = t;
                }
                double d = Math.hypot(h[j][j], h[j + 1][j]);
                if (d == 0) {
                    throw singular(who, used, e[j]);
                }
                cs[j] = h[j][j] / d;
                sn[j] = h[j + 1][j] / d;
                h[j][j] = d;
                h[j + 1][j] = 0;
                e[j + 1] = -sn[j] * e[j];
                e[j] = cs[j] * e[j];
                if (Math.abs(e[j + 1]) <= tolerance * bn) {
                    j++;
                    used++;
                    break;
                }
                if (hn <= 1e-14 * Math.abs(d)) {
                    invariant = true;
                    j++;
                    used++;
                    break;
                }
                for (int i = 0; i < n; i++) {
                    v[j + 1][i] = av[i] / hn;
                }
            }
            double[] y = new double[j];
            for (int k = j - 1; k >= 0; k--) {
                double s = e[k];
                for (int l = k + 1; l < j; l++) {
                    s -= h[k][l] * y[l];
                }
                if (Math.abs(h[k][k]) <= 1e-14 * Math.abs(h[0][0])) {
                    throw singular(who, used, rn);
                }
                y[k] = s / h[k][k];
            }
            for (int k = 0; k < j; k++) {
                for (int i = 0; i < n; i++) {
                    w[i] += y[k] * v[k][i];
                }
            }
            a.apply(w, av);
            for (int i = 0; i < n; i++) {
                r[i] = b[i] - av[i];
            }
            rn = norm(r);
            if (rn <= tolerance * bn) {
                return w;
            }
            if (invariant) {
                throw singular(who, used, rn);
            }
        }
        throw new ConvergenceException(who + ": GMRES(" + restart + ") did not reach the relative residual " + tolerance + " in "
                + maxIterations + " products (relative residual " + rn / bn + "); the Jacobian may be singular or badly conditioned",
                maxIterations, rn);
    }

    private static ConvergenceException singular(String who, int used, double residual) {
        return new ConvergenceException(who + ": the Jacobian of the defining equation is singular at the solution (GMRES broke down "
                + "after " + used + " products with residual " + residual + "), so x*(theta) is not differentiable there", used, residual);
    }
}
