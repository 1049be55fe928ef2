package descent.tensor;


import java.util.Arrays;
import java.util.List;

/**
 * Maximum over a set of axes, which are removed. The derivative flows to the maximal entries,
 * shared evenly among ties: with mask m = [x == max], y_k = sum(x_k m) / sum(m).
 */
final class ReduceMax extends Primitive {
    private final int[] axes;

    /** Maximum over {@code axes} (sorted, non-negative, distinct). */
    public ReduceMax(int... axes) {
        this.axes = axes.clone();
    }

    @Override
    public String name() {
        return "max" + Arrays.toString(axes);
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape shape(Shape... in) {
        return Reduce.reducedShape(in[0], axes);
    }

    @Override
    public Kernel kernel(Shape[] in, Shape out) {
        return Reduce.max(in[0], axes);
    }

    private int[] kept(Shape in) {
        int[] d = in.dims();
        for (int a : axes) {
            d[a] = 1;
        }
        return d;
    }

    /** Weights over the input: 1/count at maximal entries, 0 elsewhere. */
    private <T extends Ops<T>> T weights(T x, T y) {
        T mask = x.eq(y.reshape(kept(x.shape())));
        T count = new ReduceSum(axes).apply(mask).reshape(kept(x.shape()));
        return mask.div(count);
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return t[0] == null ? null : new ReduceSum(axes).apply(t[0].mul(weights(x[0], y)));
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        if (!needed[0]) {
            return ct.newArray(1);
        }
        return Series.of(ct, ct.reshape(kept(x[0].shape())).mul(weights(x[0], y)));
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        T w = weights(x[0][0], y);
        ReduceSum sum = new ReduceSum(axes);
        return Series.map(x[0], v -> sum.apply(v.mul(w)), y);
    }

    @Override
    List<Sample> samples() {
        return List.of(
                Sample.of(new ReduceMax(0, 1), -1, 1, Shape.of(2, 3)),
                Sample.of(new ReduceMax(1), -1, 1, Shape.of(2, 3)),
                Sample.of(new ReduceMax(0), -1, 1, Shape.of(3, 2, 2)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReduceMax && Arrays.equals(((ReduceMax) o).axes, axes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(axes) + 7;
    }

    @Override
    public <T extends Ops<T>> T batch(T[] x, boolean[] batched, int size) {
        return new ReduceMax(Batching.shift(axes)).apply(x[0]);
    }
}
