package descent.tensor;


/**
 * Elementwise maximum or minimum. The derivative follows the selected operand; at ties it is
 * split evenly (the average of both one-sided choices), in every mode.
 */
final class Extremum extends BinaryPrimitive {
    /** max(a, b) */
    public static final Extremum MAX = new Extremum(BinaryOp.MAXIMUM);
    /** min(a, b) */
    public static final Extremum MIN = new Extremum(BinaryOp.MINIMUM);

    private Extremum(BinaryOp op) {
        super(op);
    }

    /** Weight of operand a: 1 where a is selected, 1/2 at ties, 0 otherwise. */
    private <T extends Ops<T>> T weightA(T a, T b) {
        T wins = op == BinaryOp.MAXIMUM ? a.gt(b) : a.lt(b);
        return wins.add(a.eq(b).mul(0.5));
    }

    private <T extends Ops<T>> T combine(T a, T b, T ta, T tb) {
        T w = weightA(a, b);
        return Series.add(Series.mul(ta, w), Series.mul(tb, w.rsub(1)));
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return combine(x[0], x[1], t[0], t[1]);
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        T w = weightA(x[0], x[1]);
        return Series.of(ct, needed[0] ? ct.mul(w) : null, needed[1] ? ct.mul(w.rsub(1)) : null);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        T[] r = Series.constant(y, Series.order(x));
        for (int k = 1; k < r.length; k++) {
            r[k] = combine(x[0][0], x[1][0], x[0][k], x[1][k]);
        }
        return r;
    }

    @Override
    public boolean isCommutative() {
        return true;
    }
}
