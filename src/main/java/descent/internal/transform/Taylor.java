package descent.internal.transform;

import descent.internal.trace.Eqn;
import descent.internal.trace.Graph;
import descent.tensor.Series;
import descent.internal.trace.Trace;
import descent.tensor.Value;
import descent.internal.trace.Var;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Taylor mode as a graph transform. Given f and an order K, produces the graph
 * (x_1..x_n, then for each selected input i its coefficients x_{i,1}..x_{i,K}, absent ones skipped) -&gt;
 * (for each output: y_0, y_1, ..., y_K), where y(t) = f(x(t)) with x_i(t) = sum_k x_{i,k} t^k.
 * Coefficients here are normalized Taylor coefficients (k-th derivative divided by k!).
 */
public final class Taylor {
    private Taylor() {
    }

    /** The order-{@code order} Taylor graph of {@code g}, with series inputs where {@code withSeries} is set. */
    public static Graph transform(Graph g, int order, boolean[] withSeries) {
        boolean[][] present = new boolean[withSeries.length][order];
        for (int i = 0; i < present.length; i++) {
            java.util.Arrays.fill(present[i], withSeries[i]);
        }
        return transform(g, order, present);
    }

    /**
     * The order-{@code order} Taylor graph of {@code g} where input i has its coefficient k (1..K)
     * as a graph input only if {@code present[i][k-1]}; absent coefficients are exact zeros, which
     * the rules skip (so a zero second-order term of a jet costs nothing).
     */
    public static Graph transform(Graph g, int order, boolean[][] present) {
        if (order < 1) {
            throw new IllegalArgumentException("jet: order must be at least 1, got " + order);
        }
        Trace t = new Trace(g.parent());
        return Trace.within(t, () -> {
            Env env = new Env(t);
            Map<Var, Value[]> series = new HashMap<>();
            List<Var> ins = g.inputs();
            for (Var in : ins) {
                env.bind(in, t.input(in.shape()));
            }
            for (int i = 0; i < ins.size(); i++) {
                Value[] s = new Value[order + 1];
                s[0] = env.get(ins.get(i));
                boolean any = false;
                for (int k = 1; k <= order; k++) {
                    if (present[i][k - 1]) {
                        s[k] = t.input(ins.get(i).shape());
                        any = true;
                    }
                }
                if (any) {
                    series.put(ins.get(i), s);
                }
            }
            env.bindCaptures(g);
            for (Eqn e : g.eqns()) {
                t.attributeTo(e.site());
                Value[] x = env.get(e.inputs());
                Value y = t.apply(e.prim(), x);
                env.bind(e.out(), y);
                Value[][] xs = new Value[x.length][];
                boolean varies = false;
                for (int i = 0; i < x.length; i++) {
                    Value[] s = series.get(e.input(i));
                    varies |= s != null;
                    xs[i] = s != null ? s : Series.constant(x[i], order);
                }
                if (varies) {
                    Value[] ys = e.prim().taylor(xs, y);
                    ys[0] = y;
                    for (int k = 1; k <= order; k++) {
                        ys[k] = Env.broadcastTo(ys[k], y.shape());
                    }
                    if (Series.varies(ys)) {
                        series.put(e.out(), ys);
                    }
                }
            }
            t.attributeTo(null);
            List<Value> outs = new ArrayList<>();
            for (Var o : g.outputs()) {
                Value[] s = series.get(o);
                outs.add(env.get(o));
                for (int k = 1; k <= order; k++) {
                    Value c = s == null ? null : s[k];
                    outs.add(c != null ? c : Env.zeros(t, o.shape()));
                }
            }
            return Simplify.run(t.finish(outs.toArray(new Value[0])));
        });
    }
}
