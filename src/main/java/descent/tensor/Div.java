package descent.tensor;


/** Elementwise quotient. Taylor: q_k = (a_k - sum_{j=1..k} b_j q_{k-j}) / b_0. */
final class Div extends BinaryPrimitive {
    /** The primitive. */
    public static final Div INSTANCE = new Div();

    private Div() {
        super(BinaryOp.DIV);
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        T da = t[0] == null ? null : t[0].div(x[1]);
        T db = t[1] == null ? null : t[1].mul(y).div(x[1]);
        return Series.sub(da, db);
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        T q = ct.div(x[1]);
        return Series.of(ct, needed[0] ? q : null, needed[1] ? q.mul(y).neg() : null);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        return Series.divide(x[0], x[1], y);
    }

    @Override
    public java.util.List<Sample> samples() {
        return java.util.List.of(
                Sample.of(this, 0.5, 2, descent.tensor.Shape.of(2, 3), descent.tensor.Shape.of(2, 3)),
                Sample.of(this, 0.5, 2, descent.tensor.Shape.of(2, 3), descent.tensor.Shape.of(3)),
                Sample.of(this, 0.5, 2, descent.tensor.Shape.SCALAR, descent.tensor.Shape.of(2, 1)));
    }

    @Override
    public int identityOperand(Tensor[] c) {
        return allBits(c[1], 1) ? 0 : -1;
    }
}
