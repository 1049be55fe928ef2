package descent.tensor;


import java.util.List;

/**
 * An elementwise function of one operand. Forward and reverse mode both follow from the
 * derivative f'(x), given by {@link #derivative}; subclasses add their Taylor rule.
 */
abstract class UnaryPrimitive extends Primitive {
    private final UnaryOp op;

    UnaryPrimitive(UnaryOp op) {
        this.op = op;
    }

    @Override
    public String name() {
        return op.label();
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape shape(Shape... in) {
        return in[0];
    }

    @Override
    public Kernel kernel(Shape[] in, Shape out) {
        return Elementwise.unary(op, out);
    }

    @Override
    public boolean inPlace(int i, Shape[] in, Shape out) {
        return true;
    }

    /** f'(x) as a value, given the operand and the output y = f(x); null if identically zero. */
    abstract <T extends Ops<T>> T derivative(T x, T y);

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return Series.mul(t[0], derivative(x[0], y));
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return Series.of(ct, needed[0] ? Series.mul(ct, derivative(x[0], y)) : null);
    }

    /** The interval samples draw operands from; inside the function's smooth domain. */
    double[] domain() {
        return new double[] {-2, 2};
    }

    @Override
    List<Sample> samples() {
        double[] d = domain();
        return List.of(Sample.of(this, d[0], d[1], Shape.of(2, 3)), Sample.of(this, d[0], d[1], Shape.SCALAR));
    }

    @Override
    public <T extends Ops<T>> T batch(T[] x, boolean[] batched, int size) {
        return Batching.elementwise(this, x, batched);
    }
}
