package descent.ad.core;

import descent.tensor.BinaryOp;

/** Elementwise product. Taylor: the Cauchy product y_k = sum_j a_j b_{k-j}. */
public final class Mul extends BinaryPrimitive {
    /** The primitive. */
    public static final Mul INSTANCE = new Mul();

    private Mul() {
        super(BinaryOp.MUL);
    }

    @Override
    public Value jvp(Value[] x, Value[] t, Value y) {
        return Series.add(Series.mul(t[0], x[1]), Series.mul(x[0], t[1]));
    }

    @Override
    public Value[] vjp(Value[] x, Value y, Value ct, boolean[] needed) {
        return new Value[] {needed[0] ? ct.mul(x[1]) : null, needed[1] ? ct.mul(x[0]) : null};
    }

    @Override
    public Value[] taylor(Value[][] x, Value y) {
        Value[] r = Series.constant(y, Series.order(x));
        for (int k = 1; k < r.length; k++) {
            r[k] = Series.cauchyTerm(x[0], x[1], k);
        }
        return r;
    }
}
