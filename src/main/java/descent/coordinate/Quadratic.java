package descent.coordinate;

import descent.optim.Objective;

/**
 * A convex quadratic {@code f(x) = x^T Q x / 2 - b^T x} with symmetric {@code Q} whose diagonal
 * is positive, the problem on which coordinate descent minimizes exactly along each coordinate:
 * {@code x_i <- x_i - g_i / Q_ii} with {@code g = Q x - b}, keeping {@code g} up to date in
 * {@code O(n)} per update. {@link #leastSquares} forms {@code |A x - y|^2 / 2} as
 * {@code Q = A^T A}, {@code b = A^T y} (up to the constant {@code |y|^2 / 2}).
 */
public final class Quadratic {
    private final double[][] q;
    private final double[] b;
    private final double constant;

    private Quadratic(double[][] q, double[] b, double constant) {
        this.q = q;
        this.b = b;
        this.constant = constant;
    }

    /**
     * {@code x^T Q x / 2 - b^T x}.
     *
     * @throws IllegalArgumentException if {@code Q} is not square and symmetric with a positive diagonal, or {@code b} does not fit
     */
    public static Quadratic of(double[][] q, double[] b) {
        int n = b == null ? -1 : b.length;
        if (q == null || q.length != n || n == 0) {
            throw new IllegalArgumentException("Quadratic.of: Q must be n x n for b of n elements, got Q with "
                    + (q == null ? "null" : q.length + " rows") + " and b of " + n);
        }
        double[][] c = new double[n][];
        for (int i = 0; i < n; i++) {
            if (q[i] == null || q[i].length != n) {
                throw new IllegalArgumentException("Quadratic.of: row " + i + " of Q has " + (q[i] == null ? 0 : q[i].length)
                        + " elements, expected " + n);
            }
            c[i] = q[i].clone();
        }
        for (int i = 0; i < n; i++) {
            if (!(c[i][i] > 0) || !Double.isFinite(c[i][i])) {
                throw new IllegalArgumentException("Quadratic.of: the diagonal of Q must be positive and finite (exact coordinate "
                        + "minimization divides by it), Q[" + i + "][" + i + "] = " + c[i][i]);
            }
            for (int j = 0; j < i; j++) {
                if (Math.abs(c[i][j] - c[j][i]) > 1e-12 * (Math.abs(c[i][j]) + Math.abs(c[j][i]) + 1e-300)) {
                    throw new IllegalArgumentException("Quadratic.of: Q is not symmetric: Q[" + i + "][" + j + "] = " + c[i][j]
                            + ", Q[" + j + "][" + i + "] = " + c[j][i]);
                }
            }
        }
        return new Quadratic(c, b.clone(), 0);
    }

    /**
     * Least squares {@code |A x - y|^2 / 2} for an {@code m x n} matrix {@code A}, as the quadratic
     * with {@code Q = A^T A}, {@code b = A^T y} and the constant {@code |y|^2 / 2}.
     *
     * @throws IllegalArgumentException if shapes do not fit or a column of {@code A} is zero
     */
    public static Quadratic leastSquares(double[][] a, double[] y) {
        if (a == null || y == null || a.length != y.length || a.length == 0 || a[0] == null) {
            throw new IllegalArgumentException("Quadratic.leastSquares: A must have one row per element of y, got "
                    + (a == null ? "null" : a.length + " rows") + " and y of " + (y == null ? "null" : y.length));
        }
        int n = a[0].length;
        double[][] q = new double[n][n];
        double[] b = new double[n];
        double c = 0;
        for (int k = 0; k < a.length; k++) {
            if (a[k] == null || a[k].length != n) {
                throw new IllegalArgumentException("Quadratic.leastSquares: row " + k + " of A has " + (a[k] == null ? 0 : a[k].length)
                        + " elements, row 0 has " + n);
            }
            for (int i = 0; i < n; i++) {
                b[i] += a[k][i] * y[k];
                for (int j = 0; j < n; j++) {
                    q[i][j] += a[k][i] * a[k][j];
                }
            }
            c += 0.5 * y[k] * y[k];
        }
        for (int i = 0; i < n; i++) {
            if (!(q[i][i] > 0)) {
                throw new IllegalArgumentException("Quadratic.leastSquares: column " + i + " of A is zero, so f does not depend on x_" + i);
            }
        }
        return new Quadratic(q, b, c);
    }

    /** Number of variables. */
    public int dimension() {
        return b.length;
    }

    /** {@code Q_ii}, the curvature along coordinate {@code i} (its coordinate-wise Lipschitz constant). */
    public double curvature(int i) {
        return q[i][i];
    }

    /** The quadratic (plus its constant) as an objective: value and gradient {@code Q x - b}. */
    public Objective objective() {
        return (x, g) -> {
            int n = b.length;
            double f = constant;
            for (int i = 0; i < n; i++) {
                double qx = 0;
                for (int j = 0; j < n; j++) {
                    qx += q[i][j] * x[j];
                }
                g[i] = qx - b[i];
                f += x[i] * (0.5 * qx - b[i]);
            }
            return f;
        };
    }

    /** {@code g += delta Q[:, i]}: the gradient after {@code x_i} moved by {@code delta}. */
    void shift(double[] g, int i, double delta) {
        double[] row = q[i];
        for (int j = 0; j < row.length; j++) {
            g[j] += delta * row[j];
        }
    }
}
