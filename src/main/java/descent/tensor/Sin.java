package descent.tensor;


/** Sine. Taylor: sin and cos advance together, s' = c x', c' = -s x'. */
final class Sin extends UnaryPrimitive {
    /** The primitive. */
    public static final Sin INSTANCE = new Sin();

    private Sin() {
        super(UnaryOp.SIN);
    }

    @Override
    <T extends Ops<T>> T derivative(T x, T y) {
        return x.cos();
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        return sinCos(x[0], y, x[0][0].cos())[0];
    }

    /** The series of sin(x(t)) and cos(x(t)) from their values at t = 0. */
    static <T extends Ops<T>> T[][] sinCos(T[] x, T s0, T c0) {
        int order = x.length - 1;
        T[] s = Series.constant(s0, order);
        T[] c = Series.constant(c0, order);
        for (int k = 1; k <= order; k++) {
            s[k] = Series.integrateTerm(x, c, k);
            c[k] = Series.neg(Series.integrateTerm(x, s, k));
        }
        return Series.pair(s, c);
    }
}
