package descent.stde;

import descent.ad.Func;
import descent.tensor.Random;
import descent.tensor.Shape;
import descent.tensor.Value;

/**
 * The biharmonic sum_ij d^4u/dx_i^2 dx_j^2: exactly as the Laplacian of the Laplacian (jets of
 * jets), or estimated from Gaussian 4-jets, E[d^4/dt^4 u(x + t v)] = 3 (biharmonic) for v ~ N(0, I).
 */
final class Biharmonic extends DiffOp {
    Biharmonic() {
        super("biharmonic");
    }

    @Override
    void check(Method m) {
        if (m.kind != Method.Kind.EXACT && m.kind != Method.Kind.GAUSSIAN) {
            throw unsupported(m);
        }
    }

    @Override
    String supported() {
        return "exact or gaussian";
    }

    @Override
    Value evaluate(Func u, Value[] args, Value key, Method m) {
        if (m.kind == Method.Kind.EXACT) {
            Func lap = DiffOp.laplacian().on(u, m);
            return DiffOp.laplacian().on(lap, m).applyAll(args)[0];
        }
        Value x = args[0];
        Value v = Random.normal(key, Shape.of(m.samples, x.shape().dim(0), x.shape().dim(1)));
        return Jets.probes(u, args, v, 4).mean(0).div(3);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Biharmonic;
    }

    @Override
    public int hashCode() {
        return 17;
    }
}
