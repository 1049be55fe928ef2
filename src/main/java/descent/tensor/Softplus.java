package descent.tensor;


/** Softplus y = log(1 + e^x). Taylor: y' = sigmoid(x) x'. */
final class Softplus extends UnaryPrimitive {
    /** The primitive. */
    public static final Softplus INSTANCE = new Softplus();

    private Softplus() {
        super(UnaryOp.SOFTPLUS);
    }

    @Override
    <T extends Ops<T>> T derivative(T x, T y) {
        return x.sigmoid();
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        T[] g = Sigmoid.series(x[0], x[0][0].sigmoid());
        return Series.integrate(y, x[0], g);
    }
}
