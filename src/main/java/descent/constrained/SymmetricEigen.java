package descent.constrained;

import descent.curvature.Eigen;

/**
 * {@code S = V diag(w) V'} for the symmetric part of a row-major square matrix, by
 * {@link Eigen#symmetric} (cyclic Jacobi, exact to rounding), in the flat layout of this package's
 * matrix constraints.
 */
final class SymmetricEigen {
    /** The eigenvalues, largest first. */
    final double[] values;
    /** The eigenvectors, as the columns of a row-major n x n matrix. */
    final double[] vectors;

    /**
     * Decomposes the symmetric part of the row-major {@code n x n} matrix at {@code s[offset..]}.
     *
     * @throws IllegalArgumentException if an element is not finite
     */
    SymmetricEigen(double[] s, int offset, int n) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(s, offset + i * n, a[i], 0, n);
        }
        Eigen.Pairs e = Eigen.symmetric(a);
        values = e.values().clone();
        vectors = new double[n * n];
        for (int k = 0; k < n; k++) {
            double[] v = e.vectors()[k];
            for (int i = 0; i < n; i++) {
                vectors[i * n + k] = v[i];
            }
        }
    }
}
