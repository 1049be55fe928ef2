package descent.internal.trace;

import descent.tensor.Primitive;

import java.util.Arrays;

/**
 * One application of a primitive in a graph: {@code out = prim(inputs...)}. Graphs are SSA lists of
 * equations; each output value is defined by exactly one equation.
 */
public final class Eqn {
    private final Primitive prim;
    private final Var[] inputs;
    private final Var out;
    private final StackTraceElement site;

    Eqn(Primitive prim, Var[] inputs, Var out, StackTraceElement site) {
        this.prim = prim;
        this.inputs = inputs;
        this.out = out;
        this.site = site;
    }

    /** The primitive applied. */
    public Primitive prim() {
        return prim;
    }

    /** The operands (not copied: do not modify). */
    public Var[] inputs() {
        return inputs;
    }

    /** Operand {@code i}. */
    public Var input(int i) {
        return inputs[i];
    }

    /** The value this equation defines. */
    public Var out() {
        return out;
    }

    /** Where user code recorded this equation, when recording sites was enabled; else null. */
    public StackTraceElement site() {
        return site;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(out.label()).append(':').append(out.shape()).append(" = ").append(prim).append('(');
        for (int i = 0; i < inputs.length; i++) {
            sb.append(i > 0 ? ", " : "").append(inputs[i].label());
        }
        return sb.append(')').toString();
    }

    /** Input shapes, for messages. */
    String inputShapes() {
        String[] s = new String[inputs.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = inputs[i].shape().toString();
        }
        return Arrays.toString(s);
    }
}
