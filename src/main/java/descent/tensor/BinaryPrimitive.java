package descent.tensor;


import java.util.List;

/** An elementwise function of two operands that broadcast against each other (NumPy rules). */
abstract class BinaryPrimitive extends Primitive {
    final BinaryOp op;

    BinaryPrimitive(BinaryOp op) {
        this.op = op;
    }

    @Override
    public String name() {
        return op.label();
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public Shape shape(Shape... in) {
        return Shape.broadcast(op.label(), in[0], in[1]);
    }

    @Override
    public Kernel kernel(Shape[] in, Shape out) {
        return Elementwise.binary(op, in[0], in[1]);
    }

    @Override
    public boolean inPlace(int i, Shape[] in, Shape out) {
        return in[i].equals(out);
    }

    /** The interval samples draw operands from. */
    double[] domain() {
        return new double[] {-2, 2};
    }

    @Override
    List<Sample> samples() {
        double[] d = domain();
        return List.of(
                Sample.of(this, d[0], d[1], Shape.of(2, 3), Shape.of(2, 3)),
                Sample.of(this, d[0], d[1], Shape.of(2, 3), Shape.of(3)),
                Sample.of(this, d[0], d[1], Shape.SCALAR, Shape.of(2, 1)));
    }

    @Override
    public boolean broadcastsOperands() {
        return true;
    }

    @Override
    public <T extends Ops<T>> T batch(T[] x, boolean[] batched, int size) {
        return Batching.elementwise(this, x, batched);
    }
}
