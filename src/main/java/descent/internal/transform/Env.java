package descent.internal.transform;

import descent.internal.trace.Graph;
import descent.internal.trace.Trace;
import descent.internal.trace.Var;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;

import java.util.HashMap;
import java.util.Map;

/** The correspondence between variables of a graph being transformed and values of the new trace. */
final class Env {
    private final Trace target;
    private final Map<Var, Value> map = new HashMap<>();

    Env(Trace target) {
        this.target = target;
    }

    /** Binds the captures of {@code g} to their sources, lifted into the target trace. */
    void bindCaptures(Graph g) {
        for (int i = 0; i < g.captures().size(); i++) {
            map.put(g.captures().get(i), target.lift(g.captureSources().get(i)));
        }
    }

    void bind(Var old, Value now) {
        map.put(old, now);
    }

    Value get(Var old) {
        if (old.isConstant()) {
            return target.constantQuiet(old.constantValue());
        }
        Value v = map.get(old);
        if (v == null) {
            throw new IllegalStateException("transform reached " + old.label() + " before its definition");
        }
        return v;
    }

    Value[] get(Var[] old) {
        Value[] r = new Value[old.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = get(old[i]);
        }
        return r;
    }

    /** {@code v} brought to {@code shape}: broadcast up (tangents) when smaller. */
    static Value broadcastTo(Value v, Shape shape) {
        return v == null || v.shape().equals(shape) ? v : v.broadcastTo(shape);
    }

    /** Zeros of {@code shape} in trace {@code t}. */
    static Value zeros(Trace t, Shape shape) {
        return t.constant(Tensor.scalar(0)).broadcastTo(shape);
    }
}
