package descent.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The state of a {@link Transform}: named, preallocated arrays of doubles and longs (moments,
 * accumulators, step counts, scalar estimates) plus the states of inner transforms. Arrays are
 * registered when the state is built and keep their identity for the whole run, so a transform
 * updates them in place, and a checkpoint saves and restores every transform's state without
 * knowing its type.
 *
 * <p>Subclasses register their arrays in their constructor through {@link #doubles} and
 * {@link #longs}, and inner states through {@link #child}.
 */
public class State {
    private final String kind;
    private final List<String> names = new ArrayList<>();
    private final List<Object> arrays = new ArrayList<>();
    private final List<State> children = new ArrayList<>();
    private final List<State> childrenView = Collections.unmodifiableList(children);

    /** An empty state; {@code kind} names the transform in checkpoints and messages. */
    public State(String kind) {
        this.kind = kind;
    }

    /** The transform this state belongs to. */
    public final String kind() {
        return kind;
    }

    /** Registers and returns a zeroed array of {@code n} doubles. */
    protected final double[] doubles(String name, int n) {
        double[] a = new double[n];
        register(name, a);
        return a;
    }

    /** Registers and returns a zeroed array of {@code n} longs. */
    protected final long[] longs(String name, int n) {
        long[] a = new long[n];
        register(name, a);
        return a;
    }

    /** Registers an inner transform's state and returns it. */
    protected final <S extends State> S child(S state) {
        children.add(state);
        return state;
    }

    private void register(String name, Object a) {
        if (names.contains(name)) {
            throw new IllegalStateException(kind + ": state array '" + name + "' registered twice");
        }
        names.add(name);
        arrays.add(a);
    }

    /** The states of inner transforms, in order. */
    public final List<State> children() {
        return childrenView;
    }

    /** Number of doubles held by this state and its inner states (the optimizer's memory). */
    public final long doubleCount() {
        long n = 0;
        for (Object a : arrays) {
            if (a instanceof double[]) {
                n += ((double[]) a).length;
            }
        }
        for (State c : children) {
            n += c.doubleCount();
        }
        return n;
    }

    /** The first state of type {@code type} in this tree (depth first, this one first), or null. */
    public final <S extends State> S find(Class<S> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        for (State c : children) {
            S s = c.find(type);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /**
     * Appends every array of this tree, depth first, with a path naming its transform and position
     * (for example {@code "chain/0:adam/m"}).
     */
    final void collect(String prefix, List<String> paths, List<Object> out) {
        String here = prefix + kind;
        for (int i = 0; i < arrays.size(); i++) {
            paths.add(here + "/" + names.get(i));
            out.add(arrays.get(i));
        }
        for (int i = 0; i < children.size(); i++) {
            children.get(i).collect(here + "/" + i + ":", paths, out);
        }
    }

    @Override
    public String toString() {
        List<String> paths = new ArrayList<>();
        List<Object> out = new ArrayList<>();
        collect("", paths, out);
        StringBuilder sb = new StringBuilder("State{");
        for (int i = 0; i < paths.size(); i++) {
            Object a = out.get(i);
            int len = a instanceof double[] ? ((double[]) a).length : ((long[]) a).length;
            sb.append(i > 0 ? ", " : "").append(paths.get(i)).append('[').append(len).append(']');
        }
        return sb.append('}').toString();
    }
}
