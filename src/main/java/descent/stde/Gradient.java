package descent.stde;

import descent.ad.AD;
import descent.ad.Func;
import descent.tensor.Value;

/** The gradient of u at each point, [N, d]: reverse mode through the sum over points. */
final class Gradient extends DiffOp {
    Gradient() {
        super("gradient");
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
        Func total = u.derive("stde.sum", () -> Func.of(u, 0, xs -> new Value[] {u.applyAll(xs)[0].sum()}));
        return AD.grad(total, 0).applyAll(args)[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gradient;
    }

    @Override
    public int hashCode() {
        return 23;
    }
}
