package descent.tensor;


/** Hyperbolic sine. Taylor: sinh and cosh advance together, s' = c x', c' = s x'. */
final class Sinh extends UnaryPrimitive {
    /** The primitive. */
    public static final Sinh INSTANCE = new Sinh();

    private Sinh() {
        super(UnaryOp.SINH);
    }

    @Override
    <T extends Ops<T>> T derivative(T x, T y) {
        return x.cosh();
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        return sinhCosh(x[0], y, x[0][0].cosh())[0];
    }

    /** The series of sinh(x(t)) and cosh(x(t)) from their values at t = 0. */
    static <T extends Ops<T>> T[][] sinhCosh(T[] x, T s0, T c0) {
        int order = x.length - 1;
        T[] s = Series.constant(s0, order);
        T[] c = Series.constant(c0, order);
        for (int k = 1; k <= order; k++) {
            s[k] = Series.integrateTerm(x, c, k);
            c[k] = Series.integrateTerm(x, s, k);
        }
        return Series.pair(s, c);
    }
}
