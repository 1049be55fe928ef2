package descent.tensor;


/** Logistic sigmoid y = 1/(1+e^-x). Taylor: y' = (y - y^2) x'. */
final class Sigmoid extends UnaryPrimitive {
    /** The primitive. */
    public static final Sigmoid INSTANCE = new Sigmoid();

    private Sigmoid() {
        super(UnaryOp.SIGMOID);
    }

    @Override
    <T extends Ops<T>> T derivative(T x, T y) {
        return y.mul(y.rsub(1));
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        return series(x[0], y);
    }

    /** The series of sigmoid(x(t)) given y_0 = sigmoid(x_0). */
    static <T extends Ops<T>> T[] series(T[] x, T y0) {
        int order = x.length - 1;
        T[] r = Series.constant(y0, order);
        T[] g = Series.constant(y0.mul(y0.rsub(1)), order);
        for (int k = 1; k <= order; k++) {
            r[k] = Series.integrateTerm(x, g, k);
            g[k] = Series.sub(r[k], Series.cauchyTerm(r, r, k));
        }
        return r;
    }
}
