package descent.constrained;

/**
 * The cone of symmetric positive semidefinite {@code n x n} matrices, stored row-major. The
 * projection (in the Frobenius norm) symmetrizes, decomposes {@code S = V diag(w) V'} and keeps
 * {@code V diag(max(w, 0)) V'} (Higham, 1988).
 */
final class PsdCone implements ConvexSet {
    private final int n;

    PsdCone(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Sets.psdCone: the matrix size must be >= 1, got " + n);
        }
        this.n = n;
    }

    @Override
    public String name() {
        return "psdCone(" + n + " x " + n + ")";
    }

    @Override
    public int dimension() {
        return n * n;
    }

    @Override
    public void project(double[] x, int offset, int length) {
        Arg.dimension(this, n * n, length);
        SymmetricEigen e = new SymmetricEigen(x, offset, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    double w = e.values[k];
                    if (w > 0) {
                        s += e.vectors[i * n + k] * w * e.vectors[j * n + k];
                    }
                }
                x[offset + i * n + j] = s;
            }
        }
    }

    @Override
    public boolean contains(double[] x, int offset, int length, double tolerance) {
        Arg.dimension(this, n * n, length);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (!(Math.abs(x[offset + i * n + j] - x[offset + j * n + i]) <= tolerance)) {
                    return false;
                }
            }
        }
        for (double w : new SymmetricEigen(x, offset, n).values) {
            if (!(w >= -tolerance)) {
                return false;
            }
        }
        return true;
    }
}
