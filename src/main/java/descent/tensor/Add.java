package descent.tensor;


/** Elementwise sum. Linear: y_k = a_k + b_k. */
final class Add extends BinaryPrimitive {
    /** The primitive. */
    public static final Add INSTANCE = new Add();

    private Add() {
        super(BinaryOp.ADD);
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return Series.add(t[0], t[1]);
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return Series.of(ct, needed[0] ? ct : null, needed[1] ? ct : null);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        T[] r = Series.constant(y, Series.order(x));
        for (int k = 1; k < r.length; k++) {
            r[k] = Series.add(x[0][k], x[1][k]);
        }
        return r;
    }

    @Override
    public int identityOperand(Tensor[] c) {
        return allBits(c[1], -0.0) ? 0 : allBits(c[0], -0.0) ? 1 : -1;
    }

    @Override
    public boolean isCommutative() {
        return true;
    }

    /** x + scatterAdd(u, idx) accumulates the scattered slices into x's buffer instead of into fresh zeros. */
    @Override
    public <T extends Ops<T>> T rewrite(T[] x, Provenance<T> how) {
        for (int i = 0; i < 2; i++) {
            T other = x[1 - i];
            if (how.producer(x[i]) instanceof ScatterAdd && other.shape().equals(x[i].shape())) {
                T[] scattered = how.operands(x[i]);
                return new ScatterAccumulate(((ScatterAdd) how.producer(x[i])).axis()).apply(other, scattered[0], scattered[1]);
            }
        }
        return null;
    }
}
