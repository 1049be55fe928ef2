package descent.ad.core;

import descent.tensor.UnaryOp;

/** Cosine. Taylor: advanced together with sine. */
public final class Cos extends UnaryPrimitive {
    /** The primitive. */
    public static final Cos INSTANCE = new Cos();

    private Cos() {
        super(UnaryOp.COS);
    }

    @Override
    Value derivative(Value x, Value y) {
        return x.sin().neg();
    }

    @Override
    public Value[] taylor(Value[][] x, Value y) {
        return Sin.sinCos(x[0], x[0][0].sin(), y)[1];
    }
}
