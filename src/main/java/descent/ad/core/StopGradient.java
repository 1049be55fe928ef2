package descent.ad.core;

import descent.tensor.Kernel;
import descent.tensor.Shape;

import java.util.List;

/** Identity in value, zero in every derivative. A view in compiled plans. */
public final class StopGradient extends Primitive {
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
    public Value jvp(Value[] x, Value[] t, Value y) {
        return null;
    }

    @Override
    public Value[] vjp(Value[] x, Value y, Value ct, boolean[] needed) {
        return new Value[1];
    }

    @Override
    public Value[] taylor(Value[][] x, Value y) {
        return Series.constant(y, Series.order(x));
    }

    @Override
    public List<Sample> samples() {
        return List.of(Sample.of(this, -1, 1, Shape.of(3)).withoutFiniteDifferences());
    }
}
