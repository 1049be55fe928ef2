package descent.curvature;

/**
 * The cubic-regularized model of a function at a point,
 * <pre>
 * m(h) = g'h + 1/2 h'Ah + (M/6) |h|^3,
 * </pre>
 * and its global minimizer, the step of cubic-regularized Newton methods (Nesterov and Polyak
 * 2006; Cartis, Gould and Toint 2011). {@code h} is a global minimizer exactly when
 * <pre>
 * (A + lambda I) h = -g,   A + lambda I positive semidefinite,   lambda = (M/2) |h|,
 * </pre>
 * so in an eigenbasis of {@code A} (eigenvalues {@code mu_i}, coordinates {@code c_i} of
 * {@code g}) the multiplier is the root of the secular equation
 * {@code sqrt(sum_i c_i^2 / (mu_i + lambda)^2) = 2 lambda / M} on
 * {@code lambda > max(0, -mu_min)}, found here by bisection to rounding. In the hard case
 * ({@code g} orthogonal to the eigenvectors of {@code mu_min < 0} and the step the others give
 * shorter than {@code -2 mu_min / M}) the multiplier is {@code -mu_min} and the step is completed
 * along an eigenvector of {@code mu_min}: the model then escapes a saddle point that the
 * gradient does not see.
 *
 * <p>Two forms:
 * <ul>
 * <li>{@link #dense}: {@code A} given by its eigendecomposition (for example
 * {@link Eigen#symmetric} of a Hessian formed once and reused): the exact minimizer, hard case
 * included;</li>
 * <li>{@link #krylov}: {@code A} given by its products; the model is minimized over the Krylov
 * space {@code span(g, Ag, A^2 g, ...)} built by Lanczos with full reorthogonalization, grown
 * until the model's gradient in the whole space, {@code |g + Ah + (M/2)|h| h|}, is at most
 * {@code tolerance |g|} (it equals {@code beta_k |e_k'y|} for the reduced solution {@code y}).
 * The Krylov space of {@code g} misses eigenvectors orthogonal to it, so this form does not
 * handle the hard case.</li>
 * </ul>
 * One model may be minimized for several {@code M} (a regularization search); the Krylov form
 * keeps its basis and grows it only when a new {@code M} needs more.
 */
public final class CubicModel {
    /**
     * A minimizer of the model.
     *
     * @param step        the step {@code h}
     * @param multiplier  {@code lambda = (M/2)|h|}
     * @param value       the model's value {@code m(h)} ({@code <= 0}, the decrease it predicts is {@code -value})
     * @param residual    {@code |g + Ah + lambda h|}: 0 for the dense form, the Lanczos estimate for the Krylov form
     * @param hardCase    true if the step was completed along an eigenvector of the smallest eigenvalue
     * @param dimension   the dimension of the space the model was minimized over
     */
    public record Solution(double[] step, double multiplier, double value, double residual, boolean hardCase, int dimension) {
    }

    private final double[] g;
    private final double gNorm;
    private final Eigen.Pairs pairs;
    private final double[] coordinates;
    private final Tridiagonal lanczos;
    private final double tolerance;

    private CubicModel(double[] g, Eigen.Pairs pairs, Tridiagonal lanczos, double tolerance) {
        this.g = g.clone();
        this.gNorm = Krylov.norm(g);
        this.pairs = pairs;
        this.lanczos = lanczos;
        this.tolerance = tolerance;
        if (pairs != null) {
            coordinates = new double[pairs.values().length];
            for (int k = 0; k < coordinates.length; k++) {
                coordinates[k] = Krylov.dot(pairs.vectors()[k], g);
            }
        } else {
            coordinates = null;
        }
    }

    /**
     * The model with {@code A} given by its eigenpairs (all of them, as {@link Eigen#symmetric}
     * returns) and the gradient {@code g} (copied).
     *
     * @throws IllegalArgumentException if the sizes disagree or {@code g} is not finite
     */
    public static CubicModel dense(Eigen.Pairs a, double[] g) {
        if (a == null || g == null) {
            throw new IllegalArgumentException("CubicModel.dense: needs the eigenpairs and the gradient");
        }
        int n = g.length;
        if (a.values().length != n || a.vectors().length != n) {
            throw new IllegalArgumentException("CubicModel.dense: needs all " + n + " eigenpairs of the matrix, got "
                    + a.values().length);
        }
        checkFinite("CubicModel.dense", g);
        return new CubicModel(g, a, null, 0);
    }

    /**
     * The model with {@code A} given by its products, minimized over Krylov spaces of at most
     * {@code maxSteps} products until the model's gradient is at most {@code tolerance |g|}.
     *
     * @throws IllegalArgumentException if {@code g} does not fit the operator or is not finite,
     *                                  or the tolerance or budget is invalid
     */
    public static CubicModel krylov(Operator a, double[] g, double tolerance, int maxSteps) {
        if (a == null || g == null) {
            throw new IllegalArgumentException("CubicModel.krylov: needs the operator and the gradient");
        }
        a.check("CubicModel.krylov", g, "the gradient");
        checkFinite("CubicModel.krylov", g);
        if (!(tolerance >= 0) || maxSteps < 1) {
            throw new IllegalArgumentException("CubicModel.krylov: needs tolerance >= 0 and maxSteps >= 1, got " + tolerance + ", "
                    + maxSteps);
        }
        boolean zero = Krylov.norm(g) == 0;
        Tridiagonal t = zero ? null : Tridiagonal.start(a, g, Math.min(maxSteps, g.length), true);
        return new CubicModel(g, null, t, tolerance);
    }

