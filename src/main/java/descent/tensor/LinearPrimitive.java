package descent.tensor;

/**
 * A primitive linear in its single operand: forward mode applies it to the tangent, Taylor mode
 * to every coefficient; reverse mode is its transpose, given by each subclass.
 */
abstract class LinearPrimitive extends Primitive {
    @Override
    public int arity() {
        return 1;
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return t[0] == null ? null : apply(t[0]);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        return Series.map(x[0], this::apply, y);
    }
}
