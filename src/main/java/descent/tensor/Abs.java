package descent.tensor;


/** y = |x|, with derivative sign(x) (0 at 0). Locally linear: y_k = sign(x_0) x_k. */
final class Abs extends UnaryPrimitive {
    /** The primitive. */
    public static final Abs INSTANCE = new Abs();

    private Abs() {
        super(UnaryOp.ABS);
    }

    @Override
    <T extends Ops<T>> T derivative(T x, T y) {
        return x.sign();
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        T s = x[0][0].sign();
        return Series.map(x[0], v -> v.mul(s), y);
    }
}
