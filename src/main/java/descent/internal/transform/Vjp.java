package descent.internal.transform;

import descent.internal.trace.Eqn;
import descent.internal.trace.Graph;
import descent.internal.trace.Trace;
import descent.tensor.Value;
import descent.internal.trace.Var;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse mode as a graph transform. Given f with inputs x_1..x_n and outputs y_1..y_m, produces
 * the graph (x_1..x_n, ybar_1..ybar_m) -&gt; (y_1..y_m, xbar_i for each selected input i), where
 * xbar_i = sum_j (dy_j/dx_i)^T ybar_j. The backward pass is written in primitives, so the result
 * can be transformed again (grad of grad, jvp of grad, jet of grad).
 */
public final class Vjp {
    private Vjp() {
    }

    /** The vjp graph of {@code g}, producing cotangents for the inputs where {@code wrt} is set. */
    public static Graph transform(Graph g, boolean[] wrt) {
        Trace t = new Trace(g.parent());
        return Trace.within(t, () -> {
            Env env = new Env(t);
            List<Var> ins = g.inputs();
            Set<Var> active = new HashSet<>();
            for (int i = 0; i < ins.size(); i++) {
                env.bind(ins.get(i), t.input(ins.get(i).shape()));
                if (wrt[i]) {
                    active.add(ins.get(i));
                }
            }
            List<Value> seeds = new ArrayList<>();
            for (Var o : g.outputs()) {
                seeds.add(t.input(o.shape()));
            }
            env.bindCaptures(g);
            for (Eqn e : g.eqns()) {
                t.attributeTo(e.site());
                env.bind(e.out(), t.apply(e.prim(), env.get(e.inputs())));
                for (Var v : e.inputs()) {
                    if (active.contains(v)) {
                        active.add(e.out());
                        break;
                    }
                }
            }
            Map<Var, Value> ct = new HashMap<>();
            for (int j = 0; j < g.outputs().size(); j++) {
                Var o = g.outputs().get(j);
                if (active.contains(o)) {
                    ct.merge(o, seeds.get(j), Value::add);
                }
            }
            List<Eqn> eqns = g.eqns();
            for (int q = eqns.size() - 1; q >= 0; q--) {
                Eqn e = eqns.get(q);
                Value c = ct.remove(e.out());
                if (c == null) {
                    continue;
                }
                t.attributeTo(e.site());
                boolean[] needed = new boolean[e.inputs().length];
                for (int i = 0; i < needed.length; i++) {
                    needed[i] = active.contains(e.input(i));
                }
                Value[] x = env.get(e.inputs());
                Value[] xbar = e.prim().vjp(x, env.get(e.out()), c, needed);
                for (int i = 0; i < needed.length; i++) {
                    if (needed[i] && xbar[i] != null) {
                        Value contribution = xbar[i].shape().equals(x[i].shape()) ? xbar[i] : xbar[i].sumTo(x[i].shape());
                        ct.merge(e.input(i), contribution, Value::add);
                    }
                }
            }
            t.attributeTo(null);
            List<Value> outs = new ArrayList<>();
            for (Var o : g.outputs()) {
                outs.add(env.get(o));
            }
            for (int i = 0; i < ins.size(); i++) {
                if (wrt[i]) {
                    Value c = ct.get(ins.get(i));
                    outs.add(c != null ? c : Env.zeros(t, ins.get(i).shape()));
                }
            }
            return Simplify.run(t.finish(outs.toArray(new Value[0])));
        });
    }
}
