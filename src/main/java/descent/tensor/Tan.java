package descent.tensor;


/** Tangent. Taylor: y' = (1 + y^2) x'. */
final class Tan extends UnaryPrimitive {
    /** The primitive. */
    public static final Tan INSTANCE = new Tan();

    private Tan() {
        super(UnaryOp.TAN);
    }

    @Override
    <T extends Ops<T>> T derivative(T x, T y) {
        return y.square().add(1);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        T[] r = Series.constant(y, Series.order(x));
        T[] g = Series.constant(y.square().add(1), Series.order(x));
        for (int k = 1; k < r.length; k++) {
            r[k] = Series.integrateTerm(x[0], g, k);
            g[k] = Series.cauchyTerm(r, r, k);
        }
        return r;
    }

    @Override
    double[] domain() {
        return new double[] {-1, 1};
    }
}
