package descent.ad.core;

import descent.tensor.BinaryOp;

/** Elementwise sum. Linear: y_k = a_k + b_k. */
public final class Add extends BinaryPrimitive {
    /** The primitive. */
    public static final Add INSTANCE = new Add();

    private Add() {
        super(BinaryOp.ADD);
    }

    @Override
    public Value jvp(Value[] x, Value[] t, Value y) {
        return Series.add(t[0], t[1]);
    }

    @Override
    public Value[] vjp(Value[] x, Value y, Value ct, boolean[] needed) {
        return new Value[] {needed[0] ? ct : null, needed[1] ? ct : null};
    }

    @Override
    public Value[] taylor(Value[][] x, Value y) {
        Value[] r = Series.constant(y, Series.order(x));
        for (int k = 1; k < r.length; k++) {
            r[k] = Series.add(x[0][k], x[1][k]);
        }
        return r;
    }
}
