package descent.tensor;


/** Square root. Taylor: from y^2 = x, y_k = (x_k - sum_{0<j<k} y_j y_{k-j}) / (2 y_0). */
final class Sqrt extends UnaryPrimitive {
    /** The primitive. */
    public static final Sqrt INSTANCE = new Sqrt();

    private Sqrt() {
        super(UnaryOp.SQRT);
    }

    @Override
    <T extends Ops<T>> T derivative(T x, T y) {
        return y.rdiv(0.5);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        T[] r = Series.constant(y, Series.order(x));
        T twoY = y.mul(2);
        for (int k = 1; k < r.length; k++) {
            T s = null;
            for (int j = 1; j < k; j++) {
                s = Series.add(s, Series.mul(r[j], r[k - j]));
            }
            T num = Series.sub(x[0][k], s);
            r[k] = num == null ? null : num.div(twoY);
        }
        return r;
    }

    @Override
    double[] domain() {
        return new double[] {0.5, 3};
    }
}
