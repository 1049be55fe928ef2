package descent.curvature;

/**
 * The Lanczos tridiagonal {@code T = Q'AQ} of a symmetric operator from a start vector: its
 * diagonal {@code alpha}, off-diagonal {@code beta}, and (with reorthogonalization) the
 * orthonormal basis {@code Q}. The process grows one step at a time ({@link #extend}) and stops,
 * with a smaller {@code T}, when the Krylov space is invariant (a {@code beta} vanishes).
 */
final class Tridiagonal {
    final double[] alpha;
    final double[] beta;
    final double[][] basis;
    private final Operator a;
    private final boolean reorthogonalize;
    private final double[] w;
    private double[] next;
    private double scale;
    private int size;
    private double residual;
    private boolean invariant;

    private Tridiagonal(Operator a, double[] start, int capacity, boolean reorthogonalize) {
        this.a = a;
        this.reorthogonalize = reorthogonalize;
        alpha = new double[capacity];
        beta = new double[capacity];
        basis = new double[capacity][];
        next = start.clone();
        Eigen.normalize(next);
        w = new double[a.dimension()];
    }

    int size() {
        return size;
    }

    /** True if the last step found the Krylov space invariant or the capacity is reached: no further step is possible. */
    boolean finished() {
        return invariant || size == alpha.length;
    }

    /**
     * The norm of the part of {@code A q_k} (for the last basis vector {@code q_k}) outside the
     * basis: {@code A Q = Q T + residual q_{k+1} e_k'}. Zero when the space is invariant.
     */
    double residual() {
        return residual;
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

    /** A process of at most {@code capacity} steps from {@code start} (normalized here), before its first step. */
    static Tridiagonal start(Operator a, double[] start, int capacity, boolean reorthogonalize) {
        return new Tridiagonal(a, start, capacity, reorthogonalize);
    }

    /**
     * One Lanczos step (one product with the operator); with reorthogonalization, the new vector
     * is orthogonalized twice against all earlier ones (full reorthogonalization, which keeps
     * Ritz values from repeating).
     *
     * @throws IllegalStateException if the process is {@link #finished()}
     */
    void extend() {
        if (finished()) {
            throw new IllegalStateException("Lanczos: the process has finished after " + size + " steps");
        }
        int n = w.length;
        int j = size;
        double[] v = next;
        basis[j] = v;
        size = j + 1;
        a.apply(v, w);
        double aj = Krylov.dot(v, w);
        alpha[j] = aj;
        for (int i = 0; i < n; i++) {
            w[i] -= aj * v[i] + (j > 0 ? beta[j - 1] * basis[j - 1][i] : 0);
        }
        if (reorthogonalize) {
            for (int pass = 0; pass < 2; pass++) {
                for (int s = 0; s <= j; s++) {
                    double c = Krylov.dot(basis[s], w);
                    double[] qs = basis[s];
                    for (int i = 0; i < n; i++) {
                        w[i] = Math.fma(-c, qs[i], w[i]);
                    }
                }
            }
        }
        double b = Krylov.norm(w);
        scale = Math.max(scale, Math.abs(aj) + b);
        if (b <= 1e-12 * scale) {
            invariant = true;
            residual = 0;
            return;
        }
        residual = b;
        if (size < alpha.length) {
            beta[j] = b;
            next = new double[n];
            for (int i = 0; i < n; i++) {
                next[i] = w[i] / b;
            }
        }
    }

    /** {@code m} Lanczos steps from {@code start}, or fewer if the Krylov space is invariant sooner. */
    static Tridiagonal lanczos(Operator a, double[] start, int m, boolean reorthogonalize) {
        Tridiagonal t = start(a, start, m, reorthogonalize);
        while (!t.finished()) {
            t.extend();
        }
        return t;
    }
}
