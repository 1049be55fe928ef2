package descent.internal.trace;

import descent.tensor.Primitive;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;

import java.util.List;

/**
 * A variable of a graph being traced: the implementation of {@link Value}. Each operation on it
 * records a primitive application in the trace that is current on this thread.
 */
public final class Var implements Value {
    private final Trace trace;
    private final int id;
    private final Shape shape;
    private final Tensor constant;
    Eqn producer;

    Var(Trace trace, int id, Shape shape, Tensor constant) {
        this.trace = trace;
        this.id = id;
        this.shape = shape;
        this.constant = constant;
    }

    /** The variable behind a traced value. */
    public static Var of(Value v) {
        if (v instanceof Var) {
            return (Var) v;
        }
        throw new IllegalArgumentException("a Value must come from Descent's tracing, got " + (v == null ? "null" : v.getClass().getName()));
    }

    /** The number of this variable within its trace, in order of creation. */
    public int id() {
        return id;
    }

    /** The trace recording this variable. */
    public Trace trace() {
        return trace;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public boolean isConstant() {
        return constant != null;
    }

    @Override
    public Tensor constantValue() {
        return constant;
    }

    /** The equation defining this variable, or null for inputs, captures and constants. */
    public Eqn producer() {
        return producer;
    }

    /** True if this value is known while tracing to be all zeros: a zero constant or a broadcast of one. */
    public static boolean isKnownZero(Value v) {
        Var x = of(v);
        if (x.producer != null && x.producer.prim().isBroadcast()) {
            x = x.producer.input(0);
        }
        if (!x.isConstant()) {
            return false;
        }
        for (double d : x.constant.toArray()) {
            if (d != 0) {
                return false;
            }
        }
        return true;
    }

    /** Short name used in graph listings. */
    public String label() {
        return (constant != null ? "c" : "%") + id;
    }

    @Override
    public Value apply(Primitive p, List<Value> operands) {
        return Trace.current().apply(p, operands.toArray(new Value[0]));
    }

    @Override
    public Value constant(Tensor c) {
        return Trace.current().constant(c);
    }

    @Override
    public Value self() {
        return this;
    }

    @Override
    public Value[] newArray(int n) {
        return new Value[n];
    }

    @Override
    public String toString() {
        return constant != null ? "const" + shape + " " + constant : "Value" + label() + shape;
    }
}
