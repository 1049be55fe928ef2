package descent.optim;

/**
 * Small dense linear algebra on row-major {@code double[]} matrices: Cholesky factorization and
 * solves, used by the compact quasi-Newton forms, M-FAC's window system and the damped
 * least-squares methods.
 */
final class Dense {
    private Dense() {
    }

    /**
     * Overwrites the lower triangle of the symmetric {@code n x n} matrix {@code a} (leading
     * dimension {@code lda}) with its Cholesky factor {@code L} ({@code a = L L'}). Returns false,
     * leaving {@code a} partly overwritten, if a pivot is not positive (the matrix is not
     * numerically positive definite).
     */
    static boolean cholesky(double[] a, int n, int lda) {
        for (int j = 0; j < n; j++) {
            double s = a[j * lda + j];
            for (int k = 0; k < j; k++) {
                s -= a[j * lda + k] * a[j * lda + k];
            }
            if (!(s > 0)) {
                return false;
            }
            double d = Math.sqrt(s);
            a[j * lda + j] = d;
            for (int i = j + 1; i < n; i++) {
                double t = a[i * lda + j];
                for (int k = 0; k < j; k++) {
                    t -= a[i * lda + k] * a[j * lda + k];
                }
                a[i * lda + j] = t / d;
            }
        }
        return true;
    }

    /** Solves {@code L L' x = b} in place in {@code b} for the factor of {@link #cholesky}. */
    static void choleskySolve(double[] l, int n, int lda, double[] b, int off) {
        for (int i = 0; i < n; i++) {
            double s = b[off + i];
            for (int k = 0; k < i; k++) {
                s -= l[i * lda + k] * b[off + k];
            }
            b[off + i] = s / l[i * lda + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = b[off + i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k * lda + i] * b[off + k];
            }
            b[off + i] = s / l[i * lda + i];
        }
    }
}
