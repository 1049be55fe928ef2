package descent.tensor;


/** y = e^x - 1, accurate for small x. Taylor: y' = (y + 1) x'. */
final class Expm1 extends UnaryPrimitive {
    /** The primitive. */
    public static final Expm1 INSTANCE = new Expm1();

    private Expm1() {
        super(UnaryOp.EXPM1);
    }

    @Override
    <T extends Ops<T>> T derivative(T x, T y) {
        return y.add(1);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        T[] r = Series.constant(y, Series.order(x));
        T[] g = Series.constant(y.add(1), Series.order(x));
        for (int k = 1; k < r.length; k++) {
            r[k] = Series.integrateTerm(x[0], g, k);
            g[k] = r[k];
        }
        return r;
    }
}
