package descent.ad.core;

import descent.tensor.UnaryOp;

/** Hyperbolic sine. Taylor: sinh and cosh advance together, s' = c x', c' = s x'. */
public final class Sinh extends UnaryPrimitive {
    /** The primitive. */
    public static final Sinh INSTANCE = new Sinh();

    private Sinh() {
        super(UnaryOp.SINH);
    }

    @Override
    Value derivative(Value x, Value y) {
        return x.cosh();
    }

    @Override
    public Value[] taylor(Value[][] x, Value y) {
        return sinhCosh(x[0], y, x[0][0].cosh())[0];
    }

    /** The series of sinh(x(t)) and cosh(x(t)) from their values at t = 0. */
    static Value[][] sinhCosh(Value[] x, Value s0, Value c0) {
        int order = x.length - 1;
        Value[] s = Series.constant(s0, order);
        Value[] c = Series.constant(c0, order);
        for (int k = 1; k <= order; k++) {
            s[k] = Series.integrateTerm(x, c, k);
            c[k] = Series.integrateTerm(x, s, k);
        }
        return new Value[][] {s, c};
    }
}
