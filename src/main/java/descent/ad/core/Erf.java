package descent.ad.core;

import descent.tensor.UnaryOp;

/** Error function. Taylor: y' = (2/sqrt(pi)) e^{-x^2} x', with e^{-x^2} expanded by the exp rule. */
public final class Erf extends UnaryPrimitive {
    /** The primitive. */
    public static final Erf INSTANCE = new Erf();
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private Erf() {
        super(UnaryOp.ERF);
    }

    @Override
    Value derivative(Value x, Value y) {
        return x.square().neg().exp().mul(TWO_OVER_SQRT_PI);
    }

    @Override
    public Value[] taylor(Value[][] x, Value y) {
        int order = Series.order(x);
        Value[] u = new Value[order + 1];
        for (int k = 0; k <= order; k++) {
            u[k] = Series.neg(Series.cauchyTerm(x[0], x[0], k));
        }
        Value[] e = Exp.INSTANCE.taylor(new Value[][] {u}, u[0].exp());
        Value[] g = new Value[order + 1];
        for (int k = 0; k <= order; k++) {
            g[k] = Series.scale(e[k], TWO_OVER_SQRT_PI);
        }
        return Series.integrate(y, x[0], g);
    }
}
