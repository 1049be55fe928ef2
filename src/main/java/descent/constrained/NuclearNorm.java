package descent.constrained;

/**
 * Singular-value operations on a row-major {@code m x n} matrix: the one-sided Jacobi SVD
 * (Hestenes, 1958; Demmel and Veselić, 1992) orthogonalizes the columns of {@code A} by plane
 * rotations accumulated in {@code V}, so {@code A V = U diag(s)} with the singular values {@code s}
 * accurate to rounding relative to {@code |A|}. A map of the singular values {@code s -> s'} gives
 * {@code A V diag(s' / s) V'} (the left singular vectors are never formed; a zero singular value
 * must map to zero).
 */
final class NuclearNorm {
    private NuclearNorm() {
    }

    /** Singular values of the matrix at {@code a[offset..]}, with the right singular vectors as columns of {@code v}. */
    static double[] singularValues(double[] a, int offset, int m, int n, double[] v) {
        double[] u = new double[m * n];
        System.arraycopy(a, offset, u, 0, m * n);
        java.util.Arrays.fill(v, 0);
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        for (int sweep = 0; sweep < 60; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double alpha = 0;
                    double beta = 0;
                    double gamma = 0;
                    for (int k = 0; k < m; k++) {
                        double up = u[k * n + p];
                        double uq = u[k * n + q];
                        alpha += up * up;
                        beta += uq * uq;
                        gamma += up * uq;
                    }
                    if (gamma == 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) {
                        continue;
                    }
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.signum(zeta) == 0 ? 1 : Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    double c = 1 / Math.sqrt(1 + t * t);
                    double sn = c * t;
                    for (int k = 0; k < m; k++) {
                        double up = u[k * n + p];
                        double uq = u[k * n + q];
                        u[k * n + p] = c * up - sn * uq;
                        u[k * n + q] = sn * up + c * uq;
                    }
                    for (int k = 0; k < n; k++) {
                        double vp = v[k * n + p];
                        double vq = v[k * n + q];
                        v[k * n + p] = c * vp - sn * vq;
                        v[k * n + q] = sn * vp + c * vq;
                    }
                }
            }
            if (!rotated) {
                break;
            }
        }
        double[] s = new double[n];
        for (int j = 0; j < n; j++) {
            double q = 0;
            for (int k = 0; k < m; k++) {
                q += u[k * n + j] * u[k * n + j];
            }
            s[j] = Math.sqrt(q);
        }
        return s;
    }

    /** Replaces the matrix by {@code A V diag(ratio) V'}. */
    static void apply(double[] a, int offset, int m, int n, double[] v, double[] ratio) {
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += v[i * n + k] * ratio[k] * v[j * n + k];
                }
                w[i * n + j] = s;
            }
        }
        double[] row = new double[n];
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += a[offset + r * n + k] * w[k * n + j];
                }
                row[j] = s;
            }
            System.arraycopy(row, 0, a, offset + r * n, n);
        }
    }

    /** The ratios {@code s' / s} (0 where {@code s = 0}). */
    static double[] ratios(double[] s, double[] shrunk) {
        double[] r = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            r[i] = s[i] > 0 ? shrunk[i] / s[i] : 0;
        }
        return r;
    }
}
