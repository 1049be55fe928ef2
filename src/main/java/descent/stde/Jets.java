package descent.stde;

import descent.ad.AD;
import descent.ad.Func;
import descent.tensor.Value;

import java.util.Arrays;
import java.util.List;

/**
 * Taylor-mode building blocks of the operators: derivatives of u(X, theta...) along per-point
 * tangents of the points X [N, d], batched over coordinates (one-hot tangents, which the first
 * layer turns into a gather) or over probe directions.
 */
final class Jets {
    private Jets() {
    }

    /**
     * The k-th derivative d^k/dt^k u(X + t V, theta) at t = 0, per point: [N]. The other series
     * terms are zero (symbolic, so they cost nothing).
     */
    static Value along(Func u, Value[] args, Value v, int k) {
        return series(u, args, k, slots(k, v))[k];
    }

    /** The jet of u along X with series term s (1-based) equal to {@code terms[s]} (null: zero); all K+1 coefficients. */
    static Value[] series(Func u, Value[] args, int order, Value[] terms) {
        Func jet = AD.jet(u, order, 0);
        Value x = args[0];
        Value[] in = Arrays.copyOf(args, args.length + order);
        for (int s = 1; s <= order; s++) {
            in[args.length + s - 1] = terms[s] != null ? terms[s] : x.zerosOf(x.shape());
        }
        Value[] out = jet.applyAll(in);
        if (out.length != order + 1) {
            throw new IllegalArgumentException(u.name() + " must return one value (u at the points), returns "
                    + out.length / (order + 1));
        }
        return out;
    }

    private static Value[] slots(int k, Value v) {
        Value[] t = new Value[k + 1];
        t[1] = v;
        return t;
    }

    /** k-th derivatives along the coordinate directions e_i for the indices {@code idx} [J]: shape [J, N]. */
    static Value coordinates(Func u, Value[] args, Value idx, int k) {
        return coordinates(u, args, idx, k, false);
    }

    /**
     * k-th derivatives along e_i for the indices {@code idx} [J], of a scalar u ([J, N]) or, with
     * {@code component}, of component i of a vector field u ([J, N]: the diagonal of its Jacobian).
     */
    static Value coordinates(Func u, Value[] args, Value idx, int k, boolean component) {
        Func per = u.derive(List.of("stde.coordinate", k, component), () -> Func.of(u, 1, xs -> {
            Value x = xs[0];
            int n = x.shape().dim(0);
            int d = x.shape().dim(1);
            Value e = xs[xs.length - 1].oneHot(d).reshape(1, d);
            Value dk = along(u, Arrays.copyOf(xs, xs.length - 1), e.broadcastTo(n, d), k);
            return new Value[] {component ? dk.mul(e).sum(1) : dk};
        }).named("d" + k + "/de_i(" + u.name() + ")"));
        return batched(u, per).applyAll(append(args, idx))[0];
    }

    /**
     * Second derivatives along e_i for the indices {@code idx} [J] from Hessian-vector products
     * (forward over reverse) of sum_n u(X)_n: [J, N].
     */
    static Value hvpCoordinates(Func u, Value[] args, Value idx) {
        Func per = u.derive("stde.hvpCoordinate", () -> Func.of(u, 1, xs -> {
            Value x = xs[0];
            int n = x.shape().dim(0);
            int d = x.shape().dim(1);
            Value[] rest = Arrays.copyOfRange(xs, 1, xs.length - 1);
            Func total = Func.of(p -> {
                Value[] a = new Value[rest.length + 1];
                a[0] = p;
                System.arraycopy(rest, 0, a, 1, rest.length);
                return u.applyAll(a)[0].sum();
            });
            Value e = xs[xs.length - 1].oneHot(d).reshape(1, d);
            return new Value[] {AD.hvp(total).apply(x, e.broadcastTo(n, d)).mul(e).sum(1)};
        }).named("d2/de_i hvp(" + u.name() + ")"));
        return batched(u, per).applyAll(append(args, idx))[0];
    }

    /** k-th derivatives along per-point probe directions {@code v} [P, N, d]: shape [P, N]. */
    static Value probes(Func u, Value[] args, Value v, int k) {
        Func per = u.derive(List.of("stde.probe", k), () -> Func.of(u, 1, xs ->
                new Value[] {along(u, Arrays.copyOf(xs, xs.length - 1), xs[xs.length - 1], k)})
                .named("d" + k + "/dv(" + u.name() + ")"));
        return batched(u, per).applyAll(append(args, v))[0];
    }

    /** {@code per} vectorized over its last argument. */
    private static Func batched(Func u, Func per) {
        return per.derive("stde.batched", () -> {
            int[] axes = new int[per.arity()];
            Arrays.fill(axes, AD.NOT_BATCHED);
            axes[axes.length - 1] = 0;
            return AD.vmap(per, axes, null);
        });
    }

    static Value[] append(Value[] a, Value v) {
        Value[] r = Arrays.copyOf(a, a.length + 1);
        r[a.length] = v;
        return r;
    }
}
