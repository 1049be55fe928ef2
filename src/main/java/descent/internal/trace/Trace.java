package descent.internal.trace;

import descent.tensor.Primitive;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;

import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A graph being recorded. Every operation on a {@link Var} appends an equation to the trace
 * that is current on this thread. Traces nest: a trace started while another is open is its child,
 * and a child may read values of its ancestors, which it records as captures. Operations whose
 * operands are all constants and whose result is small are evaluated at once and recorded as
 * constants; larger constant expressions stay equations (plans evaluate them once, when compiled).
 *
 * <p>A <em>probe</em> trace records nothing but the fingerprint: it checks, at the cost of running
 * the user's code on shapes alone, whether a cached plan is still valid.
 */
public final class Trace {
    /** Largest result (in elements) that tracing evaluates when all operands are constants. */
    public static final int FOLD_LIMIT = 4096;

    private static final ThreadLocal<Deque<Trace>> STACK = ThreadLocal.withInitial(ArrayDeque::new);
    private static final CodeSource OWN_CODE = Trace.class.getProtectionDomain().getCodeSource();

    private final Trace parent;
    private final boolean probe;
    private final List<Var> inputs = new ArrayList<>();
    private final List<Eqn> eqns = new ArrayList<>();
    private final LinkedHashMap<Var, Var> captures = new LinkedHashMap<>();
    private final Map<Double, Var> scalarConstants = new HashMap<>();
    private final Map<Tensor, Var> tensorConstants = new IdentityHashMap<>();
    private boolean finished;
    private int nextId;
    private StackTraceElement siteOverride;

    /** A new trace whose enclosing trace is {@code parent} (null for a top-level trace). */
    public Trace(Trace parent) {
        this(parent, false);
    }

    private Trace(Trace parent, boolean probe) {
        this.parent = parent;
        this.probe = probe;
    }

    /** A trace that only collects the fingerprint of the code run in it. */
    public static Trace probe() {
        return new Trace(null, true);
    }

    /** True for a trace that records only a fingerprint. */
    public boolean isProbe() {
        return probe;
    }

    /** The enclosing trace, or null. */
    public Trace parent() {
        return parent;
    }

    /** The trace being recorded on this thread. */
    public static Trace current() {
        Trace t = STACK.get().peek();
        if (t == null) {
            throw new IllegalStateException("no function is being traced: Values exist only inside a function "
                    + "given to a Descent transform (grad, jvp, jet, ...) or evaluated with Func.call");
        }
        return t;
    }

    /** The trace being recorded on this thread, or null if none. */
    public static Trace currentOrNull() {
        return STACK.get().peek();
    }

    /** Runs {@code body} with {@code t} as the current trace. */
    public static <T> T within(Trace t, Supplier<T> body) {
        Deque<Trace> s = STACK.get();
        s.push(t);
        try {
            return body.get();
        } finally {
            s.pop();
        }
    }

    /**
     * Attributes the equations recorded from now on to {@code site} (null: the caller's own line).
     * Transforms use this so that derived equations point at the user code they came from.
     */
    public void attributeTo(StackTraceElement site) {
        this.siteOverride = site;
    }

    /** The site equations are currently attributed to, or null. */
    public StackTraceElement attribution() {
        return siteOverride;
    }

    /** Adds an input of the given shape. */
    public Var input(Shape shape) {
        checkOpen();
        Var v = new Var(this, nextId++, shape, null);
        inputs.add(v);
        return v;
    }

    /**
     * A constant introduced by the code being traced: when that is the user's code, the constant
     * becomes part of the fingerprint (see {@link Fingerprint}).
     */
    public Var constant(Tensor t) {
        Fingerprint fp = Recorder.active();
        if (fp != null) {
            fp.constant(t, t.rank() == 0 || probe ? null : userSite());
        }
        return constantQuiet(t);
    }

    /** A constant in this trace that is not part of the fingerprint (Descent's own bookkeeping). */
    public Var constantQuiet(Tensor t) {
        checkOpen();
        if (t.size() == 1 && t.rank() == 0) {
            return scalarConstants.computeIfAbsent(t.item(), x -> new Var(this, nextId++, t.shape(), t));
        }
        return tensorConstants.computeIfAbsent(t, x -> new Var(this, nextId++, t.shape(), t.contiguous()));
    }

