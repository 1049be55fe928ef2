package descent.coordinate;

import descent.optim.Objective;

/**
 * The least-squares loss {@code f(x) = |A x - y|^2 / (2 m)} of an {@code m x p} design matrix
 * {@code A} (row-major, observations by features) and a response {@code y} of {@code m}
 * elements: the smooth part of the lasso and the elastic net that
 * {@link CoordinateMethods#lasso} and {@link CoordinateMethods#elasticNet} minimize, with the
 * same scaling as scikit-learn's {@code Lasso} and {@code ElasticNet}. The data are kept, not
 * copied.
 *
 * <pre>{@code
 * Regression data = Regression.of(a, 200, 500, y);
 * Result r = Minimize.with(CoordinateMethods.lasso(data, 0.1, 1e-4)).steps(1000).run(data.objective(), new double[500]);
 * }</pre>
 */
public final class Regression {
    private final double[] a;
    private final int m;
    private final int p;
    private final double[] y;

    private Regression(double[] a, int m, int p, double[] y) {
        this.a = a;
        this.m = m;
        this.p = p;
        this.y = y;
    }

    /**
     * The loss of the row-major {@code m x p} matrix {@code a} and the response {@code y}.
     *
     * @throws IllegalArgumentException if the shapes do not fit or an element is not finite
     */
    public static Regression of(double[] a, int m, int p, double[] y) {
        if (a == null || y == null || m < 1 || p < 1 || a.length != (long) m * p || y.length != m) {
            throw new IllegalArgumentException("Regression.of: needs an m x p matrix of m * p elements and a response of m elements, got m = "
                    + m + ", p = " + p + ", a matrix of " + (a == null ? "null" : a.length + " elements") + " and a response of "
                    + (y == null ? "null" : y.length + " elements"));
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException("Regression.of: A[" + i / p + "][" + i % p + "] is " + a[i]);
            }
        }
        for (int i = 0; i < m; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("Regression.of: y[" + i + "] is " + y[i]);
            }
        }
        return new Regression(a, m, p, y);
    }

    /** The loss of the matrix given by its rows (copied into one row-major array) and the response {@code y}. */
    public static Regression of(double[][] rows, double[] y) {
        if (rows == null || rows.length == 0 || rows[0] == null) {
            throw new IllegalArgumentException("Regression.of: needs at least one row");
        }
        int p = rows[0].length;
        double[] a = new double[rows.length * p];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != p) {
                throw new IllegalArgumentException("Regression.of: row " + i + " has " + (rows[i] == null ? 0 : rows[i].length)
                        + " elements, row 0 has " + p);
            }
            System.arraycopy(rows[i], 0, a, i * p, p);
        }
        return of(a, rows.length, p, y);
    }

    /** The number of observations {@code m}. */
    public int rows() {
        return m;
    }

    /** The number of features {@code p}, the dimension of {@code x}. */
    public int columns() {
        return p;
    }

    /** The loss as an objective: {@code |A x - y|^2 / (2 m)} and its gradient {@code A'(A x - y) / m}. */
    public Objective objective() {
        return (x, g) -> {
            if (x.length != p || g.length != p) {
                throw new IllegalArgumentException("Regression.objective: x has " + x.length + " elements, the matrix " + p + " columns");
            }
            java.util.Arrays.fill(g, 0);
            double v = 0;
            for (int i = 0; i < m; i++) {
                int row = i * p;
                double r = -y[i];
                for (int j = 0; j < p; j++) {
                    r += a[row + j] * x[j];
                }
                v += r * r;
                double s = r / m;
                for (int j = 0; j < p; j++) {
                    g[j] += s * a[row + j];
                }
            }
            return v / (2 * m);
        };
    }

    /** {@code A'y / m} into {@code b} and the squared column norms {@code |a_j|^2 / m} into {@code curvature}; returns {@code |y|^2}. */
    double moments(double[] b, double[] curvature) {
        double yy = 0;
        for (int i = 0; i < m; i++) {
            int row = i * p;
            double yi = y[i] / m;
            for (int j = 0; j < p; j++) {
                double v = a[row + j];
                b[j] += yi * v;
                curvature[j] += v * v;
            }
            yy += y[i] * y[i];
        }
        for (int j = 0; j < p; j++) {
            curvature[j] /= m;
        }
        return yy;
    }

    /** The column {@code k} of the Gram matrix, {@code A'a_k / m}, into {@code out} (zeroed first). */
    void gramColumn(int k, double[] out) {
        java.util.Arrays.fill(out, 0);
        for (int i = 0; i < m; i++) {
            int row = i * p;
            double s = a[row + k] / m;
            if (s != 0) {
                for (int j = 0; j < p; j++) {
                    out[j] += s * a[row + j];
                }
            }
        }
    }
}
