package descent.internal.trace;

import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A traced function: an SSA list of primitive equations from input values to output values. A
 * graph traced inside another trace may refer to values of the enclosing traces; each such
 * reference is a <em>capture</em>: a placeholder value in this graph bound to a value outside.
 * Transforms (jvp, vjp, jet) map graphs to graphs over the same primitives, so they nest, and
 * {@link #inline} splices a graph into the trace being recorded.
 */
public final class Graph {
    private final Trace owner;
    private final List<Var> inputs;
    private final List<Var> captures;
    private final List<Var> captureSources;
    private final List<Eqn> eqns;
    private final List<Var> outputs;

    Graph(Trace owner, List<Var> inputs, List<Var> captures, List<Var> captureSources, List<Eqn> eqns,
          List<Var> outputs) {
        this.owner = owner;
        this.inputs = Collections.unmodifiableList(new ArrayList<>(inputs));
        this.captures = Collections.unmodifiableList(new ArrayList<>(captures));
        this.captureSources = Collections.unmodifiableList(new ArrayList<>(captureSources));
        this.eqns = Collections.unmodifiableList(new ArrayList<>(eqns));
        this.outputs = Collections.unmodifiableList(new ArrayList<>(outputs));
    }

    /** Input values, in argument order. */
    public List<Var> inputs() {
        return inputs;
    }

    /** Placeholders for values of enclosing traces that this graph reads. */
    public List<Var> captures() {
        return captures;
    }

    /** The enclosing-trace values bound to {@link #captures()}, in the same order. */
    public List<Var> captureSources() {
        return captureSources;
    }

    /** Equations in evaluation order. */
    public List<Eqn> eqns() {
        return eqns;
    }

    /** Output values, in result order. */
    public List<Var> outputs() {
        return outputs;
    }

    /** The trace that was open when this graph was traced, or null for a top-level graph. */
    public Trace parent() {
        return owner.parent();
    }

    /** Shapes of the inputs. */
    public Shape[] inputShapes() {
        Shape[] s = new Shape[inputs.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = inputs.get(i).shape();
        }
        return s;
    }

    /** Shapes of the outputs. */
    public Shape[] outputShapes() {
        Shape[] s = new Shape[outputs.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = outputs.get(i).shape();
        }
        return s;
    }

    /**
     * Replays this graph into the trace being recorded, with {@code args} for its inputs and the
     * bound outer values for its captures, and returns the values of its outputs there.
     */
    public Value[] inline(Value... args) {
        Trace t = Trace.current();
        if (args.length != inputs.size()) {
            throw new IllegalArgumentException("inline: graph takes " + inputs.size() + " inputs, got " + args.length);
        }
        Map<Var, Var> env = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            Var a = t.lift(args[i]);
            if (!a.shape().equals(inputs.get(i).shape())) {
                throw new IllegalArgumentException("inline: input " + i + " has shape " + a.shape() + ", graph expects "
                        + inputs.get(i).shape());
            }
            env.put(inputs.get(i), a);
        }
        for (int i = 0; i < captures.size(); i++) {
            env.put(captures.get(i), t.lift(captureSources.get(i)));
        }
        StackTraceElement outer = t.attribution();
        for (Eqn e : eqns) {
            Value[] ins = new Value[e.inputs().length];
            for (int i = 0; i < ins.length; i++) {
                ins[i] = lookup(env, e.input(i), t);
            }
            t.attributeTo(e.site() != null ? e.site() : outer);
            env.put(e.out(), t.apply(e.prim(), ins));
        }
        t.attributeTo(outer);
        Value[] out = new Value[outputs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = lookup(env, outputs.get(i), t);
        }
        return out;
    }

    private static Var lookup(Map<Var, Var> env, Var v, Trace t) {
        if (v.isConstant()) {
            return t.constantQuiet(v.constantValue());
        }
        Var r = env.get(v);
        if (r == null) {
            throw new IllegalStateException("graph refers to " + v.label() + " before defining it");
        }
        return r;
    }

    /** A readable listing: one line per equation. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("graph(");
        for (int i = 0; i < inputs.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(inputs.get(i).label()).append(':').append(inputs.get(i).shape());
        }
        sb.append(")");
        if (!captures.isEmpty()) {
            sb.append(" captures ").append(captures.size());
        }
        sb.append(" {\n");
        java.util.Set<Var> constants = new java.util.LinkedHashSet<>();
        for (Eqn e : eqns) {
            for (Var v : e.inputs()) {
                if (v.isConstant()) {
                    constants.add(v);
                }
            }
        }
        for (Var c : constants) {
            Tensor t = c.constantValue();
            sb.append("  ").append(c.label()).append(':').append(c.shape()).append(" = ")
                    .append(t.size() <= 6 ? t.toString().replace("\n", "") : "const").append('\n');
        }
        for (Eqn e : eqns) {
            sb.append("  ").append(e).append('\n');
        }
        sb.append("  return ");
        for (int i = 0; i < outputs.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(outputs.get(i).label());
        }
        return sb.append("\n}").toString();
    }
}
