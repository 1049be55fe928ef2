package descent.tensor;


/** Natural logarithm. Taylor: from x y' = x', y_k = (x_k - (1/k) sum_{j<k} (k-j) x_j y_{k-j}) / x_0. */
final class Log extends UnaryPrimitive {
    /** The primitive. */
    public static final Log INSTANCE = new Log();

    private Log() {
        super(UnaryOp.LOG);
    }

    @Override
    <T extends Ops<T>> T derivative(T x, T y) {
        return x.rdiv(1);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        return logSeries(x[0], x[0][0], y);
    }

    /** Series of log(x(t) + c) given its constant-term argument {@code base} = x_0 + c. */
    static <T extends Ops<T>> T[] logSeries(T[] x, T base, T y) {
        T[] r = Series.constant(y, x.length - 1);
        for (int k = 1; k < r.length; k++) {
            T s = null;
            for (int j = 1; j < k; j++) {
                if (x[j] != null && r[k - j] != null) {
                    s = Series.add(s, Series.scale(x[j].mul(r[k - j]), (k - j) / (double) k));
                }
            }
            T num = Series.sub(x[k], s);
            r[k] = num == null ? null : num.div(base);
        }
        return r;
    }

    @Override
    double[] domain() {
        return new double[] {0.5, 3};
    }
}
