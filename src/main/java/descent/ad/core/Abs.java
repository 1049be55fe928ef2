package descent.ad.core;

import descent.tensor.UnaryOp;

/** y = |x|, with derivative sign(x) (0 at 0). Locally linear: y_k = sign(x_0) x_k. */
public final class Abs extends UnaryPrimitive {
    /** The primitive. */
    public static final Abs INSTANCE = new Abs();

    private Abs() {
        super(UnaryOp.ABS);
    }

    @Override
    Value derivative(Value x, Value y) {
        return x.sign();
    }

    @Override
    public Value[] taylor(Value[][] x, Value y) {
        Value s = x[0][0].sign();
        return Series.map(x[0], v -> v.mul(s), y);
    }
}
