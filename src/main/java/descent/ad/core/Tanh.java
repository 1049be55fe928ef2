package descent.ad.core;

import descent.tensor.UnaryOp;

/** Hyperbolic tangent. Taylor: y' = (1 - y^2) x'. */
public final class Tanh extends UnaryPrimitive {
    /** The primitive. */
    public static final Tanh INSTANCE = new Tanh();

    private Tanh() {
        super(UnaryOp.TANH);
    }

    @Override
    Value derivative(Value x, Value y) {
        return y.square().rsub(1);
    }

    @Override
    public Value[] taylor(Value[][] x, Value y) {
        Value[] r = Series.constant(y, Series.order(x));
        Value[] g = Series.constant(y.square().rsub(1), Series.order(x));
        for (int k = 1; k < r.length; k++) {
            r[k] = Series.integrateTerm(x[0], g, k);
            g[k] = Series.neg(Series.cauchyTerm(r, r, k));
        }
        return r;
    }
}
