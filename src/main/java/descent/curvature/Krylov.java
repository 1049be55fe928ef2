package descent.curvature;

/**
 * Matrix-free Krylov solvers for {@code A x = b} with a symmetric operator and an optional
 * symmetric positive definite preconditioner {@code M ~ A^-1} (applied as an {@link Operator}):
 * <ul>
 * <li>{@link #cg}: preconditioned conjugate gradients (Hestenes–Stiefel 1952), for positive
 * definite {@code A}; it stops at the first direction of non-positive curvature
 * {@code p'Ap <= 0} and says so, which is how truncated Newton methods detect indefinite
 * Hessians;</li>
 * <li>{@link #minres}: preconditioned MINRES (Paige and Saunders 1975), for symmetric
 * indefinite {@code A}: it minimizes the residual over the Krylov space by Lanczos and Givens
 * rotations.</li>
 * </ul>
 * Both stop when the residual norm is at most {@code tolerance |b|} or after
 * {@code maxIterations} products, and write the solution into the given start vector.
 */
public final class Krylov {
    private Krylov() {
    }

    /**
     * The outcome of a solve.
     *
     * @param iterations         products with {@code A} made
     * @param residualNorm       {@code |b - A x|} at the returned {@code x} (for MINRES, its estimate
     *                           in the preconditioner's norm)
     * @param converged          true if the tolerance was met
     * @param negativeCurvature  true if CG met a direction with {@code p'Ap <= 0} and stopped before it
     */
    public record Solution(int iterations, double residualNorm, boolean converged, boolean negativeCurvature) {
    }

    /**
     * Preconditioned conjugate gradients from the start {@code x} (overwritten with the solution).
     * {@code preconditioner} may be null (none).
     *
     * @throws IllegalArgumentException if a vector does not fit the operator, or the tolerance or
     *                                  budget is invalid
     */
    public static Solution cg(Operator a, double[] b, double[] x, Operator preconditioner, double tolerance, int maxIterations) {
        check("Krylov.cg", a, b, x, preconditioner, tolerance, maxIterations);
        int n = b.length;
        double[] r = new double[n];
        double[] z = new double[n];
        double[] p = new double[n];
        double[] ap = new double[n];
        a.apply(x, ap);
        for (int i = 0; i < n; i++) {
            r[i] = b[i] - ap[i];
        }
        double bNorm = norm(b);
        double target = tolerance * bNorm;
        double rNorm = norm(r);
        if (rNorm <= target) {
            return new Solution(1, rNorm, true, false);
        }
        precondition(preconditioner, r, z);
        System.arraycopy(z, 0, p, 0, n);
        double rz = dot(r, z);
        int products = 1;
        for (int k = 0; k < maxIterations; k++) {
            a.apply(p, ap);
            products++;
            double curvature = dot(p, ap);
            if (!(curvature > 0)) {
                return new Solution(products, rNorm, false, true);
            }
            double alpha = rz / curvature;
            for (int i = 0; i < n; i++) {
                x[i] = Math.fma(alpha, p[i], x[i]);
                r[i] = Math.fma(-alpha, ap[i], r[i]);
            }
            rNorm = norm(r);
            if (rNorm <= target) {
                return new Solution(products, rNorm, true, false);
            }
            precondition(preconditioner, r, z);
            double rzNew = dot(r, z);
            double beta = rzNew / rz;
            rz = rzNew;
            for (int i = 0; i < n; i++) {
                p[i] = Math.fma(beta, p[i], z[i]);
            }
        }
        return new Solution(products, rNorm, false, false);
    }