    /**
     * Records {@code prim(operands)} and returns its value. Operands from enclosing traces are
     * captured; if every operand is a constant and the result is small, it is computed now and is
     * a constant.
     *
     * @throws IllegalArgumentException naming the primitive if the operand count or shapes are wrong
     */
    public Var apply(Primitive prim, Value... operands) {
        checkOpen();
        if (prim.arity() >= 0 && operands.length != prim.arity()) {
            throw new IllegalArgumentException(prim.name() + ": expects " + prim.arity() + " operand(s), got " + operands.length);
        }
        Var[] ins = new Var[operands.length];
        Shape[] shapes = new Shape[operands.length];
        boolean allConstant = true;
        for (int i = 0; i < ins.length; i++) {
            ins[i] = lift(Objects.requireNonNull(operands[i], () -> prim.name() + ": an operand is null"));
            shapes[i] = ins[i].shape();
            allConstant &= ins[i].isConstant();
        }
        Shape out = prim.shape(shapes);
        Fingerprint fp = Recorder.active();
        if (fp != null) {
            fp.op(prim, shapes);
        }
        if (probe) {
            return new Var(this, nextId++, out, null);
        }
        if (allConstant && prim.foldable() && out.size() <= FOLD_LIMIT) {
            return constantQuiet(prim.evaluate(constants(ins)));
        }
        Var v = new Var(this, nextId++, out, null);
        Eqn e = new Eqn(prim, ins, v, siteOverride != null ? siteOverride : Recorder.debugging() ? userSite() : null);
        v.producer = e;
        eqns.add(e);
        return v;
    }

    private static Tensor[] constants(Var[] ins) {
        Tensor[] t = new Tensor[ins.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = ins[i].constantValue();
        }
        return t;
    }

    /**
     * The value standing for {@code v} in this trace: {@code v} itself, a copy of a constant, or a
     * capture placeholder bound to a value of an enclosing trace.
     */
    public Var lift(Value value) {
        Var v = Var.of(value);
        if (v.trace() == this) {
            return v;
        }
        if (v.isConstant()) {
            return constantQuiet(v.constantValue());
        }
        if (v.trace().finished) {
            throw new IllegalStateException("value " + v.label() + v.shape() + " belongs to a function whose tracing has "
                    + "finished; a traced value cannot be kept and used later (store a Tensor result instead)");
        }
        if (parent == null) {
            throw new IllegalStateException("value " + v.label() + v.shape() + " belongs to a different, unrelated trace; "
                    + "values cannot cross between separately traced functions");
        }
        Var outer = parent.lift(v);
        Var p = captures.get(outer);
        if (p == null) {
            p = new Var(this, nextId++, outer.shape(), null);
            captures.put(outer, p);
        }
        return p;
    }

    /** Ends recording and returns the graph computing {@code outputs}. */
    public Graph finish(Value... outputs) {
        checkOpen();
        List<Var> outs = new ArrayList<>();
        for (Value o : outputs) {
            outs.add(lift(Objects.requireNonNull(o, "function returned a null value")));
        }
        finished = true;
        return new Graph(this, inputs, new ArrayList<>(captures.values()), new ArrayList<>(captures.keySet()), eqns, outs);
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("this trace has finished; its values cannot be used in new operations");
        }
    }

    /**
     * The first caller frame that is the user's: outside Descent's core, its Kotlin DSL and its
     * notebook integration, and outside the JDK and the Kotlin runtime.
     */
    public static StackTraceElement userSite() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames
                        .filter(f -> !isLibraryFrame(f))
                        .findFirst()
                        .map(StackWalker.StackFrame::toStackTraceElement)
                        .orElse(null));
    }

    private static boolean isLibraryFrame(StackWalker.StackFrame f) {
        String c = f.getClassName();
        return Objects.equals(f.getDeclaringClass().getProtectionDomain().getCodeSource(), OWN_CODE)
                || c.startsWith("descent.dsl.") || c.startsWith("descent.jupyter.")
                || c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("kotlin.");
    }
}
