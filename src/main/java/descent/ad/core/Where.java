package descent.ad.core;

import descent.tensor.Elementwise;
import descent.tensor.Kernel;
import descent.tensor.Shape;
import descent.tensor.Tensor;

import java.util.List;

/**
 * Elementwise selection {@code cond != 0 ? a : b} with broadcasting. The condition is not
 * differentiated; derivatives flow to whichever branch is selected: y_k = select(cond, a_k, b_k).
 */
public final class Where extends Primitive {
    /** The primitive. */
    public static final Where INSTANCE = new Where();

    private Where() {
    }

    @Override
    public String name() {
        return "where";
    }

    @Override
    public int arity() {
        return 3;
    }

    @Override
    public Shape shape(Shape... in) {
        return Elementwise.whereShape(in[0], in[1], in[2]);
    }

    @Override
    public Kernel kernel(Shape[] in, Shape out) {
        return Elementwise.where(in[0], in[1], in[2]);
    }

    @Override
    public boolean inPlace(int i, Shape[] in, Shape out) {
        return in[i].equals(out);
    }

    private static Value select(Value c, Value a, Value b, Shape shape) {
        if (a == null && b == null) {
            return null;
        }
        Value z = Value.scalar(0);
        return Value.where(c, a == null ? z : a, b == null ? z : b).broadcastTo(shape);
    }

    @Override
    public Value jvp(Value[] x, Value[] t, Value y) {
        return select(x[0], t[1], t[2], y.shape());
    }

    @Override
    public Value[] vjp(Value[] x, Value y, Value ct, boolean[] needed) {
        Value z = Value.scalar(0);
        return new Value[] {null,
                needed[1] ? Value.where(x[0], ct, z) : null,
                needed[2] ? Value.where(x[0], z, ct) : null};
    }

    @Override
    public Value[] taylor(Value[][] x, Value y) {
        Value[] r = Series.constant(y, Series.order(x));
        for (int k = 1; k < r.length; k++) {
            r[k] = select(x[0][0], x[1][k], x[2][k], y.shape());
        }
        return r;
    }

    @Override
    public List<Sample> samples() {
        Tensor mask = Tensor.of(new double[][] {{1, 0, 1}, {0, 0, 1}});
        return List.of(
                Sample.withFixed(this, -2, 2, new Shape[] {Shape.of(2, 3), Shape.of(2, 3), Shape.of(2, 3)}, mask, null, null),
                Sample.withFixed(this, -2, 2, new Shape[] {Shape.of(2, 3), Shape.of(3), Shape.SCALAR}, mask, null, null));
    }
}
