package descent.internal.transform;

import descent.internal.trace.Eqn;
import descent.internal.trace.Graph;
import descent.internal.trace.Recorder;
import descent.internal.trace.Trace;
import descent.internal.trace.Var;
import descent.tensor.Primitive;
import descent.tensor.Provenance;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Graph clean-up run after every transform: drops equations no output depends on, shares
 * equations that apply the same primitive (with equal parameters) to the same operands, and
 * removes exact identities that transforms leave behind (x * 1, x / 1, x + (-0), x - 0, -(-x)) when
 * they do not change the result's shape, and lets primitives replace an application by a cheaper
 * equivalent ({@link Primitive#rewrite}, e.g. a product with one-hot rows becomes a gather). Constant folding already happened while tracing.
 */
public final class Simplify {
    private Simplify() {
    }

    private record Key(Primitive prim, List<Value> operands) {
    }

    /** What the graph being rebuilt knows about how its values were computed. */
    private static final Provenance<Value> PROVENANCE = new Provenance<>() {
        @Override
        public Primitive producer(Value v) {
            Eqn e = Var.of(v).producer();
            return e == null ? null : e.prim();
        }

        @Override
        public Value[] operands(Value v) {
            Var[] in = Var.of(v).producer().inputs();
            return Arrays.copyOf(in, in.length, Value[].class);
        }
    };

    /**
     * An equivalent graph without dead or duplicate equations (dead ones are kept while tracing
     * for NaN debugging, see {@link Recorder#debugging()}).
     */
    public static Graph run(Graph g) {
        return run(g, Recorder.debugging());
    }

    /**
     * An equivalent graph without duplicate equations and, unless {@code keepDead}, without dead
     * ones (kept when checking for NaN, so a NaN in a value nothing reads is still reported).
     */
    public static Graph run(Graph g, boolean keepDead) {
        return run(g, keepDead, 1);
    }

    private static final int MAX_PASSES = 4;

    private static Graph run(Graph g, boolean keepDead, int passes) {
        boolean[] rewritten = {false};
        Set<Var> live = new HashSet<>(g.outputs());
        List<Eqn> eqns = g.eqns();
        boolean[] keep = new boolean[eqns.size()];
        for (int q = eqns.size() - 1; q >= 0; q--) {
            Eqn e = eqns.get(q);
            if (keepDead || live.contains(e.out())) {
                keep[q] = true;
                live.addAll(Arrays.asList(e.inputs()));
            }
        }
        Trace t = new Trace(g.parent());
        return Trace.within(t, () -> {
            Env env = new Env(t);
            for (Var in : g.inputs()) {
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
                if (e.prim().broadcastsOperands()) {
                    unbroadcast(x, e.out().shape());
                }
                t.attributeTo(e.site());
                Key k = new Key(e.prim(), e.prim().isCommutative() && x.length == 2 && Var.of(x[1]).id() < Var.of(x[0]).id()
                        ? List.of(x[1], x[0]) : Arrays.asList(x));
                Value y = identity(e.prim(), x, e.out().shape());
                if (y == null) {
                    y = e.prim().rewrite(x, PROVENANCE);
                    if (y != null && !y.shape().equals(e.out().shape())) {
                        throw new IllegalStateException(e.prim().name() + ": its rewrite gave shape " + y.shape() + " instead of "
                                + e.out().shape());
                    }
                    rewritten[0] |= y != null;
                }
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
            Graph result = t.finish(outs);
            // a rewrite leaves the equations it replaced dead and may repeat others: clean up once more
            return rewritten[0] && passes < MAX_PASSES ? run(result, keepDead, passes + 1) : result;
        });
    }

    /**
     * Replaces operands that are explicit broadcasts by their sources where the kernel's own
     * broadcasting gives the same result shape, so a scalar constant stays a scalar.
     */
    private static void unbroadcast(Value[] x, Shape out) {
        for (int i = 0; i < x.length; i++) {
            Var v = Var.of(x[i]);
            if (v.producer() != null && v.producer().prim().isBroadcast()) {
                Value[] trial = x.clone();
                trial[i] = v.producer().input(0);
                Shape s = trial[0].shape();
                boolean ok = true;
                for (int j = 1; j < trial.length && ok; j++) {
                    ok = trial[j].shape().broadcastsTo(out) && s.broadcastsTo(out);
                }
                if (ok && resultShape(trial).equals(out)) {
                    x[i] = trial[i];
                }
            }
        }
    }

    private static Shape resultShape(Value[] x) {
        Shape s = x[0].shape();
        for (int j = 1; j < x.length; j++) {
            s = Shape.broadcast("simplify", s, x[j].shape());
        }
        return s;
    }

    /** The operand an application reduces to exactly, or null. */
    private static Value identity(Primitive p, Value[] x, Shape out) {
        if (p.isInvolution() && x.length == 1) {
            Var v = Var.of(x[0]);
            if (v.producer() != null && v.producer().prim().equals(p)) {
                return v.producer().input(0);
            }
            return null;
        }
        Tensor[] c = new Tensor[x.length];
        boolean any = false;
        for (int i = 0; i < x.length; i++) {
            c[i] = constantOf(x[i]);
            any |= c[i] != null;
        }
        if (!any) {
            return null;
        }
        int k = p.identityOperand(c);
        return k >= 0 && x[k].shape().equals(out) ? x[k] : null;
    }

    /** The constant {@code v} holds, looking through broadcasts of constants; null if not constant. */
    private static Tensor constantOf(Value v) {
        if (v.isConstant()) {
            return v.constantValue();
        }
        Var var = Var.of(v);
        if (var.producer() != null && var.producer().prim().isBroadcast() && var.producer().input(0).isConstant()) {
            return var.producer().input(0).constantValue();
        }
        return null;
    }
}
