package descent.constrained;

/**
 * The Stiefel manifold {@code St(n, k) = {X in R^(n x k) : X'X = I}} of matrices with
 * orthonormal columns, for parameters laid out as one row-major {@code n x k} matrix. It is not
 * convex: instead of a projection step, {@link ConstrainedMethods#stiefelGradient} moves along the
 * Riemannian gradient (the Euclidean one projected onto the tangent space, {@link #tangent}) and
 * maps back onto the manifold with the QR retraction ({@link #retract}). {@link #project} gives the
 * nearest point (the polar factor), used for starts off the manifold.
 *
 * <pre>{@code
 * Stiefel st = Stiefel.of(20, 4);
 * Result r = Minimize.with(ConstrainedMethods.stiefelGradient(st, 1e-10)).steps(5000).run(brockett, x0);
 * }</pre>
 */
public final class Stiefel {
    private final int n;
    private final int k;

    private Stiefel(int n, int k) {
        this.n = n;
        this.k = k;
    }

    /** {@code St(n, k)}, {@code 1 <= k <= n}. */
    public static Stiefel of(int n, int k) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("Stiefel.of: needs 1 <= k <= n, got n = " + n + ", k = " + k);
        }
        return new Stiefel(n, k);
    }

    /** The number of rows. */
    public int rows() {
        return n;
    }

    /** The number of orthonormal columns. */
    public int columns() {
        return k;
    }

    /** The name for messages, for example {@code "stiefel(20, 4)"}. */
    public String name() {
        return "stiefel(" + n + ", " + k + ")";
    }

    private void check(String op, double[]... arrays) {
        for (double[] a : arrays) {
            if (a.length != n * k) {
                throw new IllegalArgumentException(name() + "." + op + ": a vector of " + a.length + " elements for " + n + " x " + k
                        + " = " + n * k);
            }
        }
    }

    /** {@code X'Y} (k x k, row-major) for row-major n x k matrices. */
    private double[] gram(double[] x, double[] y) {
        double[] c = new double[k * k];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < k; i++) {
                double xi = x[r * k + i];
                for (int j = 0; j < k; j++) {
                    c[i * k + j] += xi * y[r * k + j];
                }
            }
        }
        return c;
    }

    /** True if {@code max |X'X - I| <= tolerance}. */
    public boolean contains(double[] x, double tolerance) {
        check("contains", x);
        double[] c = gram(x, x);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (Math.abs(c[i * k + j] - (i == j ? 1 : 0)) > tolerance) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Replaces {@code X} by the nearest matrix with orthonormal columns in the Frobenius norm, the
     * polar factor {@code X (X'X)^(-1/2)}.
     *
     * @throws IllegalArgumentException if {@code X} does not have full column rank (no unique nearest point)
     */
    public void project(double[] x) {
        check("project", x);
        SymmetricEigen e = new SymmetricEigen(gram(x, x), 0, k);
        double max = 0;
        for (double w : e.values) {
            max = Math.max(max, w);
        }
        double[] inv = new double[k * k];
        for (int m = 0; m < k; m++) {
            double w = e.values[m];
            if (!(w > 1e-24 * max) || !Double.isFinite(w)) {
                throw new IllegalArgumentException(name() + ".project: the matrix does not have full column rank (X'X has eigenvalue "
                        + w + "), so it has no unique nearest point with orthonormal columns");
            }
            double s = 1 / Math.sqrt(w);
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    inv[i * k + j] += e.vectors[i * k + m] * s * e.vectors[j * k + m];
                }
            }
        }
        double[] row = new double[k];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int i = 0; i < k; i++) {
                    s += x[r * k + i] * inv[i * k + j];
                }
                row[j] = s;
            }
            System.arraycopy(row, 0, x, r * k, k);
        }
    }

    /**
     * Writes the projection of {@code g} onto the tangent space at {@code X},
     * {@code g - X sym(X'g)} with {@code sym(M) = (M + M') / 2}: for the Euclidean gradient of a
     * function, its Riemannian gradient under the embedded metric.
     */
    public void tangent(double[] x, double[] g, double[] out) {
        check("tangent", x, g, out);
        double[] c = gram(x, g);
        double[] s = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                s[i * k + j] = 0.5 * (c[i * k + j] + c[j * k + i]);
            }
        }
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < k; j++) {
                double v = g[r * k + j];
                for (int i = 0; i < k; i++) {
                    v -= x[r * k + i] * s[i * k + j];
                }
                out[r * k + j] = v;
            }
        }
    }

    /**
     * Writes the QR retraction {@code qf(X + t V)} into {@code out}: the Q factor, with a positive
     * diagonal of R, of the thin QR decomposition, by modified Gram–Schmidt with one
     * reorthogonalization pass (so {@code out'out = I} to rounding).
     *
     * @throws IllegalStateException if {@code X + t V} is rank-deficient
     */
    public void retract(double[] x, double[] v, double t, double[] out) {
        check("retract", x, v, out);
        for (int i = 0; i < n * k; i++) {
            out[i] = x[i] + t * v[i];
        }
        for (int j = 0; j < k; j++) {
            double norm0 = Math.sqrt(columnDot(out, j, j));
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < j; i++) {
                    double d = columnDot(out, i, j);
                    for (int r = 0; r < n; r++) {
                        out[r * k + j] -= d * out[r * k + i];
                    }
                }
            }
            double norm = Math.sqrt(columnDot(out, j, j));
            if (!(norm > 1e-14 * norm0) || !Double.isFinite(norm)) {
                throw new IllegalStateException(name() + ".retract: X + tV is rank-deficient at column " + j + " (t = " + t + ")");
            }
            for (int r = 0; r < n; r++) {
                out[r * k + j] /= norm;
            }
        }
    }

    private double columnDot(double[] a, int i, int j) {
        double s = 0;
        for (int r = 0; r < n; r++) {
            s += a[r * k + i] * a[r * k + j];
        }
        return s;
    }
}
