package descent.tensor;


import java.util.Arrays;
import java.util.List;

/** Sum over a set of axes, which are removed. Transpose: broadcast back over those axes. */
final class ReduceSum extends LinearPrimitive {
    private final int[] axes;

    /** Sum over {@code axes} (sorted, non-negative, distinct). */
    public ReduceSum(int... axes) {
        this.axes = axes.clone();
    }

    @Override
    public String name() {
        return "sum" + Arrays.toString(axes);
    }

    @Override
    public Shape shape(Shape... in) {
        return Reduce.reducedShape(in[0], axes);
    }

    @Override
    public Kernel kernel(Shape[] in, Shape out) {
        return Reduce.sum(in[0], axes);
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        if (!needed[0]) {
            return ct.newArray(1);
        }
        int[] kept = x[0].shape().dims();
        for (int a : axes) {
            kept[a] = 1;
        }
        return Series.of(ct, ct.reshape(kept).broadcastTo(x[0].shape()));
    }

    @Override
    List<Sample> samples() {
        return List.of(
                Sample.of(new ReduceSum(0, 1), -1, 1, Shape.of(2, 3)),
                Sample.of(new ReduceSum(1), -1, 1, Shape.of(2, 3)),
                Sample.of(new ReduceSum(0), -1, 1, Shape.of(2, 3)),
                Sample.of(new ReduceSum(0, 2), -1, 1, Shape.of(2, 3, 2)),
                Sample.of(new ReduceSum(1), -1, 1, Shape.of(2, 3, 2)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReduceSum && Arrays.equals(((ReduceSum) o).axes, axes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(axes);
    }

    @Override
    public <T extends Ops<T>> T batch(T[] x, boolean[] batched, int size) {
        return new ReduceSum(Batching.shift(axes)).apply(x[0]);
    }

    /** A sum over the last axis of products with one-hot coordinate rows becomes a gather (see {@link OneHotAlgebra}). */
    @Override
    public <T extends Ops<T>> T rewrite(T[] x, Provenance<T> how) {
        if (axes.length != 1 || axes[0] != x[0].rank() - 1) {
            return null;
        }
        return OneHotAlgebra.sumLast(x[0], how);
    }
}
