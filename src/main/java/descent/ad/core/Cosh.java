package descent.ad.core;

import descent.tensor.UnaryOp;

/** Hyperbolic cosine. Taylor: advanced together with sinh. */
public final class Cosh extends UnaryPrimitive {
    /** The primitive. */
    public static final Cosh INSTANCE = new Cosh();

    private Cosh() {
        super(UnaryOp.COSH);
    }

    @Override
    Value derivative(Value x, Value y) {
        return x.sinh();
    }

    @Override
    public Value[] taylor(Value[][] x, Value y) {
        return Sinh.sinhCosh(x[0], x[0][0].sinh(), y)[1];
    }
}
