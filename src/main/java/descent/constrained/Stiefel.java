package descent.constrained;

/**
 * The Stiefel manifold {@code St(n, k) = {X in R^(n x k) : X'X = I}} of matrices with
 * orthonormal columns, for parameters laid out as one row-major {@code n x k} matrix. It is not
 * convex: instead of a projection step, {@link ConstrainedMethods#stiefelGradient} moves along the
 * Riemannian gradient (the Euclidean one projected onto the tangent space, {@link #tangent}) and
 * maps back onto the manifold with its {@link Retraction} ({@link #retract}): the QR retraction or
 * the Cayley transform. {@link #project} gives the nearest point (the polar factor), used for
 * starts off the manifold.
 *
 * <pre>{@code
 * Stiefel st = Stiefel.of(20, 4, Stiefel.Retraction.CAYLEY);
 * Result r = Minimize.with(ConstrainedMethods.stiefelGradient(st, 1e-10)).steps(5000).run(brockett, x0);
 * }</pre>
 */
public final class Stiefel {
    /** How a point {@code X} and a tangent vector {@code V} are mapped back onto the manifold. */
    public enum Retraction {
        /** {@code qf(X + t V)}, the Q factor of the thin QR decomposition. */
        QR,
        /**
         * The Cayley transform {@code (I - t W / 2)^(-1) (I + t W / 2) X} with the skew-symmetric
         * {@code W = P V X' - X V' P}, {@code P = I - X X' / 2} (Wen and Yin, 2013; Li, Fuxin and
         * Todorovic, 2020), applied through the Sherman–Morrison–Woodbury identity in
         * {@code O(n k^2 + k^3)}.
         */
        CAYLEY
    }

    private final int n;
    private final int k;
    private final Retraction retraction;

    private Stiefel(int n, int k, Retraction retraction) {
        this.n = n;
        this.k = k;
        this.retraction = retraction;
    }

    /** {@code St(n, k)}, {@code 1 <= k <= n}, with the QR retraction. */
    public static Stiefel of(int n, int k) {
        return of(n, k, Retraction.QR);
    }

