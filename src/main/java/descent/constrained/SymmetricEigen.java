package descent.constrained;

/**
 * Eigendecomposition {@code S = V diag(w) V'} of a symmetric matrix by cyclic Jacobi rotations
 * (Golub and Van Loan, Algorithm 8.5.3): accurate to rounding for the small matrices of matrix
 * constraints, {@code O(n^3)} per sweep.
 */
final class SymmetricEigen {
    /** The eigenvalues. */
    final double[] values;
    /** The eigenvectors, as the columns of a row-major n x n matrix. */
    final double[] vectors;

    /** Decomposes the symmetric part of the row-major {@code n x n} matrix at {@code s[offset..]}. */
    SymmetricEigen(double[] s, int offset, int n) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = 0.5 * (s[offset + i * n + j] + s[offset + j * n + i]);
            }
        }
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double all = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double x = a[i * n + j] * a[i * n + j];
                    all += x;
                    if (i != j) {
                        off += x;
                    }
                }
            }
            if (off <= 1e-30 * all || off == 0) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p * n + q];
                    if (apq == 0) {
                        continue;
                    }
                    double tau = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    double t = Math.signum(tau) == 0 ? 1 : Math.signum(tau) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
                    double c = 1 / Math.sqrt(1 + t * t);
                    double sn = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k * n + p];
                        double akq = a[k * n + q];
                        a[k * n + p] = c * akp - sn * akq;
                        a[k * n + q] = sn * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p * n + k];
                        double aqk = a[q * n + k];
                        a[p * n + k] = c * apk - sn * aqk;
                        a[q * n + k] = sn * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k * n + p];
                        double vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - sn * vkq;
                        v[k * n + q] = sn * vkp + c * vkq;
                    }
                }
            }
        }
        values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i * n + i];
        }
        vectors = v;
    }
}
