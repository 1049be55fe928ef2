package descent.tensor;


/** Elementwise product. Taylor: the Cauchy product y_k = sum_j a_j b_{k-j}. */
final class Mul extends BinaryPrimitive {
    /** The primitive. */
    public static final Mul INSTANCE = new Mul();

    private Mul() {
        super(BinaryOp.MUL);
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return Series.add(Series.mul(t[0], x[1]), Series.mul(x[0], t[1]));
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return Series.of(ct, needed[0] ? ct.mul(x[1]) : null, needed[1] ? ct.mul(x[0]) : null);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        T[] r = Series.constant(y, Series.order(x));
        for (int k = 1; k < r.length; k++) {
            r[k] = Series.cauchyTerm(x[0], x[1], k);
        }
        return r;
    }

    @Override
    public int identityOperand(Tensor[] c) {
        return allBits(c[1], 1) ? 0 : allBits(c[0], 1) ? 1 : -1;
    }

    @Override
    public boolean isCommutative() {
        return true;
    }
}