    /** {@code St(n, k)}, {@code 1 <= k <= n}, with the given retraction. */
    public static Stiefel of(int n, int k, Retraction retraction) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("Stiefel.of: needs 1 <= k <= n, got n = " + n + ", k = " + k);
        }
        if (retraction == null) {
            throw new IllegalArgumentException("Stiefel.of: the retraction is null");
        }
        return new Stiefel(n, k, retraction);
    }

    /** The retraction {@link #retract} applies. */
    public Retraction retraction() {
        return retraction;
    }

    /** The number of rows. */
    public int rows() {
        return n;
    }

    /** The number of orthonormal columns. */
    public int columns() {
        return k;
    }

    /** The name for messages, for example {@code "stiefel(20, 4)"} (QR) or {@code "stiefel(20, 4, cayley)"}. */
    public String name() {
        return "stiefel(" + n + ", " + k + (retraction == Retraction.CAYLEY ? ", cayley" : "") + ")";
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
     * Writes the retraction of {@code X} along {@code t V} into {@code out}, for a tangent vector
     * {@code V} at {@code X}: a point of the manifold that agrees with {@code X + t V} to first
     * order in {@code t}. With {@link Retraction#QR}, {@code qf(X + t V)}; with
     * {@link Retraction#CAYLEY}, the Cayley transform, which keeps {@code out'out = X'X} exactly
     * in exact arithmetic for every {@code t}.
     *
     * @throws IllegalStateException if {@code X + t V} is rank-deficient (QR)
     */
    public void retract(double[] x, double[] v, double t, double[] out) {
        check("retract", x, v, out);
        if (retraction == Retraction.CAYLEY) {
            cayley(x, v, t, out);
        } else {
            qr(x, v, t, out);
        }
    }

    /**
     * {@code qf(X + t V)}: the Q factor, with a positive diagonal of R, of the thin QR
     * decomposition, by modified Gram–Schmidt with one reorthogonalization pass (so
     * {@code out'out = I} to rounding).
     */
    private void qr(double[] x, double[] v, double t, double[] out) {
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

    /**
     * The Cayley transform {@code Y = (I - s W)^(-1) (I + s W) X}, {@code s = t / 2}, with
     * {@code W = U V'}, {@code U = [P V, X]}, {@code V = [X, -P V]} ({@code n x 2k}): since
     * {@code (I - s W)^(-1) (I + s W) = 2 (I - s W)^(-1) - I}, the Sherman–Morrison–Woodbury
     * identity gives {@code Y = X + t U (I - s V'U)^(-1) V'X}, a {@code 2k x 2k} solve. The small
     * system is never singular: its determinant is that of {@code I - s W}, whose eigenvalues are
     * {@code 1 - s i w} for the real {@code w} of a skew-symmetric matrix.
     */
    private void cayley(double[] x, double[] v, double t, double[] out) {
        double[] c = gram(x, v);
        double[] pv = new double[n * k];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < k; j++) {
                double s = v[r * k + j];
                for (int i = 0; i < k; i++) {
                    s -= 0.5 * x[r * k + i] * c[i * k + j];
                }
                pv[r * k + j] = s;
            }
        }
        double[] xx = gram(x, x);
        double[] xp = gram(x, pv);
        double[] pp = gram(pv, pv);
        int m = 2 * k;
        double h = 0.5 * t;
        // M = I - h V'U with V'U = [[X'PV, X'X], [-(PV)'PV, -(PV)'X]]; rhs = V'X = [[X'X], [-(PV)'X]].
        double[] a = new double[m * m];
        double[] z = new double[m * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                a[i * m + j] = -h * xp[i * k + j];
                a[i * m + k + j] = -h * xx[i * k + j];
                a[(k + i) * m + j] = h * pp[i * k + j];
                a[(k + i) * m + k + j] = h * xp[j * k + i];
                z[i * k + j] = xx[i * k + j];
                z[(k + i) * k + j] = -xp[j * k + i];
            }
        }
        for (int i = 0; i < m; i++) {
            a[i * m + i] += 1;
        }
        solve(a, z, m, k);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int i = 0; i < k; i++) {
                    s += pv[r * k + i] * z[i * k + j] + x[r * k + i] * z[(k + i) * k + j];
                }
                out[r * k + j] = x[r * k + j] + t * s;
            }
        }
        for (double y : out) {
            if (!Double.isFinite(y)) {
                throw new IllegalStateException(name() + ".retract: the Cayley transform is not finite (t = " + t + ")");
            }
        }
    }

    /** Overwrites the {@code m x q} right-hand sides {@code z} with {@code A^(-1) z}, by Gaussian elimination with partial pivoting. */
    private static void solve(double[] a, double[] z, int m, int q) {
        for (int col = 0; col < m; col++) {
            int pivot = col;
            for (int i = col + 1; i < m; i++) {
                if (Math.abs(a[i * m + col]) > Math.abs(a[pivot * m + col])) {
                    pivot = i;
                }
            }
            if (pivot != col) {
                for (int j = 0; j < m; j++) {
                    double s = a[col * m + j];
                    a[col * m + j] = a[pivot * m + j];
                    a[pivot * m + j] = s;
                }
                for (int j = 0; j < q; j++) {
                    double s = z[col * q + j];
                    z[col * q + j] = z[pivot * q + j];
                    z[pivot * q + j] = s;
                }
            }
            double d = a[col * m + col];
            for (int i = col + 1; i < m; i++) {
                double f = a[i * m + col] / d;
                if (f != 0) {
                    for (int j = col; j < m; j++) {
                        a[i * m + j] -= f * a[col * m + j];
                    }
                    for (int j = 0; j < q; j++) {
                        z[i * q + j] -= f * z[col * q + j];
                    }
                }
            }
        }
        for (int i = m - 1; i >= 0; i--) {
            for (int j = 0; j < q; j++) {
                double s = z[i * q + j];
                for (int l = i + 1; l < m; l++) {
                    s -= a[i * m + l] * z[l * q + j];
                }
                z[i * q + j] = s / a[i * m + i];
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
