package descent.tensor;


/** Step functions (sign, round, floor): derivative zero wherever it exists, in every mode. */
final class PiecewiseConstant extends UnaryPrimitive {
    /** sign(x) */
    public static final PiecewiseConstant SIGN = new PiecewiseConstant(UnaryOp.SIGN);
    /** nearest integer, ties to even */
    public static final PiecewiseConstant ROUND = new PiecewiseConstant(UnaryOp.ROUND);
    /** floor(x) */
    public static final PiecewiseConstant FLOOR = new PiecewiseConstant(UnaryOp.FLOOR);

    private PiecewiseConstant(UnaryOp op) {
        super(op);
    }

    @Override
    <T extends Ops<T>> T derivative(T x, T y) {
        return null;
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        return Series.constant(y, Series.order(x));
    }

    @Override
    double[] domain() {
        return new double[] {0.1, 0.4};
    }
}
