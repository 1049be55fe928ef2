package descent.stde;

import descent.ad.Func;
import descent.tensor.Random;
import descent.tensor.Shape;
import descent.tensor.Value;

/**
 * The divergence sum_i dF_i/dx_i of a vector field F: points [N, d] -&gt; [N, d], exactly from one
 * first-order jet per coordinate, or by Hutchinson's v^T (dF/dx) v.
 */
final class Divergence extends DiffOp {
    Divergence() {
        super("divergence");
    }

    @Override
    void check(Method m) {
        if (m.kind == Method.Kind.SPARSE) {
            throw unsupported(m);
        }
    }

    @Override
    String supported() {
        return "exact, rademacher or gaussian";
    }

    @Override
    Value evaluate(Func f, Value[] args, Value key, Method m) {
        Value x = args[0];
        int n = x.shape().dim(0);
        int d = x.shape().dim(1);
        if (m.kind == Method.Kind.EXACT) {
            return Jets.coordinates(f, args, x.constant(descent.tensor.Tensor.arange(d)), 1, true).sum(0);
        }
        Shape probes = Shape.of(m.samples, n, d);
        Value v = m.kind == Method.Kind.RADEMACHER ? Random.rademacher(key, probes) : Random.normal(key, probes);
        Func projected = f.derive("stde.divergence.probe", () -> Func.of(f, 1, xs -> {
            Value[] a = java.util.Arrays.copyOf(xs, xs.length - 1);
            Value dir = xs[xs.length - 1];
            return new Value[] {Jets.along(f, a, dir, 1).mul(dir).sum(1)};
        }));
        int[] axes = new int[projected.arity()];
        java.util.Arrays.fill(axes, descent.ad.AD.NOT_BATCHED);
        axes[axes.length - 1] = 0;
        return descent.ad.AD.vmap(projected, axes, null).applyAll(Jets.append(args, v))[0].mean(0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Divergence;
    }

    @Override
    public int hashCode() {
        return 29;
    }
}
