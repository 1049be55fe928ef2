package descent.tensor;


import java.util.List;

/** Identity in value, zero in every derivative. A view in compiled plans. */
final class StopGradient extends Primitive {
    /** The primitive. */
    public static final StopGradient INSTANCE = new StopGradient();

    private StopGradient() {
    }

    @Override
    public String name() {
        return "stopGradient";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape shape(Shape... in) {
        return in[0];
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
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return null;
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return ct.newArray(1);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        return Series.constant(y, Series.order(x));
    }

    @Override
    List<Sample> samples() {
        return List.of(Sample.of(this, -1, 1, Shape.of(3)).withoutFiniteDifferences());
    }

    @Override
    public <T extends Ops<T>> T batch(T[] x, boolean[] batched, int size) {
        return Batching.elementwise(this, x, batched);
    }
}
