package descent.ad.core;

import descent.tensor.UnaryOp;

/** y = e^x - 1, accurate for small x. Taylor: y' = (y + 1) x'. */
public final class Expm1 extends UnaryPrimitive {
    /** The primitive. */
    public static final Expm1 INSTANCE = new Expm1();

    private Expm1() {
        super(UnaryOp.EXPM1);
    }

    @Override
    Value derivative(Value x, Value y) {
        return y.add(1);
    }

    @Override
    public Value[] taylor(Value[][] x, Value y) {
        Value[] r = Series.constant(y, Series.order(x));
        Value[] g = Series.constant(y.add(1), Series.order(x));
        for (int k = 1; k < r.length; k++) {
            r[k] = Series.integrateTerm(x[0], g, k);
            g[k] = r[k];
        }
        return r;
    }
}
