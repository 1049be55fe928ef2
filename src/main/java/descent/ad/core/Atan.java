package descent.ad.core;

import descent.tensor.UnaryOp;

/** Arctangent. Taylor: y' = x' / (1 + x^2), with the quotient expanded as a series. */
public final class Atan extends UnaryPrimitive {
    /** The primitive. */
    public static final Atan INSTANCE = new Atan();

    private Atan() {
        super(UnaryOp.ATAN);
    }

    @Override
    Value derivative(Value x, Value y) {
        return x.square().add(1).rdiv(1);
    }

    @Override
    public Value[] taylor(Value[][] x, Value y) {
        int order = Series.order(x);
        Value[] q = new Value[order + 1];
        q[0] = x[0][0].square().add(1);
        for (int k = 1; k <= order; k++) {
            q[k] = Series.cauchyTerm(x[0], x[0], k);
        }
        Value[] one = Series.constant(Value.scalar(1), order);
        Value[] g = Series.divide(one, q, q[0].rdiv(1));
        return Series.integrate(y, x[0], g);
    }
}
