package descent.tensor;


import java.util.Arrays;
import java.util.List;

/** The transpose of {@link Slice}: places the operand at the sliced positions of a zero tensor. */
final class Unslice extends LinearPrimitive {
    private final Shape full;
    private final int[] start;
    private final int[] stop;
    private final int[] step;

    /** Embed into zeros of shape {@code full} at the slice given by start, stop, step. */
    public Unslice(Shape full, int[] start, int[] stop, int[] step) {
        this.full = full;
        this.start = start.clone();
        this.stop = stop.clone();
        this.step = step.clone();
    }

    @Override
    public String name() {
        return "unslice" + full + Arrays.toString(start) + Arrays.toString(stop) + Arrays.toString(step);
    }

    @Override
    public Shape shape(Shape... in) {
        Shape sliced = Layout.sliceShape(full, start, stop, step);
        if (!sliced.equals(in[0])) {
            throw new IllegalArgumentException("unslice: operand shape " + in[0] + " does not match the slice shape " + sliced);
        }
        return full;
    }

    @Override
    public Kernel kernel(Shape[] in, Shape out) {
        return Layout.unslice(full, start, stop, step);
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return Series.of(ct, needed[0] ? new Slice(start, stop, step).apply(ct) : null);
    }

    @Override
    List<Sample> samples() {
        return List.of(Sample.of(new Unslice(Shape.of(5, 2), new int[] {1, 0}, new int[] {5, 2}, new int[] {2, 1}), -1, 1,
                Shape.of(2, 2)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Unslice && ((Unslice) o).full.equals(full) && Arrays.equals(((Unslice) o).start, start)
                && Arrays.equals(((Unslice) o).stop, stop) && Arrays.equals(((Unslice) o).step, step);
    }

    @Override
    public int hashCode() {
        return full.hashCode() * 31 + Arrays.hashCode(start) + Arrays.hashCode(stop) + Arrays.hashCode(step);
    }

    @Override
    public <T extends Ops<T>> T batch(T[] x, boolean[] batched, int size) {
        return new Unslice(Batching.withBatch(size, full), Slice.prepend(0, start), Slice.prepend(size, stop),
                Slice.prepend(1, step)).apply(x[0]);
    }
}
