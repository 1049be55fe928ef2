package descent.tensor;


import java.util.List;

/** Broadcast to a larger shape (NumPy rules). Transpose: sum over the broadcast axes. */
final class BroadcastTo extends LinearPrimitive {
    private final Shape target;

    /** Broadcast to {@code target}. */
    public BroadcastTo(Shape target) {
        this.target = target;
    }

    @Override
    public String name() {
        return "broadcast" + target;
    }

    @Override
    public Shape shape(Shape... in) {
        if (!in[0].broadcastsTo(target)) {
            throw new IllegalArgumentException("broadcastTo: shape " + in[0] + " does not broadcast to " + target);
        }
        return target;
    }

    @Override
    public Kernel kernel(Shape[] in, Shape out) {
        return Layout.broadcastTo(in[0], target);
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return Series.of(ct, needed[0] ? ct.sumTo(x[0].shape()) : null);
    }

    @Override
    List<Sample> samples() {
        return List.of(Sample.of(new BroadcastTo(Shape.of(2, 3)), -1, 1, Shape.of(3)),
                Sample.of(new BroadcastTo(Shape.of(2, 3)), -1, 1, Shape.of(2, 1)),
                Sample.of(new BroadcastTo(Shape.of(2, 2)), -1, 1, Shape.SCALAR));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BroadcastTo && ((BroadcastTo) o).target.equals(target);
    }

    @Override
    public int hashCode() {
        return target.hashCode() + 3;
    }

    @Override
    public boolean isBroadcast() {
        return true;
    }

    @Override
    public <T extends Ops<T>> T batch(T[] x, boolean[] batched, int size) {
        return new BroadcastTo(Batching.withBatch(size, target)).apply(Batching.extend(x[0], target.rank()));
    }

    /** The target shape. */
    Shape target() {
        return target;
    }
}
