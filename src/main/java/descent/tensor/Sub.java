package descent.tensor;


/** Elementwise difference. Linear: y_k = a_k - b_k. */
final class Sub extends BinaryPrimitive {
    /** The primitive. */
    public static final Sub INSTANCE = new Sub();

    private Sub() {
        super(BinaryOp.SUB);
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return Series.sub(t[0], t[1]);
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return Series.of(ct, needed[0] ? ct : null, needed[1] ? ct.neg() : null);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        T[] r = Series.constant(y, Series.order(x));
        for (int k = 1; k < r.length; k++) {
            r[k] = Series.sub(x[0][k], x[1][k]);
        }
        return r;
    }

    @Override
    public int identityOperand(Tensor[] c) {
        return allBits(c[1], 0.0) ? 0 : -1;
    }
}
