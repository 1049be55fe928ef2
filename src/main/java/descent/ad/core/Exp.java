package descent.ad.core;

import descent.tensor.UnaryOp;

/** y = e^x. Taylor: y' = y x', so y_k = (1/k) sum_j j x_j y_{k-j}. */
public final class Exp extends UnaryPrimitive {
    /** The primitive. */
    public static final Exp INSTANCE = new Exp();

    private Exp() {
        super(UnaryOp.EXP);
    }

    @Override
    Value derivative(Value x, Value y) {
        return y;
    }

    @Override
    public Value[] taylor(Value[][] x, Value y) {
        Value[] r = Series.constant(y, Series.order(x));
        for (int k = 1; k < r.length; k++) {
            r[k] = Series.integrateTerm(x[0], r, k);
        }
        return r;
    }
}
