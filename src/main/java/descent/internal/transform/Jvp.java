package descent.internal.transform;

import descent.internal.trace.Eqn;
import descent.internal.trace.Graph;
import descent.internal.trace.Trace;
import descent.tensor.Value;
import descent.internal.trace.Var;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Forward mode as a graph transform. Given f with inputs x_1..x_n, produces the graph
 * (x_1..x_n, t_i for each selected input i) -&gt; (f(x)..., df(x)[t]...): outputs followed by their
 * tangents. Unselected inputs and captured values have zero tangent.
 */
public final class Jvp {
    private Jvp() {
    }

    /** The jvp graph of {@code g}, with tangent inputs for the inputs where {@code withTangent} is set. */
    public static Graph transform(Graph g, boolean[] withTangent) {
        Trace t = new Trace(g.parent());
        return Trace.within(t, () -> {
            Env env = new Env(t);
            Map<Var, Value> tangent = new HashMap<>();
            List<Var> ins = g.inputs();
            for (Var in : ins) {
                env.bind(in, t.input(in.shape()));
            }
            for (int i = 0; i < ins.size(); i++) {
                if (withTangent[i]) {
                    tangent.put(ins.get(i), t.input(ins.get(i).shape()));
                }
            }
            env.bindCaptures(g);
            for (Eqn e : g.eqns()) {
                t.attributeTo(e.site());
                Value[] x = env.get(e.inputs());
                Value y = t.apply(e.prim(), x);
                env.bind(e.out(), y);
                Value[] dx = new Value[x.length];
                boolean any = false;
                for (int i = 0; i < dx.length; i++) {
                    dx[i] = tangent.get(e.input(i));
                    any |= dx[i] != null;
                }
                if (any) {
                    Value dy = Env.broadcastTo(e.prim().jvp(x, dx, y), y.shape());
                    if (dy != null) {
                        tangent.put(e.out(), dy);
                    }
                }
            }
            t.attributeTo(null);
            List<Value> outs = new ArrayList<>();
            for (Var o : g.outputs()) {
                outs.add(env.get(o));
            }
            for (Var o : g.outputs()) {
                Value d = tangent.get(o);
                outs.add(d != null ? d : Env.zeros(t, o.shape()));
            }
            return Simplify.run(t.finish(outs.toArray(new Value[0])));
        });
    }
}
