package descent.internal.transform;

import descent.internal.trace.Eqn;
import descent.internal.trace.Graph;
import descent.internal.trace.Trace;
import descent.internal.trace.Var;
import descent.tensor.Shape;
import descent.tensor.Value;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The batching transform. Given f and which inputs are batched, produces the graph taking the
 * batched inputs with an extra leading axis of the batch size (the others unchanged) and returning
 * every output with a leading batch axis: output b is f applied to batch element b. Equations that
 * touch no batched value are kept as they are; the others follow their primitive's batching rule.
 */
public final class Vmap {
    private Vmap() {
    }

    /** The batched graph of {@code g}, where inputs with {@code batched} set gain a leading axis of {@code size}. */
    public static Graph transform(Graph g, boolean[] batched, int size) {
        Trace t = new Trace(g.parent());
        return Trace.within(t, () -> {
            Env env = new Env(t);
            Set<Var> isBatched = new HashSet<>();
            List<Var> ins = g.inputs();
            for (int i = 0; i < ins.size(); i++) {
                Var in = ins.get(i);
                Shape s = batched[i] ? Shape.of(size).concat(in.shape()) : in.shape();
                env.bind(in, t.input(s));
                if (batched[i]) {
                    isBatched.add(in);
                }
            }
            env.bindCaptures(g);
            for (Eqn e : g.eqns()) {
                t.attributeTo(e.site());
                Value[] x = env.get(e.inputs());
                boolean[] flags = new boolean[x.length];
                boolean any = false;
                for (int i = 0; i < flags.length; i++) {
                    flags[i] = isBatched.contains(e.input(i));
                    any |= flags[i];
                }
                if (!any) {
                    env.bind(e.out(), t.apply(e.prim(), x));
                    continue;
                }
                Value y = e.prim().batch(x, flags, size);
                Shape expected = Shape.of(size).concat(e.out().shape());
                if (!y.shape().equals(expected)) {
                    throw new IllegalStateException("vmap: the batching rule of " + e.prim().name() + " gave shape " + y.shape()
                            + ", expected " + expected);
                }
                env.bind(e.out(), y);
                isBatched.add(e.out());
            }
            t.attributeTo(null);
            List<Value> outs = new ArrayList<>();
            for (Var o : g.outputs()) {
                Value v = env.get(o);
                outs.add(isBatched.contains(o) ? v : v.expandDims(0).broadcastTo(Shape.of(size).concat(o.shape())));
            }
            return Simplify.run(t.finish(outs.toArray(new Value[0])));
        });
    }
}
