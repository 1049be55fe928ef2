package descent.tensor;


/** Hyperbolic tangent. Taylor: y' = (1 - y^2) x'. */
final class Tanh extends UnaryPrimitive {
    /** The primitive. */
    public static final Tanh INSTANCE = new Tanh();

    private Tanh() {
        super(UnaryOp.TANH);
    }

    @Override
    <T extends Ops<T>> T derivative(T x, T y) {
        return y.square().rsub(1);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        T[] r = Series.constant(y, Series.order(x));
        T[] g = Series.constant(y.square().rsub(1), Series.order(x));
        for (int k = 1; k < r.length; k++) {
            r[k] = Series.integrateTerm(x[0], g, k);
            g[k] = Series.neg(Series.cauchyTerm(r, r, k));
        }
        return r;
    }
}
