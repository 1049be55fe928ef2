package descent.constrained;

/**
 * The Jacobian {@code A} (m x n, rows the gradients of m equality constraints) at one point,
 * with the Cholesky factor of its Gram matrix {@code A A'}: the projection onto the null space of
 * {@code A}, least-squares multipliers and the minimum-norm solution of {@code A p = -c}.
 */
final class ConstraintJacobian {
    final int m;
    final int n;
    final double[][] rows;
    private final double[] chol;
    private final double[] work;

    ConstraintJacobian(int m, int n) {
        this.m = m;
        this.n = n;
        this.rows = new double[m][n];
        this.chol = new double[m * m];
        this.work = new double[m];
    }

    /**
     * Factors {@code A A'} from the current rows; returns false if the rows are linearly dependent
     * to working precision (a pivot below {@code 1e-13} times the largest diagonal entry).
     */
    boolean factor() {
        double maxDiag = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                double[] a = rows[i];
                double[] b = rows[j];
                for (int k = 0; k < n; k++) {
                    s += a[k] * b[k];
                }
                chol[i * m + j] = s;
            }
            maxDiag = Math.max(maxDiag, chol[i * m + i]);
        }
        if (!(maxDiag > 0) || !Double.isFinite(maxDiag)) {
            return false;
        }
        for (int j = 0; j < m; j++) {
            double d = chol[j * m + j];
            for (int k = 0; k < j; k++) {
                d -= chol[j * m + k] * chol[j * m + k];
            }
            if (!(d > 1e-13 * maxDiag)) {
                return false;
            }
            double l = Math.sqrt(d);
            chol[j * m + j] = l;
            for (int i = j + 1; i < m; i++) {
                double s = chol[i * m + j];
                for (int k = 0; k < j; k++) {
                    s -= chol[i * m + k] * chol[j * m + k];
                }
                chol[i * m + j] = s / l;
            }
        }
        return true;
    }

    /** Solves {@code (A A') z = b} in place. */
    private void solve(double[] b) {
        for (int i = 0; i < m; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= chol[i * m + k] * b[k];
            }
            b[i] = s / chol[i * m + i];
        }
        for (int i = m - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < m; k++) {
                s -= chol[k * m + i] * b[k];
            }
            b[i] = s / chol[i * m + i];
        }
    }

    /** {@code out = A v}. */
    void times(double[] v, double[] out) {
        for (int i = 0; i < m; i++) {
            double s = 0;
            double[] a = rows[i];
            for (int k = 0; k < n; k++) {
                s += a[k] * v[k];
            }
            out[i] = s;
        }
    }

    /** {@code out += A' u}. */
    void addTransposeTimes(double[] u, double[] out) {
        for (int i = 0; i < m; i++) {
            double ui = u[i];
            if (ui != 0) {
                double[] a = rows[i];
                for (int k = 0; k < n; k++) {
                    out[k] += ui * a[k];
                }
            }
        }
    }

    /** Writes {@code z = (A A')^{-1} A v}, the coefficients of the least-squares fit of {@code v} by the rows. */
    void leastSquares(double[] v, double[] z) {
        times(v, z);
        solve(z);
    }

    /**
     * Writes the projection of {@code v} onto the null space of {@code A},
     * {@code v - A' (A A')^{-1} A v}, into {@code out}, applied twice (one step of iterative
     * refinement, which keeps {@code A out} at rounding level when the rows are ill-conditioned).
     */
    void project(double[] v, double[] out) {
        if (out != v) {
            System.arraycopy(v, 0, out, 0, n);
        }
        for (int pass = 0; pass < 2; pass++) {
            leastSquares(out, work);
            for (int i = 0; i < m; i++) {
                work[i] = -work[i];
            }
            addTransposeTimes(work, out);
        }
    }

    /** Writes the minimum-norm solution of {@code A p = -c}, {@code p = -A' (A A')^{-1} c}, into {@code p}. */
    void normalStep(double[] c, double[] p) {
        System.arraycopy(c, 0, work, 0, m);
        solve(work);
        java.util.Arrays.fill(p, 0);
        for (int i = 0; i < m; i++) {
            work[i] = -work[i];
        }
        addTransposeTimes(work, p);
    }
}
