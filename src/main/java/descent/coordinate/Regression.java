package descent.coordinate;

import descent.optim.Objective;

/**
 * The least-squares loss {@code f(x) = |A x - y|^2 / (2 m)} of an {@code m x p} design matrix
 * {@code A} (row-major, observations by features) and a response {@code y} of {@code m}
 * elements: the smooth part of the lasso and the elastic net that
 * {@link CoordinateMethods#lasso} and {@link CoordinateMethods#elasticNet} (and FISTA with screening,
 * {@code ConstrainedMethods.fista(Regression, Penalty, double)}) minimize, with the
 * same scaling as scikit-learn's {@code Lasso} and {@code ElasticNet}. The matrix is copied into
 * columns; the response is kept, not copied.
 *
 * <pre>{@code
 * Regression data = Regression.of(a, 200, 500, y);
 * Result r = Minimize.with(CoordinateMethods.lasso(data, 0.1, 1e-4)).steps(1000).run(data.objective(), new double[500]);
 * }</pre>
 */
public final class Regression {
    /** Column-major: column {@code j} is {@code columns[j * m, (j + 1) * m)}. */
    private final double[] columns;
    private final int m;
    private final int p;
    private final double[] y;

    private Regression(double[] columns, int m, int p, double[] y) {
        this.columns = columns;
        this.m = m;
        this.p = p;
        this.y = y;
    }

    /**
     * The loss of the row-major {@code m x p} matrix {@code a} and the response {@code y} (the
     * matrix is copied into columns, the layout coordinate descent reads).
     *
     * @throws IllegalArgumentException if the shapes do not fit or an element is not finite
     */
    public static Regression of(double[] a, int m, int p, double[] y) {
        if (a == null || y == null || m < 1 || p < 1 || a.length != (long) m * p || y.length != m) {
            throw new IllegalArgumentException("Regression.of: needs an m x p matrix of m * p elements and a response of m elements, got m = "
                    + m + ", p = " + p + ", a matrix of " + (a == null ? "null" : a.length + " elements") + " and a response of "
                    + (y == null ? "null" : y.length + " elements"));
        }
        for (int k = 0; k < a.length; k++) {
            if (!Double.isFinite(a[k])) {
                throw new IllegalArgumentException("Regression.of: A[" + k / p + "][" + k % p + "] is " + a[k]);
            }
        }
        double[] columns = new double[m * p];
        // In blocks of 16 rows, so the rows' cache lines are reused across neighbouring columns.
        for (int i0 = 0; i0 < m; i0 += 16) {
            int i1 = Math.min(m, i0 + 16);
            for (int j = 0; j < p; j++) {
                int col = j * m;
                for (int i = i0; i < i1; i++) {
                    columns[col + i] = a[i * p + j];
                }
            }
        }
        checkResponse(y);
        return new Regression(columns, m, p, y);
    }

    /**
     * The loss of the column-major {@code m x p} matrix {@code columns} (column {@code j} at
     * {@code [j m, (j + 1) m)}, the layout of a Fortran-ordered array) and the response
     * {@code y}, both kept, not copied.
     *
     * @throws IllegalArgumentException if the shapes do not fit or an element is not finite
     */
    public static Regression ofColumns(double[] columns, int m, int p, double[] y) {
        if (columns == null || y == null || m < 1 || p < 1 || columns.length != (long) m * p || y.length != m) {
            throw new IllegalArgumentException("Regression.ofColumns: needs an m x p matrix of m * p elements and a response of m "
                    + "elements, got m = " + m + ", p = " + p + ", a matrix of " + (columns == null ? "null" : columns.length + " elements")
                    + " and a response of " + (y == null ? "null" : y.length + " elements"));
        }
        for (int k = 0; k < columns.length; k++) {
            if (!Double.isFinite(columns[k])) {
                throw new IllegalArgumentException("Regression.ofColumns: A[" + k % m + "][" + k / m + "] is " + columns[k]);
            }
        }
        checkResponse(y);
        return new Regression(columns, m, p, y);
    }

    private static void checkResponse(double[] y) {
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("Regression.of: y[" + i + "] is " + y[i]);
            }
        }
    }

    /** The loss of the matrix given by its rows and the response {@code y}. */
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
            double[] r = residual(x);
            for (int j = 0; j < p; j++) {
                g[j] = -dot(j, r) / m;
            }
            return dot(r, r) / (2 * m);
        };
    }

    /** The residual {@code y - A x} (a new array of {@code m} elements). */
    public double[] residual(double[] x) {
        double[] r = y.clone();
        for (int j = 0; j < p; j++) {
            if (x[j] != 0) {
                axpy(j, -x[j], r);
            }
        }
        return r;
    }

    /** The response (not copied). */
    double[] response() {
        return y;
    }

    /** {@code a_j' v} for the column {@code a_j} and a vector {@code v} of {@code m} elements. */
    public double dot(int j, double[] v) {
        return dot(columns, j * m, v, 0, m);
    }

    /** {@code |a_j|^2}, the squared norm of column {@code j}. */
    public double squaredNorm(int j) {
        return dot(columns, j * m, columns, j * m, m);
    }

    /** {@code v += s a_j} for the column {@code a_j} and a vector {@code v} of {@code m} elements. */
    public void axpy(int j, double s, double[] v) {
        int off = j * m;
        for (int i = 0; i < m; i++) {
            v[i] = Math.fma(s, columns[off + i], v[i]);
        }
    }

    /** {@code v'w}. */
    static double dot(double[] v, double[] w) {
        return dot(v, 0, w, 0, v.length);
    }

    /**
     * {@code a[ao, ao + n) . b[bo, bo + n)} with eight partial sums, so that the fused
     * multiply-adds do not wait on each other's latency.
     */
    private static double dot(double[] a, int ao, double[] b, int bo, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int i = 0;
        for (; i + 7 < n; i += 8) {
            s0 = Math.fma(a[ao + i], b[bo + i], s0);
            s1 = Math.fma(a[ao + i + 1], b[bo + i + 1], s1);
            s2 = Math.fma(a[ao + i + 2], b[bo + i + 2], s2);
            s3 = Math.fma(a[ao + i + 3], b[bo + i + 3], s3);
            s4 = Math.fma(a[ao + i + 4], b[bo + i + 4], s4);
            s5 = Math.fma(a[ao + i + 5], b[bo + i + 5], s5);
            s6 = Math.fma(a[ao + i + 6], b[bo + i + 6], s6);
            s7 = Math.fma(a[ao + i + 7], b[bo + i + 7], s7);
        }
        for (; i < n; i++) {
            s0 = Math.fma(a[ao + i], b[bo + i], s0);
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
