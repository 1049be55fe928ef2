package descent.ad.core;

import descent.tensor.UnaryOp;

/** Negation, y = -x. Linear: every Taylor coefficient is negated. */
public final class Neg extends UnaryPrimitive {
    /** The primitive. */
    public static final Neg INSTANCE = new Neg();

    private Neg() {
        super(UnaryOp.NEG);
    }

    @Override
    Value derivative(Value x, Value y) {
        return Value.scalar(-1);
    }

    @Override
    public Value jvp(Value[] x, Value[] t, Value y) {
        return Series.neg(t[0]);
    }

    @Override
    public Value[] vjp(Value[] x, Value y, Value ct, boolean[] needed) {
        return new Value[] {needed[0] ? ct.neg() : null};
    }

    @Override
    public Value[] taylor(Value[][] x, Value y) {
        return Series.map(x[0], Value::neg, y);
    }
}
