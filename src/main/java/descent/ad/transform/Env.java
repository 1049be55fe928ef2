package descent.ad.transform;

import descent.ad.core.Graph;
import descent.ad.core.Trace;
import descent.ad.core.Value;

import java.util.HashMap;
import java.util.Map;

/** The correspondence between values of a graph being transformed and values of the new trace. */
final class Env {
    private final Trace target;
    private final Map<Value, Value> map = new HashMap<>();

    Env(Trace target) {
        this.target = target;
    }

    /** Binds the captures of {@code g} to their sources, lifted into the target trace. */
    void bindCaptures(Graph g) {
        for (int i = 0; i < g.captures().size(); i++) {
            map.put(g.captures().get(i), target.lift(g.captureSources().get(i)));
        }
    }

    void bind(Value old, Value now) {
        map.put(old, now);
    }

    Value get(Value old) {
        if (old.isConstant()) {
            return target.constant(old.constantValue());
        }
        Value v = map.get(old);
        if (v == null) {
            throw new IllegalStateException("transform reached " + old.label() + " before its definition");
        }
        return v;
    }

    Value[] get(Value[] old) {
        Value[] r = new Value[old.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = get(old[i]);
        }
        return r;
    }

    /** {@code v} brought to {@code shape}: broadcast up (tangents) when smaller. */
    static Value broadcastTo(Value v, descent.tensor.Shape shape) {
        return v == null || v.shape().equals(shape) ? v : v.broadcastTo(shape);
    }
}
