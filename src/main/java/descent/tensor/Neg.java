package descent.tensor;


/** Negation, y = -x. Linear: every Taylor coefficient is negated. */
final class Neg extends UnaryPrimitive {
    /** The primitive. */
    public static final Neg INSTANCE = new Neg();

    private Neg() {
        super(UnaryOp.NEG);
    }

    @Override
    <T extends Ops<T>> T derivative(T x, T y) {
        return x.constant(-1);
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return Series.neg(t[0]);
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return Series.of(ct, needed[0] ? ct.neg() : null);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        return Series.map(x[0], T::neg, y);
    }

    @Override
    public boolean isInvolution() {
        return true;
    }
}
