package descent.ad.core;

import descent.tensor.Kernel;
import descent.tensor.Reduce;
import descent.tensor.Shape;

import java.util.Arrays;
import java.util.List;

/** Sum over a set of axes, which are removed. Transpose: broadcast back over those axes. */
public final class ReduceSum extends LinearPrimitive {
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
    public Value[] vjp(Value[] x, Value y, Value ct, boolean[] needed) {
        if (!needed[0]) {
            return new Value[1];
        }
        int[] kept = x[0].shape().dims();
        for (int a : axes) {
            kept[a] = 1;
        }
        return new Value[] {ct.reshape(kept).broadcastTo(x[0].shape())};
    }

    @Override
    public List<Sample> samples() {
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
}