    /**
     * Preconditioned MINRES from the start {@code x} (overwritten with the solution); the
     * preconditioner, if not null, must be positive definite.
     *
     * @throws IllegalArgumentException if a vector does not fit the operator, or the tolerance or
     *                                  budget is invalid
     */
    public static Solution minres(Operator a, double[] b, double[] x, Operator preconditioner, double tolerance, int maxIterations) {
        check("Krylov.minres", a, b, x, preconditioner, tolerance, maxIterations);
        int n = b.length;
        double[] r1 = new double[n];
        double[] r2 = new double[n];
        double[] y = new double[n];
        double[] v = new double[n];
        double[] w = new double[n];
        double[] w1 = new double[n];
        double[] w2 = new double[n];
        a.apply(x, y);
        for (int i = 0; i < n; i++) {
            r1[i] = b[i] - y[i];
        }
        precondition(preconditioner, r1, y);
        double beta1 = dot(r1, y);
        if (beta1 < 0) {
            throw new IllegalArgumentException("Krylov.minres: the preconditioner is not positive definite (r'Mr = " + beta1 + ")");
        }
        beta1 = Math.sqrt(beta1);
        if (beta1 == 0) {
            return new Solution(1, 0, true, false);
        }
        double bScale = Math.sqrt(Math.max(dotPreconditioned(preconditioner, b), 0));
        double target = tolerance * (bScale > 0 ? bScale : beta1);
        System.arraycopy(r1, 0, r2, 0, n);
        double oldBeta = 0;
        double beta = beta1;
        double dbar = 0;
        double epsilon = 0;
        double phibar = beta1;
        double cs = -1;
        double sn = 0;
        int products = 1;
        for (int k = 0; k < maxIterations; k++) {
            double s = 1 / beta;
            for (int i = 0; i < n; i++) {
                v[i] = s * y[i];
            }
            a.apply(v, y);
            products++;
            if (k > 0) {
                double c = beta / oldBeta;
                for (int i = 0; i < n; i++) {
                    y[i] = Math.fma(-c, r1[i], y[i]);
                }
            }
            double alpha = dot(v, y);
            double c = alpha / beta;
            for (int i = 0; i < n; i++) {
                y[i] = Math.fma(-c, r2[i], y[i]);
            }
            double[] t = r1;
            r1 = r2;
            r2 = t;
            System.arraycopy(y, 0, r2, 0, n);
            precondition(preconditioner, r2, y);
            oldBeta = beta;
            double bb = dot(r2, y);
            if (bb < 0) {
                throw new IllegalArgumentException("Krylov.minres: the preconditioner is not positive definite (r'Mr = " + bb + ")");
            }
            beta = Math.sqrt(bb);
            double oldEpsilon = epsilon;
            double delta = cs * dbar + sn * alpha;
            double gbar = sn * dbar - cs * alpha;
            epsilon = sn * beta;
            dbar = -cs * beta;
            double gamma = Math.max(Math.hypot(gbar, beta), Double.MIN_NORMAL);
            cs = gbar / gamma;
            sn = beta / gamma;
            double phi = cs * phibar;
            phibar = sn * phibar;
            double[] swap = w1;
            w1 = w2;
            w2 = w;
            w = swap;
            double inv = 1 / gamma;
            for (int i = 0; i < n; i++) {
                w[i] = (v[i] - oldEpsilon * w1[i] - delta * w2[i]) * inv;
                x[i] = Math.fma(phi, w[i], x[i]);
            }
            if (phibar <= target || beta == 0) {
                return new Solution(products, phibar, true, false);
            }
        }
        return new Solution(products, phibar, false, false);
    }

    private static double dotPreconditioned(Operator m, double[] b) {
        if (m == null) {
            return dot(b, b);
        }
        double[] mb = new double[b.length];
        m.apply(b, mb);
        return dot(b, mb);
    }

    private static void precondition(Operator m, double[] r, double[] z) {
        if (m == null) {
            System.arraycopy(r, 0, z, 0, r.length);
        } else {
            m.apply(r, z);
        }
    }

    private static void check(String op, Operator a, double[] b, double[] x, Operator m, double tolerance, int maxIterations) {
        if (a == null || b == null || x == null) {
            throw new IllegalArgumentException(op + ": needs an operator, a right-hand side and a start vector");
        }
        a.check(op, b, "the right-hand side");
        a.check(op, x, "the start vector");
        if (m != null && m.dimension() != a.dimension()) {
            throw new IllegalArgumentException(op + ": the preconditioner's dimension " + m.dimension() + " differs from the operator's "
                    + a.dimension());
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException(op + ": the tolerance must be >= 0, got " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException(op + ": maxIterations must be >= 1, got " + maxIterations);
        }
        for (int i = 0; i < b.length; i++) {
            if (!Double.isFinite(b[i]) || !Double.isFinite(x[i])) {
                throw new IllegalArgumentException(op + ": " + (Double.isFinite(b[i]) ? "the start vector" : "the right-hand side")
                        + " is not finite at element " + i);
            }
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s = Math.fma(a[i], b[i], s);
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
