package descent.ad.core;

import descent.tensor.UnaryOp;

/** Softplus y = log(1 + e^x). Taylor: y' = sigmoid(x) x'. */
public final class Softplus extends UnaryPrimitive {
    /** The primitive. */
    public static final Softplus INSTANCE = new Softplus();

    private Softplus() {
        super(UnaryOp.SOFTPLUS);
    }

    @Override
    Value derivative(Value x, Value y) {
        return x.sigmoid();
    }

    @Override
    public Value[] taylor(Value[][] x, Value y) {
        Value[] g = Sigmoid.series(x[0], x[0][0].sigmoid());
        return Series.integrate(y, x[0], g);
    }
}
