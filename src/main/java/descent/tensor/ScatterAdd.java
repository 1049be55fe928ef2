package descent.tensor;


import java.util.List;

/**
 * The transpose of {@link Gather}: adds slices of the first operand into zeros of a fixed shape at
 * the positions given by the second operand (repeated positions accumulate).
 */
final class ScatterAdd extends Primitive {
    private final int axis;
    private final Shape full;

    /** Scatter along {@code axis} into zeros of shape {@code full}. */
    public ScatterAdd(int axis, Shape full) {
        this.axis = axis;
        this.full = full;
    }

    @Override
    public String name() {
        return "scatterAdd[" + axis + "]" + full;
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public Shape shape(Shape... in) {
        Shape expect = Layout.gatherShape(full, axis, in[1]);
        if (!expect.equals(in[0])) {
            throw new IllegalArgumentException("scatterAdd: updates of shape " + in[0] + " do not match " + expect
                    + " (target " + full + ", indices " + in[1] + ", axis " + axis + ")");
        }
        return full;
    }

    @Override
    public Kernel kernel(Shape[] in, Shape out) {
        return Layout.scatterAdd(full, axis, in[1]);
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return t[0] == null ? null : apply(t[0], x[1]);
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return Series.of(ct, needed[0] ? new Gather(axis).apply(ct, x[1]) : null, null);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        return Series.map(x[0], v -> apply(v, x[1][0]), y);
    }

    @Override
    List<Sample> samples() {
        return List.of(Sample.withFixed(new ScatterAdd(0, Shape.of(4, 2)), -1, 1, new Shape[] {Shape.of(3, 2), Shape.of(3)},
                null, Tensor.of(3, 0, 3)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScatterAdd && ((ScatterAdd) o).axis == axis && ((ScatterAdd) o).full.equals(full);
    }

    @Override
    public int hashCode() {
        return axis * 31 + full.hashCode();
    }
}
