package descent.ad.core;

import descent.tensor.BinaryOp;

/** Elementwise quotient. Taylor: q_k = (a_k - sum_{j=1..k} b_j q_{k-j}) / b_0. */
public final class Div extends BinaryPrimitive {
    /** The primitive. */
    public static final Div INSTANCE = new Div();

    private Div() {
        super(BinaryOp.DIV);
    }

    @Override
    public Value jvp(Value[] x, Value[] t, Value y) {
        Value da = t[0] == null ? null : t[0].div(x[1]);
        Value db = t[1] == null ? null : t[1].mul(y).div(x[1]);
        return Series.sub(da, db);
    }

    @Override
    public Value[] vjp(Value[] x, Value y, Value ct, boolean[] needed) {
        Value q = ct.div(x[1]);
        return new Value[] {needed[0] ? q : null, needed[1] ? q.mul(y).neg() : null};
    }

    @Override
    public Value[] taylor(Value[][] x, Value y) {
        return Series.divide(x[0], x[1], y);
    }

    @Override
    public java.util.List<Sample> samples() {
        return java.util.List.of(
                Sample.of(this, 0.5, 2, descent.tensor.Shape.of(2, 3), descent.tensor.Shape.of(2, 3)),
                Sample.of(this, 0.5, 2, descent.tensor.Shape.of(2, 3), descent.tensor.Shape.of(3)),
                Sample.of(this, 0.5, 2, descent.tensor.Shape.SCALAR, descent.tensor.Shape.of(2, 1)));
    }
}
