package descent.tensor;

import java.util.List;

/**
 * base + (slices of the updates added at the positions of the indices along an axis): what a sum
 * with a {@link ScatterAdd} becomes, so that the scattered rows are added into the other operand's
 * buffer in place instead of scattering into a fresh zero tensor of the full size first (the
 * gradient of a gather from a large first layer).
 */
final class ScatterAccumulate extends Primitive {
    private final int axis;

    ScatterAccumulate(int axis) {
        this.axis = axis;
    }

    @Override
    public String name() {
        return "scatterAccumulate[" + axis + "]";
    }

    @Override
    public int arity() {
        return 3;
    }

    @Override
    public Shape shape(Shape... in) {
        new ScatterAdd(axis, in[0]).shape(in[1], in[2]);
        return in[0];
    }

    @Override
    public Kernel kernel(Shape[] in, Shape out) {
        Kernel scatter = Layout.scatterAccumulate(out, axis, in[2]);
        int n = out.size();
        return (i, o) -> {
            if (i[0] != o) {
                System.arraycopy(i[0], 0, o, 0, n);
            }
            scatter.run(new double[][] {i[1], i[2]}, o);
        };
    }

    @Override
    public boolean inPlace(int i, Shape[] in, Shape out) {
        return i == 0;
    }

    /** base + scatter(updates), either possibly zero (null). */
    private <T extends Ops<T>> T linear(T base, T updates, T idx, Shape full) {
        if (updates == null) {
            return base;
        }
        return base == null ? new ScatterAdd(axis, full).apply(updates, idx) : apply(base, updates, idx);
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return linear(t[0], t[1], x[2], x[0].shape());
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return Series.of(ct, needed[0] ? ct : null, needed[1] ? new Gather(axis).apply(ct, x[2]) : null, null);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        T[] r = Series.constant(y, Series.order(x));
        for (int k = 1; k < r.length; k++) {
            r[k] = linear(x[0][k], x[1][k], x[2][0], y.shape());
        }
        return r;
    }

    @Override
    public <T extends Ops<T>> T batch(T[] x, boolean[] batched, int size) {
        Shape full = batched[0] ? x[0].shape().drop(0) : x[0].shape();
        ScatterAdd scatter = new ScatterAdd(axis, full);
        T scattered = batched[1] || batched[2]
                ? scatter.batch(Series.of(x[1], x[1], x[2]), new boolean[] {batched[1], batched[2]}, size)
                : scatter.apply(x[1], x[2]);
        T base = batched[0] ? x[0] : Batching.broadcast(x[0], size);
        return base.add(scattered);
    }

    @Override
    List<Sample> samples() {
        return List.of(Sample.withFixed(new ScatterAccumulate(0), -1, 1, new Shape[] {Shape.of(4, 2), Shape.of(3, 2), Shape.of(3)},
                null, null, Tensor.of(3, 0, 3)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScatterAccumulate && ((ScatterAccumulate) o).axis == axis;
    }

    @Override
    public int hashCode() {
        return axis * 37 + 3;
    }
}
