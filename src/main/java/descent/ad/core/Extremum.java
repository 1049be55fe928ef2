package descent.ad.core;

import descent.tensor.BinaryOp;

/**
 * Elementwise maximum or minimum. The derivative follows the selected operand; at ties it is
 * split evenly (the average of both one-sided choices), in every mode.
 */
public final class Extremum extends BinaryPrimitive {
    /** max(a, b) */
    public static final Extremum MAX = new Extremum(BinaryOp.MAXIMUM);
    /** min(a, b) */
    public static final Extremum MIN = new Extremum(BinaryOp.MINIMUM);

    private Extremum(BinaryOp op) {
        super(op);
    }

    /** Weight of operand a: 1 where a is selected, 1/2 at ties, 0 otherwise. */
    private Value weightA(Value a, Value b) {
        Value wins = op == BinaryOp.MAXIMUM ? a.gt(b) : a.lt(b);
        return wins.add(a.eq(b).mul(0.5));
    }

    private Value combine(Value a, Value b, Value ta, Value tb) {
        Value w = weightA(a, b);
        return Series.add(Series.mul(ta, w), Series.mul(tb, w.rsub(1)));
    }

    @Override
    public Value jvp(Value[] x, Value[] t, Value y) {
        return combine(x[0], x[1], t[0], t[1]);
    }

    @Override
    public Value[] vjp(Value[] x, Value y, Value ct, boolean[] needed) {
        Value w = weightA(x[0], x[1]);
        return new Value[] {needed[0] ? ct.mul(w) : null, needed[1] ? ct.mul(w.rsub(1)) : null};
    }

    @Override
    public Value[] taylor(Value[][] x, Value y) {
        Value[] r = Series.constant(y, Series.order(x));
        for (int k = 1; k < r.length; k++) {
            r[k] = combine(x[0][0], x[1][0], x[0][k], x[1][k]);
        }
        return r;
    }
}
