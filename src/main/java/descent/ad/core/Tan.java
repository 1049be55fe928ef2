package descent.ad.core;

import descent.tensor.UnaryOp;

/** Tangent. Taylor: y' = (1 + y^2) x'. */
public final class Tan extends UnaryPrimitive {
    /** The primitive. */
    public static final Tan INSTANCE = new Tan();

    private Tan() {
        super(UnaryOp.TAN);
    }

    @Override
    Value derivative(Value x, Value y) {
        return y.square().add(1);
    }

    @Override
    public Value[] taylor(Value[][] x, Value y) {
        Value[] r = Series.constant(y, Series.order(x));
        Value[] g = Series.constant(y.square().add(1), Series.order(x));
        for (int k = 1; k < r.length; k++) {
            r[k] = Series.integrateTerm(x[0], g, k);
            g[k] = Series.cauchyTerm(r, r, k);
        }
        return r;
    }

    @Override
    double[] domain() {
        return new double[] {-1, 1};
    }
}
