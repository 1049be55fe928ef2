package descent.tensor;


/** y = e^x. Taylor: y' = y x', so y_k = (1/k) sum_j j x_j y_{k-j}. */
final class Exp extends UnaryPrimitive {
    /** The primitive. */
    public static final Exp INSTANCE = new Exp();

    private Exp() {
        super(UnaryOp.EXP);
    }

    @Override
    <T extends Ops<T>> T derivative(T x, T y) {
        return y;
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        T[] r = Series.constant(y, Series.order(x));
        for (int k = 1; k < r.length; k++) {
            r[k] = Series.integrateTerm(x[0], r, k);
        }
        return r;
    }
}
