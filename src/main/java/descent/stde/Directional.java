package descent.stde;

import descent.ad.Func;
import descent.tensor.Tensor;
import descent.tensor.Value;

/** The k-th directional derivative d^k/dt^k u(x + t v) for a fixed direction v, from one k-jet. */
final class Directional extends DiffOp {
    private final Tensor v;
    private final int k;

    Directional(Tensor v, int k) {
        super("directional" + k);
        if (v.rank() != 1) {
            throw new IllegalArgumentException("directional: the direction must be a vector of length d, got shape " + v.shape());
        }
        if (k < 1) {
            throw new IllegalArgumentException("directional: the order must be at least 1, got " + k);
        }
        this.v = v;
        this.k = k;
    }

    @Override
    void check(Method m) {
        if (m.kind != Method.Kind.EXACT) {
            throw unsupported(m);
        }
    }

    @Override
    String supported() {
        return "exact";
    }

    @Override
    Value evaluate(Func u, Value[] args, Value key, Method m) {
        Value x = args[0];
        if (x.shape().dim(1) != v.size()) {
            throw new IllegalArgumentException(name() + ": the direction has length " + v.size() + " but the points have d = "
                    + x.shape().dim(1));
        }
        return Jets.along(u, args, x.constant(v).reshape(1, v.size()).broadcastTo(x.shape()), k);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Directional && ((Directional) o).k == k && ((Directional) o).v.equals(v);
    }

    @Override
    public int hashCode() {
        return 31 * v.hashCode() + k;
    }
}
