package descent.tensor;


import java.util.Arrays;
import java.util.List;

/** A strided box of the operand: per axis start (inclusive), stop (exclusive), positive step. */
final class Slice extends LinearPrimitive {
    private final int[] start;
    private final int[] stop;
    private final int[] step;

    /** Slice with per-axis start, stop and step. */
    public Slice(int[] start, int[] stop, int[] step) {
        this.start = start.clone();
        this.stop = stop.clone();
        this.step = step.clone();
    }

    @Override
    public String name() {
        return "slice" + Arrays.toString(start) + Arrays.toString(stop) + Arrays.toString(step);
    }

    @Override
    public Shape shape(Shape... in) {
        return Layout.sliceShape(in[0], start, stop, step);
    }

    @Override
    public Kernel kernel(Shape[] in, Shape out) {
        return Layout.slice(in[0], start, stop, step);
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return Series.of(ct, needed[0] ? new Unslice(x[0].shape(), start, stop, step).apply(ct) : null);
    }

    @Override
    List<Sample> samples() {
        return List.of(Sample.of(new Slice(new int[] {0, 1}, new int[] {2, 3}, new int[] {1, 1}), -1, 1, Shape.of(2, 3)),
                Sample.of(new Slice(new int[] {1, 0}, new int[] {5, 2}, new int[] {2, 1}), -1, 1, Shape.of(5, 2)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Slice && Arrays.equals(((Slice) o).start, start) && Arrays.equals(((Slice) o).stop, stop)
                && Arrays.equals(((Slice) o).step, step);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(start) * 31 * 31 + Arrays.hashCode(stop) * 31 + Arrays.hashCode(step);
    }

    @Override
    public <T extends Ops<T>> T batch(T[] x, boolean[] batched, int size) {
        return new Slice(prepend(0, start), prepend(size, stop), prepend(1, step)).apply(x[0]);
    }

    static int[] prepend(int first, int[] rest) {
        int[] r = new int[rest.length + 1];
        r[0] = first;
        System.arraycopy(rest, 0, r, 1, rest.length);
        return r;
    }
}
