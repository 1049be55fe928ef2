package descent.curvature;

/**
 * A symmetric linear operator on flat vectors of {@link #dimension()} elements, known only by its
 * products {@code out = A v}: a Hessian {@code H(x)} through Hessian-vector products, a
 * Gauss–Newton matrix {@code J'J} through Jacobian products, a preconditioner. Everything in this
 * package works matrix-free on operators.
 *
 * <pre>{@code
 * HessianObjective f = HessianObjective.of(loss, params, data);
 * Operator h = Operator.hessian(f::hvp, x);
 * double[] top = Eigen.lanczos(h, 5, 50, new Rng(0)).values();
 * }</pre>
 */
public interface Operator {
    /** A product {@code out = M(x) v} of a matrix that depends on a point {@code x}. */
    @FunctionalInterface
    interface Product {
        /** Writes {@code M(x) v} into {@code out}. */
        void apply(double[] x, double[] v, double[] out);
    }

    /** Number of rows and columns. */
    int dimension();

    /** Writes {@code A v} into {@code out} (both of {@link #dimension()} elements, distinct arrays). */
    void apply(double[] v, double[] out);

    /** An operator of dimension {@code n} applied by {@code product}. */
    static Operator of(int n, java.util.function.BiConsumer<double[], double[]> product) {
        if (n < 1 || product == null) {
            throw new IllegalArgumentException("Operator.of: needs a dimension >= 1 and a product, got " + n);
        }
        return new Operator() {
            @Override
            public int dimension() {
                return n;
            }

            @Override
            public void apply(double[] v, double[] out) {
                product.accept(v, out);
            }
        };
    }

    /**
     * The Hessian at {@code x} (not copied: the operator follows the array) through Hessian-vector
     * products, e.g. {@code HessianObjective::hvp}.
     */
    static Operator hessian(Product hvp, double[] x) {
        if (hvp == null || x == null) {
            throw new IllegalArgumentException("Operator.hessian: needs a Hessian-vector product and a point");
        }
        return of(x.length, (v, out) -> hvp.apply(x, v, out));
    }

    /**
     * The Gauss–Newton matrix {@code J(x)' J(x)} of residuals {@code r(x)} with {@code m} elements,
     * through {@code jvp = J v} and {@code vjp = J' u} (e.g. {@code ResidualObjective::jvp},
     * {@code ResidualObjective::vjp}); it is the Hessian of {@code 1/2 |r|^2} without the
     * second-order terms of the residuals, and positive semidefinite.
     */
    static Operator gaussNewton(Product jvp, Product vjp, double[] x, int m) {
        if (jvp == null || vjp == null || x == null || m < 1) {
            throw new IllegalArgumentException("Operator.gaussNewton: needs J v, J' u, a point and m >= 1 residuals, got m = " + m);
        }
        double[] u = new double[m];
        return of(x.length, (v, out) -> {
            jvp.apply(x, v, u);
            vjp.apply(x, u, out);
        });
    }

    /** A dense symmetric matrix (rows of equal length) as an operator. */
    static Operator dense(double[][] a) {
        int n = a.length;
        for (double[] row : a) {
            if (row.length != n) {
                throw new IllegalArgumentException("Operator.dense: the matrix must be square, got a row of " + row.length
                        + " elements in a matrix of " + n + " rows");
            }
        }
        return of(n, (v, out) -> {
            for (int i = 0; i < n; i++) {
                double s = 0;
                double[] row = a[i];
                for (int j = 0; j < n; j++) {
                    s = Math.fma(row[j], v[j], s);
                }
                out[i] = s;
            }
        });
    }

    /** The diagonal matrix {@code diag(d)} (for example a Jacobi preconditioner {@code 1 / diag(A)}). */
    static Operator diagonal(double[] d) {
        double[] c = d.clone();
        return of(c.length, (v, out) -> {
            for (int i = 0; i < c.length; i++) {
                out[i] = c[i] * v[i];
            }
        });
    }

    /** {@code A + sigma I}. */
    default Operator shifted(double sigma) {
        Operator a = this;
        return of(dimension(), (v, out) -> {
            a.apply(v, out);
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.fma(sigma, v[i], out[i]);
            }
        });
    }

    /**
     * Fails unless {@code v} has this operator's dimension.
     *
     * @throws IllegalArgumentException naming {@code op}
     */
    default void check(String op, double[] v, String what) {
        if (v.length != dimension()) {
            throw new IllegalArgumentException(op + ": " + what + " has " + v.length + " elements, the operator's dimension is " + dimension());
        }
    }
}
