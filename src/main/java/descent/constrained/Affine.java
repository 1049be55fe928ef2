package descent.constrained;

/**
 * The affine set {@code {x : A x = b}} for {@code A} of full row rank {@code m <= n}: the
 * projection is {@code x - A' (A A')^{-1} (A x - b)}, with the Cholesky factor of {@code A A'}
 * computed once.
 */
final class Affine implements ConvexSet {
    private final double[] a;
    private final double[] b;
    private final int m;
    private final int n;
    private final double[] chol;

    Affine(double[] a, int m, int n, double[] b) {
        if (m < 1 || n < 1 || a == null || a.length != m * n) {
            throw new IllegalArgumentException("Sets.affine: A must hold m x n = " + m + " x " + n + " elements, got "
                    + (a == null ? "null" : a.length));
        }
        if (b == null || b.length != m) {
            throw new IllegalArgumentException("Sets.affine: b must have m = " + m + " elements, got " + (b == null ? "null" : b.length));
        }
        this.a = Arg.finite("Sets.affine", "A", a);
        this.b = Arg.finite("Sets.affine", "b", b);
        this.m = m;
        this.n = n;
        double[] g = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += a[i * n + k] * a[j * n + k];
                }
                g[i * m + j] = s;
            }
        }
        for (int j = 0; j < m; j++) {
            double d = g[j * m + j];
            for (int k = 0; k < j; k++) {
                d -= g[j * m + k] * g[j * m + k];
            }
            if (!(d > 1e-12 * Math.max(1, g[j * m + j]))) {
                throw new IllegalArgumentException("Sets.affine: A (" + m + " x " + n + ") does not have full row rank (row " + j
                        + " depends on the rows before it)");
            }
            d = Math.sqrt(d);
            g[j * m + j] = d;
            for (int i = j + 1; i < m; i++) {
                double s = g[i * m + j];
                for (int k = 0; k < j; k++) {
                    s -= g[i * m + k] * g[j * m + k];
                }
                g[i * m + j] = s / d;
            }
        }
        this.chol = g;
    }

    @Override
    public String name() {
        return "affine(" + m + " x " + n + ")";
    }

    @Override
    public int dimension() {
        return n;
    }

    private double[] residual(double[] x, int offset) {
        double[] r = new double[m];
        for (int i = 0; i < m; i++) {
            double s = -b[i];
            for (int k = 0; k < n; k++) {
                s += a[i * n + k] * x[offset + k];
            }
            r[i] = s;
        }
        return r;
    }

    @Override
    public void project(double[] x, int offset, int length) {
        Arg.dimension(this, n, length);
        double[] y = residual(x, offset);
        for (int i = 0; i < m; i++) {
            double s = y[i];
            for (int k = 0; k < i; k++) {
                s -= chol[i * m + k] * y[k];
            }
            y[i] = s / chol[i * m + i];
        }
        for (int i = m - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < m; k++) {
                s -= chol[k * m + i] * y[k];
            }
            y[i] = s / chol[i * m + i];
        }
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < n; k++) {
                x[offset + k] -= a[i * n + k] * y[i];
            }
        }
    }

    @Override
    public boolean contains(double[] x, int offset, int length, double tolerance) {
        Arg.dimension(this, n, length);
        for (double r : residual(x, offset)) {
            if (!(Math.abs(r) <= tolerance)) {
                return false;
            }
        }
        return true;
    }
}
