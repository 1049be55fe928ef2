package descent.ad.transform;

import descent.ad.core.Add;
import descent.ad.core.Div;
import descent.ad.core.Eqn;
import descent.ad.core.Graph;
import descent.ad.core.Mul;
import descent.ad.core.Neg;
import descent.ad.core.Primitive;
import descent.ad.core.Sub;
import descent.ad.core.Trace;
import descent.ad.core.Value;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Graph clean-up run after every transform: drops equations no output depends on, shares
 * equations that apply the same primitive (with equal parameters) to the same operands, and
 * removes exact identities that transforms leave behind (x * 1, x / 1, x + 0, x - 0, -(-x)) when
 * they do not change the result's shape. Constant folding already happened while tracing.
 */
public final class Simplify {
    private Simplify() {
    }

    private record Key(Primitive prim, List<Value> operands) {
    }

    /** An equivalent graph without dead or duplicate equations. */
    public static Graph run(Graph g) {
        Set<Value> live = new HashSet<>(g.outputs());
        List<Eqn> eqns = g.eqns();
        boolean[] keep = new boolean[eqns.size()];
        for (int q = eqns.size() - 1; q >= 0; q--) {
            Eqn e = eqns.get(q);
            if (live.contains(e.out())) {
                keep[q] = true;
                live.addAll(Arrays.asList(e.inputs()));
            }
        }
        Trace t = new Trace(g.parent());
        return Trace.within(t, () -> {
            Env env = new Env(t);
            for (Value in : g.inputs()) {
                env.bind(in, t.input(in.shape()));
            }
            env.bindCaptures(g);
            Map<Key, Value> seen = new HashMap<>();
            for (int q = 0; q < eqns.size(); q++) {
                if (!keep[q]) {
                    continue;
                }
                Eqn e = eqns.get(q);
                Value[] x = env.get(e.inputs());
                t.attributeTo(e.site());
                Key k = new Key(e.prim(), Arrays.asList(x));
                Value y = identity(e.prim(), x, e.out().shape());
                if (y == null) {
                    y = seen.get(k);
                }
                if (y == null) {
                    y = t.apply(e.prim(), x);
                    seen.put(k, y);
                }
                env.bind(e.out(), y);
            }
            t.attributeTo(null);
            Value[] outs = new Value[g.outputs().size()];
            for (int i = 0; i < outs.length; i++) {
                outs[i] = env.get(g.outputs().get(i));
            }
            return t.finish(outs);
        });
    }

    /** The operand an application reduces to exactly, or null. */
    private static Value identity(Primitive p, Value[] x, descent.tensor.Shape out) {
        if (p == Mul.INSTANCE) {
            return constantAll(x[1], 1) && x[0].shape().equals(out) ? x[0]
                    : constantAll(x[0], 1) && x[1].shape().equals(out) ? x[1] : null;
        }
        if (p == Add.INSTANCE) {
            return constantAll(x[1], 0) && x[0].shape().equals(out) ? x[0]
                    : constantAll(x[0], 0) && x[1].shape().equals(out) ? x[1] : null;
        }
        if (p == Sub.INSTANCE) {
            return constantAll(x[1], 0) && x[0].shape().equals(out) ? x[0] : null;
        }
        if (p == Div.INSTANCE) {
            return constantAll(x[1], 1) && x[0].shape().equals(out) ? x[0] : null;
        }
        if (p == Neg.INSTANCE && x[0].producer() != null && x[0].producer().prim() == Neg.INSTANCE) {
            return x[0].producer().input(0);
        }
        return null;
    }

    private static boolean constantAll(Value v, double c) {
        if (!v.isConstant()) {
            return false;
        }
        for (double d : v.constantValue().contiguousData()) {
            if (d != c) {
                return false;
            }
        }
        return true;
    }
}
