package descent.tensor;


import java.util.List;

/**
 * Takes slices along an axis at positions given by a second operand holding integral values.
 * Linear in the first operand (the indices are not differentiated); its transpose is
 * {@link ScatterAdd}. Because the indices are an operand, new indices need no retracing.
 */
final class Gather extends Primitive {
    private final int axis;

    /** Gather along {@code axis} (non-negative). */
    public Gather(int axis) {
        this.axis = axis;
    }

    @Override
    public String name() {
        return "gather[" + axis + "]";
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public Shape shape(Shape... in) {
        return Layout.gatherShape(in[0], axis, in[1]);
    }

    @Override
    public Kernel kernel(Shape[] in, Shape out) {
        return Layout.gather(in[0], axis, in[1]);
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return t[0] == null ? null : apply(t[0], x[1]);
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return Series.of(ct, needed[0] ? new ScatterAdd(axis, x[0].shape()).apply(ct, x[1]) : null, null);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        return Series.map(x[0], v -> apply(v, x[1][0]), y);
    }

    @Override
    List<Sample> samples() {
        return List.of(
                Sample.withFixed(new Gather(0), -1, 1, new Shape[] {Shape.of(4, 2), Shape.of(3)}, null, Tensor.of(3, 0, 3)),
                Sample.withFixed(new Gather(1), -1, 1, new Shape[] {Shape.of(2, 3), Shape.of(2, 2)}, null,
                        Tensor.of(new double[][] {{2, 1}, {0, 2}})));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gather && ((Gather) o).axis == axis;
    }

    @Override
    public int hashCode() {
        return axis + 11;
    }
}
