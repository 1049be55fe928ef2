package descent.tensor;


import java.util.List;

/**
 * Elementwise selection {@code cond != 0 ? a : b} with broadcasting. The condition is not
 * differentiated; derivatives flow to whichever branch is selected: y_k = select(cond, a_k, b_k).
 */
final class Where extends Primitive {
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

    private static <T extends Ops<T>> T select(T c, T a, T b, Shape shape) {
        if (a == null && b == null) {
            return null;
        }
        T z = c.constant(0);
        return c.where(a == null ? z : a, b == null ? z : b).broadcastTo(shape);
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return select(x[0], t[1], t[2], y.shape());
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        T z = ct.constant(0);
        return Series.of(ct, null,
                needed[1] ? x[0].where(ct, z) : null,
                needed[2] ? x[0].where(z, ct) : null);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        T[] r = Series.constant(y, Series.order(x));
        for (int k = 1; k < r.length; k++) {
            r[k] = select(x[0][0], x[1][k], x[2][k], y.shape());
        }
        return r;
    }

    @Override
    List<Sample> samples() {
        Tensor mask = Tensor.of(new double[][] {{1, 0, 1}, {0, 0, 1}});
        return List.of(
                Sample.withFixed(this, -2, 2, new Shape[] {Shape.of(2, 3), Shape.of(2, 3), Shape.of(2, 3)}, mask, null, null),
                Sample.withFixed(this, -2, 2, new Shape[] {Shape.of(2, 3), Shape.of(3), Shape.SCALAR}, mask, null, null));
    }

    @Override
    public boolean broadcastsOperands() {
        return true;
    }

    @Override
    public <T extends Ops<T>> T batch(T[] x, boolean[] batched, int size) {
        return Batching.elementwise(this, x, batched);
    }
}
