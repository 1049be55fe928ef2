package descent.ad.core;

import descent.tensor.UnaryOp;

/** Sine. Taylor: sin and cos advance together, s' = c x', c' = -s x'. */
public final class Sin extends UnaryPrimitive {
    /** The primitive. */
    public static final Sin INSTANCE = new Sin();

    private Sin() {
        super(UnaryOp.SIN);
    }

    @Override
    Value derivative(Value x, Value y) {
        return x.cos();
    }

    @Override
    public Value[] taylor(Value[][] x, Value y) {
        return sinCos(x[0], y, x[0][0].cos())[0];
    }

    /** The series of sin(x(t)) and cos(x(t)) from their values at t = 0. */
    static Value[][] sinCos(Value[] x, Value s0, Value c0) {
        int order = x.length - 1;
        Value[] s = Series.constant(s0, order);
        Value[] c = Series.constant(c0, order);
        for (int k = 1; k <= order; k++) {
            s[k] = Series.integrateTerm(x, c, k);
            c[k] = Series.neg(Series.integrateTerm(x, s, k));
        }
        return new Value[][] {s, c};
    }
}
