package descent.tensor;


/** y = log(1 + x), accurate for small x. Taylor as for log with x_0 replaced by 1 + x_0. */
final class Log1p extends UnaryPrimitive {
    /** The primitive. */
    public static final Log1p INSTANCE = new Log1p();

    private Log1p() {
        super(UnaryOp.LOG1P);
    }

    @Override
    <T extends Ops<T>> T derivative(T x, T y) {
        return x.add(1).rdiv(1);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        return Log.logSeries(x[0], x[0][0].add(1), y);
    }

    @Override
    double[] domain() {
        return new double[] {-0.5, 2};
    }
}
