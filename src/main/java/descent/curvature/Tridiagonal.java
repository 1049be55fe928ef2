package descent.curvature;

/**
 * The Lanczos tridiagonal {@code T = Q'AQ} of a symmetric operator from a start vector: its
 * diagonal {@code alpha}, off-diagonal {@code beta}, and (with reorthogonalization) the
 * orthonormal basis {@code Q}. The process stops early, with a smaller {@code T}, when the
 * Krylov space is invariant (a {@code beta} vanishes).
 */
final class Tridiagonal {
    final double[] alpha;
    final double[] beta;
    final double[][] basis;
    private final int size;

    private Tridiagonal(double[] alpha, double[] beta, double[][] basis, int size) {
        this.alpha = alpha;
        this.beta = beta;
        this.basis = basis;
        this.size = size;
    }

    int size() {
        return size;
    }

    /** {@code T} as a dense matrix. */
    double[][] matrix() {
        double[][] t = new double[size][size];
        for (int i = 0; i < size; i++) {
            t[i][i] = alpha[i];
            if (i + 1 < size) {
                t[i][i + 1] = beta[i];
                t[i + 1][i] = beta[i];
            }
        }
        return t;
    }

    /**
     * {@code m} Lanczos steps from {@code start} (normalized here); with {@code reorthogonalize},
     * each new vector is orthogonalized twice against all earlier ones (full reorthogonalization,
     * which keeps Ritz values from repeating).
     */
    static Tridiagonal lanczos(Operator a, double[] start, int m, boolean reorthogonalize) {
        int n = a.dimension();
        double[] alpha = new double[m];
        double[] beta = new double[m];
        double[][] q = new double[m][];
        double[] v = start.clone();
        Eigen.normalize(v);
        double[] w = new double[n];
        double scale = 0;
        int size = 0;
        for (int j = 0; j < m; j++) {
            q[j] = v;
            size = j + 1;
            a.apply(v, w);
            double aj = Krylov.dot(v, w);
            alpha[j] = aj;
            for (int i = 0; i < n; i++) {
                w[i] -= aj * v[i] + (j > 0 ? beta[j - 1] * q[j - 1][i] : 0);
            }
            if (reorthogonalize) {
                for (int pass = 0; pass < 2; pass++) {
                    for (int s = 0; s <= j; s++) {
                        double c = Krylov.dot(q[s], w);
                        double[] qs = q[s];
                        for (int i = 0; i < n; i++) {
                            w[i] = Math.fma(-c, qs[i], w[i]);
                        }
                    }
                }
            }
            double b = Krylov.norm(w);
            scale = Math.max(scale, Math.abs(aj) + b);
            if (j + 1 == m || b <= 1e-12 * scale) {
                break;
            }
            beta[j] = b;
            v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = w[i] / b;
            }
        }
        return new Tridiagonal(alpha, beta, q, size);
    }
}
