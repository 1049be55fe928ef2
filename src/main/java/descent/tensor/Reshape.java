package descent.tensor;


import java.util.List;

/** The same elements in row-major order under a new shape. A view in compiled plans. */
final class Reshape extends LinearPrimitive {
    private final Shape target;

    /** Reshape to {@code target}. */
    public Reshape(Shape target) {
        this.target = target;
    }

    @Override
    public String name() {
        return "reshape" + target;
    }

    @Override
    public Shape shape(Shape... in) {
        if (in[0].size() != target.size()) {
            throw new IllegalArgumentException("reshape: cannot reshape " + in[0] + " (" + in[0].size() + " elements) to "
                    + target + " (" + target.size() + " elements)");
        }
        return target;
    }

    @Override
    public Kernel kernel(Shape[] in, Shape out) {
        int n = out.size();
        return (i, o) -> System.arraycopy(i[0], 0, o, 0, n);
    }

    @Override
    public boolean isView() {
        return true;
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return Series.of(ct, needed[0] ? ct.reshape(x[0].shape().dims()) : null);
    }

    @Override
    List<Sample> samples() {
        return List.of(Sample.of(new Reshape(Shape.of(3, 2)), -1, 1, Shape.of(2, 3)),
                Sample.of(new Reshape(Shape.of(6)), -1, 1, Shape.of(2, 1, 3)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reshape && ((Reshape) o).target.equals(target);
    }

    @Override
    public int hashCode() {
        return target.hashCode();
    }

    @Override
    public <T extends Ops<T>> T batch(T[] x, boolean[] batched, int size) {
        return new Reshape(Batching.withBatch(size, target)).apply(x[0]);
    }

    /** The target shape. */
    Shape target() {
        return target;
    }
}
