package descent.tensor;


/** Arctangent. Taylor: y' = x' / (1 + x^2), with the quotient expanded as a series. */
final class Atan extends UnaryPrimitive {
    /** The primitive. */
    public static final Atan INSTANCE = new Atan();

    private Atan() {
        super(UnaryOp.ATAN);
    }

    @Override
    <T extends Ops<T>> T derivative(T x, T y) {
        return x.square().add(1).rdiv(1);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        int order = Series.order(x);
        T[] q = y.newArray(order + 1);
        q[0] = x[0][0].square().add(1);
        for (int k = 1; k <= order; k++) {
            q[k] = Series.cauchyTerm(x[0], x[0], k);
        }
        T[] one = Series.constant(y.constant(1), order);
        T[] g = Series.divide(one, q, q[0].rdiv(1));
        return Series.integrate(y, x[0], g);
    }
}
