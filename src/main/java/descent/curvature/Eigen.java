package descent.curvature;

import descent.tensor.Rng;

/**
 * The extreme eigenvalues of a symmetric {@link Operator} from its products alone:
 * <ul>
 * <li>{@link #power}: power iteration for the eigenvalue of largest magnitude (for a Hessian at
 * a minimum, its sharpness {@code lambda_max});</li>
 * <li>{@link #lanczos}: the Lanczos process with full reorthogonalization, whose Ritz values
 * approximate the {@code k} largest eigenvalues after {@code steps >= k} products (the extreme
 * ones first and fastest).</li>
 * </ul>
 * Start vectors come from a seeded {@link Rng}, so results are reproducible.
 */
public final class Eigen {
    private Eigen() {
    }

    /**
     * Eigenvalues in descending order and, for each, a unit eigenvector ({@code vectors[k]}).
     *
     * @param values     the eigenvalue estimates, largest first
     * @param vectors    the matching unit vectors
     * @param products   products with the operator made
     */
    public record Pairs(double[] values, double[][] vectors, int products) {
    }

    /**
     * Power iteration from a random start until the Rayleigh quotient changes by at most
     * {@code tolerance} relatively, or {@code maxIterations} products; returns the eigenvalue of
     * largest magnitude (with its sign) and its vector.
     *
     * @throws IllegalArgumentException if the budget or tolerance is invalid
     */
    public static Pairs power(Operator a, int maxIterations, double tolerance, Rng rng) {
        return power(a, null, maxIterations, tolerance, rng);
    }

    /** {@link #power(Operator, int, double, Rng)} starting from {@code start} when it is not null (a warm start). */
    public static Pairs power(Operator a, double[] start, int maxIterations, double tolerance, Rng rng) {
        if (maxIterations < 1 || !(tolerance >= 0)) {
            throw new IllegalArgumentException("Eigen.power: needs maxIterations >= 1 and tolerance >= 0, got " + maxIterations + ", "
                    + tolerance);
        }
        int n = a.dimension();
        double[] v = start != null ? start.clone() : gaussian(n, rng);
        if (start != null) {
            a.check("Eigen.power", start, "the start vector");
        }
        normalize(v);
        double[] av = new double[n];
        double lambda = Double.NaN;
        int k = 0;
        while (k < maxIterations) {
            a.apply(v, av);
            k++;
            double rq = Krylov.dot(v, av);
            double norm = Krylov.norm(av);
            boolean done = Math.abs(rq - lambda) <= tolerance * Math.abs(rq);
            lambda = rq;
            if (norm == 0 || done) {
                break;
            }
            for (int i = 0; i < n; i++) {
                v[i] = av[i] / norm;
            }
        }
        return new Pairs(new double[] {lambda}, new double[][] {v}, k);
    }

    /**
     * The {@code k} largest eigenvalues by {@code steps} Lanczos steps (at most the dimension)
     * with full reorthogonalization, and their Ritz vectors.
     *
     * @throws IllegalArgumentException unless {@code 1 <= k <= steps}
     */
    public static Pairs lanczos(Operator a, int k, int steps, Rng rng) {
        int n = a.dimension();
        int m = Math.min(steps, n);
        if (k < 1 || k > m) {
            throw new IllegalArgumentException("Eigen.lanczos: needs 1 <= k <= steps (and k <= the dimension " + n + "), got k = " + k
                    + ", steps = " + steps);
        }
        Tridiagonal t = Tridiagonal.lanczos(a, gaussian(n, rng), m, true);
        SymmetricEigen e = SymmetricEigen.of(t.matrix());
        int size = t.size();
        int kk = Math.min(k, size);
        double[] values = new double[kk];
        double[][] vectors = new double[kk][n];
        for (int j = 0; j < kk; j++) {
            int col = size - 1 - j;
            values[j] = e.values[col];
            for (int s = 0; s < size; s++) {
                double c = e.vectors[s][col];
                double[] q = t.basis[s];
                for (int i = 0; i < n; i++) {
                    vectors[j][i] = Math.fma(c, q[i], vectors[j][i]);
                }
            }
        }
        return new Pairs(values, vectors, t.size());
    }

    /**
     * All eigenvalues (largest first) and unit eigenvectors of a small dense symmetric matrix
     * ({@code a} is read, not modified; its symmetric part is used), by the cyclic Jacobi method:
     * exact to rounding, {@code O(n^3)} per sweep, for matrices up to a few hundred rows (Kronecker
     * factors, Hessians of small problems). {@code products} is 0.
     *
     * @throws IllegalArgumentException if the matrix is not square or not finite
     */
    public static Pairs symmetric(double[][] a) {
        int n = a.length;
        if (n == 0) {
            throw new IllegalArgumentException("Eigen.symmetric: the matrix is empty");
        }
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("Eigen.symmetric: the matrix must be square, got a row of " + a[i].length
                        + " elements in a matrix of " + n + " rows");
            }
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(a[i][j])) {
                    throw new IllegalArgumentException("Eigen.symmetric: element (" + i + ", " + j + ") is " + a[i][j]);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i][j] = 0.5 * (a[i][j] + a[j][i]);
            }
        }
        SymmetricEigen e = SymmetricEigen.of(s);
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            int col = n - 1 - k;
            values[k] = e.values[col];
            for (int i = 0; i < n; i++) {
                vectors[k][i] = e.vectors[i][col];
            }
        }
        return new Pairs(values, vectors, 0);
    }

    static double[] gaussian(int n, Rng rng) {
        if (rng == null) {
            throw new IllegalArgumentException("a seeded Rng is required for the start vector");
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    static void normalize(double[] v) {
        double s = Krylov.norm(v);
        for (int i = 0; i < v.length; i++) {
            v[i] /= s;
        }
    }
}