    /** Products with {@code A} made so far (0 for the dense form). */
    public int products() {
        return lanczos == null ? 0 : lanczos.size();
    }

    /**
     * The global minimizer of the model with regularization {@code m} (over the Krylov space for
     * the Krylov form).
     *
     * @throws IllegalArgumentException unless {@code m > 0}
     */
    public Solution minimize(double m) {
        if (!(m > 0) || Double.isInfinite(m)) {
            throw new IllegalArgumentException("CubicModel.minimize: the regularization M must be positive and finite, got " + m);
        }
        int n = g.length;
        if (pairs != null) {
            Reduced r = secular(pairs.values(), coordinates, m);
            double[] h = new double[n];
            double[][] v = pairs.vectors();
            for (int k = 0; k < n; k++) {
                double yk = r.y[k];
                if (yk != 0) {
                    for (int i = 0; i < n; i++) {
                        h[i] = Math.fma(yk, v[k][i], h[i]);
                    }
                }
            }
            return new Solution(h, r.lambda, r.value, 0, r.hard, n);
        }
        if (lanczos == null) {
            return new Solution(new double[n], 0, 0, 0, false, 0);
        }
        if (lanczos.size() == 0) {
            lanczos.extend();
        }
        while (true) {
            Solution s = reduced(m);
            if (s.residual() <= tolerance * gNorm || lanczos.finished()) {
                return s;
            }
            int target = lanczos.size() + Math.max(1, lanczos.size() / 4);
            while (lanczos.size() < target && !lanczos.finished()) {
                lanczos.extend();
            }
        }
    }

    /** The minimizer over the current Krylov space. */
    private Solution reduced(double m) {
        int k = lanczos.size();
        Eigen.Pairs e = Eigen.symmetric(lanczos.matrix());
        double[] c = new double[k];
        for (int j = 0; j < k; j++) {
            c[j] = gNorm * e.vectors()[j][0];
        }
        Reduced r = secular(e.values(), c, m);
        double[] z = new double[k];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < k; i++) {
                z[i] = Math.fma(r.y[j], e.vectors()[j][i], z[i]);
            }
        }
        int n = g.length;
        double[] h = new double[n];
        for (int j = 0; j < k; j++) {
            double[] q = lanczos.basis[j];
            for (int i = 0; i < n; i++) {
                h[i] = Math.fma(z[j], q[i], h[i]);
            }
        }
        return new Solution(h, r.lambda, r.value, lanczos.residual() * Math.abs(z[k - 1]), r.hard, k);
    }

    private record Reduced(double[] y, double lambda, double value, boolean hard) {
    }

    /** The minimizer in an eigenbasis: eigenvalues {@code mu}, gradient coordinates {@code c}. */
    static Reduced secular(double[] mu, double[] c, double m) {
        int k = mu.length;
        double muMin = Double.POSITIVE_INFINITY;
        double scale = 0;
        double c2 = 0;
        for (int i = 0; i < k; i++) {
            muMin = Math.min(muMin, mu[i]);
            scale = Math.max(scale, Math.abs(mu[i]));
            c2 += c[i] * c[i];
        }
        double cNorm = Math.sqrt(c2);
        double lo = Math.max(0, -muMin);
        double[] y = new double[k];
        if (cNorm == 0 && lo == 0) {
            return new Reduced(y, 0, 0, false);
        }
        if (lo > 0) {
            double tiny = 1e-12 * scale;
            int first = -1;
            boolean orthogonal = true;
            double outer = 0;
            for (int i = 0; i < k; i++) {
                if (mu[i] - muMin <= tiny) {
                    if (first < 0) {
                        first = i;
                    }
                    orthogonal &= Math.abs(c[i]) <= 1e-12 * cNorm;
                } else {
                    double d = c[i] / (mu[i] + lo);
                    outer += d * d;
                }
            }
            double radius = 2 * lo / m;
            if (orthogonal && outer <= radius * radius) {
                for (int i = 0; i < k; i++) {
                    y[i] = mu[i] - muMin <= tiny ? 0 : -c[i] / (mu[i] + lo);
                }
                y[first] = Math.sqrt(radius * radius - outer);
                return new Reduced(y, lo, value(mu, c, y, m), true);
            }
        }
        double a = lo;
        double b = lo + Math.sqrt(0.5 * m * cNorm);
        for (int it = 0; it < 200; it++) {
            double mid = 0.5 * (a + b);
            if (mid <= a || mid >= b) {
                break;
            }
            double s = 0;
            for (int i = 0; i < k; i++) {
                double d = c[i] / (mu[i] + mid);
                s += d * d;
            }
            if (Math.sqrt(s) > 2 * mid / m) {
                a = mid;
            } else {
                b = mid;
            }
        }
        for (int i = 0; i < k; i++) {
            y[i] = -c[i] / (mu[i] + b);
        }
        return new Reduced(y, b, value(mu, c, y, m), false);
    }

    private static double value(double[] mu, double[] c, double[] y, double m) {
        double lin = 0;
        double quad = 0;
        double yy = 0;
        for (int i = 0; i < y.length; i++) {
            lin += c[i] * y[i];
            quad += mu[i] * y[i] * y[i];
            yy += y[i] * y[i];
        }
        double r = Math.sqrt(yy);
        return lin + 0.5 * quad + m / 6 * r * r * r;
    }

    private static void checkFinite(String op, double[] g) {
        for (int i = 0; i < g.length; i++) {
            if (!Double.isFinite(g[i])) {
                throw new IllegalArgumentException(op + ": the gradient is not finite at element " + i + " (" + g[i] + ")");
            }
        }
    }
}
