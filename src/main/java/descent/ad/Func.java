package descent.ad;

import descent.internal.plan.Plan;
import descent.internal.trace.Fingerprint;
import descent.internal.trace.Graph;
import descent.internal.trace.Recorder;
import descent.internal.trace.Trace;
import descent.internal.transform.Simplify;
import descent.tensor.Params;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A differentiable function: a body over {@link Value}s with a fixed number of arguments and one
 * or more results. Apply it to values inside another function ({@link #apply}), or evaluate it on
 * tensors ({@link #call}). Arguments are tensors or parameter trees ({@link Params}); a tree is
 * passed as its leaves in order, and the gradient with respect to a tree is a tree.
 *
 * <h2>Tracing and what it means for your code</h2>
 * The first call for a combination of argument shapes <em>traces</em> the body (runs it on traced
 * values, recording every operation), differentiates and compiles the recorded graph into a plan,
 * and runs the plan; later calls with the same shapes reuse the plan. So:
 * <ul>
 *   <li>Java or Kotlin control flow in the body is decided while tracing, from shapes and from what
 *       the body reads outside;</li>
 *   <li>a tensor the body reads from outside (a field, a captured {@code var}, a wrapped array) is
 *       <em>captured</em>: its elements at trace time are part of the plan. Every call checks, by
 *       running the body on shapes alone, that the captured tensors and the operations are the ones
 *       the plan was built from; if not, the function is traced again (the default, see
 *       {@link CapturePolicy}), so results are never stale. Data that changes from call to call
 *       (mini-batches, random keys) should be an argument: then no retracing is needed;</li>
 *   <li>side effects in the body (printing, counters) happen when it runs: at tracing and at each
 *       call's check, not inside the compiled plan, and they see traced values, not numbers.</li>
 * </ul>
 * Transforms in {@link AD} take and return {@code Func}s, so they nest, and they are memoized: the
 * same transform of the same function is the same {@code Func}, so {@code AD.grad(f).call(x)} in a
 * loop compiles once. Plans are cached per shape (at most {@code descent.planCache} of them, 64 by
 * default, least recently used first out) and run concurrently from several threads.
 */
public final class Func {
    private static final int DEFAULT_CACHE_LIMIT = Integer.getInteger("descent.planCache", 64);
    private static final int MAX_NESTING = 256;
    private static final System.Logger LOG = System.getLogger("descent");

    /** How a derived function runs, on shapes alone, the user code it was built from. */
    @FunctionalInterface
    interface Probe {
        void run(Value[] args);
    }

    private final String name;
    private final Spec[] inSpecs;
    private final Spec[] outSpecs;
    private final int flatArity;
    private final FnN body;
    private final Probe probe;
    private final CapturePolicy policy;
    private final Map<Object, Func> derived = new ConcurrentHashMap<>();
    private final Map<List<Shape>, Shape[]> outShapes = new ConcurrentHashMap<>();
    private final PlanCache cache = new PlanCache(DEFAULT_CACHE_LIMIT);
    private final AtomicInteger traces = new AtomicInteger();
    private final AtomicInteger retraces = new AtomicInteger();
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

    private Func(String name, Spec[] inSpecs, Spec[] outSpecs, FnN body, Probe probe, CapturePolicy policy) {
        this.name = name;
        this.inSpecs = inSpecs;
        this.outSpecs = outSpecs;
        this.flatArity = Spec.leaves(inSpecs);
        this.body = body;
        this.probe = probe;
        this.policy = policy;
    }

    // ---- construction --------------------------------------------------------------------------

    /** A function of one argument. */
    public static Func of(Fn f) {
        return user("f", Spec.tensors(1), xs -> new Value[] {f.apply(xs[0])});
    }

    /** A function of two arguments. */
    public static Func of(Fn2 f) {
        return user("f", Spec.tensors(2), xs -> new Value[] {f.apply(xs[0], xs[1])});
    }

    /** A function of {@code arity} arguments returning one or more values. */
    public static Func of(int arity, FnN f) {
        if (arity < 0) {
            throw new IllegalArgumentException("arity must be non-negative, got " + arity);
        }
        return user("f", Spec.tensors(arity), f);
    }

    /**
     * A function of a parameter tree shaped like {@code like} (its names and nesting; the leaves'
     * values are not used) and {@code dataArity} data tensors, returning one value.
     */
    public static Func of(Params<?> like, int dataArity, ParamsFn f) {
        if (dataArity < 0) {
            throw new IllegalArgumentException("dataArity must be non-negative, got " + dataArity);
        }
        Spec tree = Spec.tree(like);
        Spec[] specs = new Spec[dataArity + 1];
        specs[0] = tree;
        Arrays.fill(specs, 1, specs.length, Spec.TENSOR);
        int leaves = tree.leaves();
        return user("f", specs, xs -> new Value[] {
            f.apply(Spec.valueTree(tree, xs, 0), Arrays.copyOfRange(xs, leaves, leaves + dataArity))});
    }

    /**
     * A function taking the arguments of {@code signature} (parameter trees included, as leaves)
     * followed by {@code extraTensors} tensors, with a body over the flat list of values: how
     * operators built on a function (its Laplacian, a loss with a random key) keep its signature.
     */
    public static Func of(Func signature, int extraTensors, FnN body) {
        if (extraTensors < 0) {
            throw new IllegalArgumentException("extraTensors must be non-negative, got " + extraTensors);
        }
        Spec[] in = Arrays.copyOf(signature.inSpecs, signature.inSpecs.length + extraTensors);
        Arrays.fill(in, signature.inSpecs.length, in.length, Spec.TENSOR);
        return user("f", in, body);
    }

    /**
     * A function whose arguments are, in order, tensors (null entries of {@code trees}) and
     * parameter trees with the structure of the given {@code Params} (their leaves' values unused);
     * the body sees every tree as its leaves, in order, among the flat values.
     */
    public static Func of(Params<?>[] trees, FnN flatBody) {
        Spec[] in = new Spec[trees.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = trees[i] == null ? Spec.TENSOR : Spec.tree(trees[i]);
        }
        return user("f", in, flatBody);
    }

    private static Func user(String name, Spec[] in, FnN body) {
        return new Func(name, in, null, body, null, CapturePolicy.fromSystem());
    }

    /** A function made by a transform: {@code probe} runs the user code it derives from. */
    static Func derived(String name, Spec[] in, Spec[] out, FnN body, Probe probe) {
        return new Func(name, in, out, body, probe, CapturePolicy.fromSystem());
    }

    /** The same function under another name (used in messages and listings). */
    public Func named(String newName) {
        return new Func(newName, inSpecs, outSpecs, body, probe, policy);
    }

    /** The same function with another policy for changed captures (see {@link CapturePolicy}). */
    public Func withCaptures(CapturePolicy p) {
        return new Func(name, inSpecs, outSpecs, body, probe, p);
    }

    /**
     * A function derived from this one (a transform of it), made once by {@code make} and then
     * returned for the same {@code key}, so that its compiled plans are reused. Libraries building
     * transforms on top of {@link AD} (differential operators, losses) use it as AD's own transforms
     * do; {@code key} must identify the transform and all its parameters (equals and hashCode).
     */
    public Func derive(Object key, Supplier<Func> make) {
        Func f = derived.get(key);
        if (f == null) {
            Func made = make.get();
            f = derived.putIfAbsent(key, made);
            if (f == null) {
                f = made;
            }
        }
        return f;
    }

    // ---- description -----------------------------------------------------------------------------

    /** The name used in messages. */
    public String name() {
        return name;
    }

    /** Number of arguments (a parameter tree counts as one). */
    public int arity() {
        return inSpecs.length;
    }

    /** Number of tensors the arguments flatten to (each tree contributes its leaves). */
    public int flatArity() {
        return flatArity;
    }

    Spec[] inSpecs() {
        return inSpecs;
    }

    Spec[] outSpecs() {
        return outSpecs;
    }

    /** How many times this function has been traced and compiled (once per new shape, plus retraces). */
    public int traces() {
        return traces.get();
    }

    /** How many of those traces were caused by changed captured tensors or control flow. */
    public int retraces() {
        return retraces.get();
    }

    /** Number of compiled plans currently cached. */
    public int cachedPlans() {
        return cache.size();
    }

    /** Drops every cached plan; the next call traces again. */
    public void clearCache() {
        cache.clear();
    }

    // ---- application inside a trace --------------------------------------------------------------

    private void checkFlatArity(int n) {
        if (n != flatArity) {
            throw new IllegalArgumentException(name + ": takes " + flatArity + " argument(s)"
                    + (flatArity != inSpecs.length ? " (" + inSpecs.length + " arguments, trees counted by their leaves)" : "")
                    + " but was given " + n);
        }
    }

    /** Applies the function to traced values (trees as their leaves), recording its operations in the current trace. */
    public Value[] applyAll(Value... args) {
        checkFlatArity(args.length);
        int[] d = depth.get();
        if (d[0] >= MAX_NESTING) {
            throw new IllegalStateException(name + ": applied within itself " + MAX_NESTING + " times while tracing; a traced "
                    + "function cannot recurse on traced values (unroll the recursion with a loop bounded by a shape or a constant)");
        }
        d[0]++;
        try {
            return probe == null ? applyUser(args) : applyDerived(args);
        } finally {
            d[0]--;
        }
    }

    private Value[] applyUser(Value[] args) {
        Value[] r = Recorder.running(true, () -> body.apply(args));
        if (r == null || r.length == 0) {
            throw new IllegalStateException(name + ": the function returned no values");
        }
        for (int i = 0; i < r.length; i++) {
            if (r[i] == null) {
                throw new IllegalStateException(name + ": result " + i + " is null");
            }
        }
        return r;
    }

    private Value[] applyDerived(Value[] args) {
        List<Shape> in = shapesOf(args);
        Trace current = Trace.currentOrNull();
        if (current != null && current.isProbe()) {
            Recorder.running(false, () -> {
                probe.run(args);
                return null;
            });
            Shape[] out = outShapes.get(in);
            if (out == null) {
                Fingerprint fp = Recorder.collecting();
                if (fp != null) {
                    fp.undetermined();
                }
                throw new UndeterminedProbe();
            }
            Value[] r = new Value[out.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = current.input(out[i]);
            }
            return r;
        }
        Value[] r = Recorder.running(false, () -> body.apply(args));
        outShapes.putIfAbsent(in, shapesOf(r).toArray(new Shape[0]));
        return r;
    }

    /** Thrown out of a probe that met a transform at shapes it was never traced with. */
    private static final class UndeterminedProbe extends RuntimeException {
        UndeterminedProbe() {
            super(null, null, false, false);
        }
    }

    private static List<Shape> shapesOf(Value[] v) {
        Shape[] s = new Shape[v.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = v[i].shape();
        }
        return Arrays.asList(s);
    }

    /** Applies a single-result function to traced values. */
    public Value apply(Value... args) {
        return single(applyAll(args));
    }

    /** Applies a single-result function of a parameter tree and data to traced values. */
    public Value apply(Params<Value> p, Value... data) {
        Object[] args = new Object[data.length + 1];
        args[0] = p;
        System.arraycopy(data, 0, args, 1, data.length);
        return single(applyAll(flattenValues(args)));
    }

    private Value[] flattenValues(Object[] args) {
        if (args.length != inSpecs.length) {
            throw new IllegalArgumentException(name + ": takes " + inSpecs.length + " argument(s) but was given " + args.length);
        }
        Value[] flat = new Value[flatArity];
        int at = 0;
        for (int i = 0; i < args.length; i++) {
            if (inSpecs[i].isTree()) {
                @SuppressWarnings("unchecked")
                Params<Value> p = (Params<Value>) args[i];
                inSpecs[i].tree.requireSameStructure(p, name + ": argument " + i);
                for (Value v : p.leaves()) {
                    flat[at++] = v;
                }
            } else {
                flat[at++] = (Value) args[i];
            }
        }
        return flat;
    }

    private <T> T single(T[] r) {
        if (r.length != 1) {
            throw new IllegalStateException(name + ": returns " + r.length + " values; use applyAll/callAll");
        }
        return r[0];
    }

    // ---- evaluation on tensors -------------------------------------------------------------------

    /** Evaluates on tensors (trees as their leaves, in order), returning every result as tensors. */
    public Tensor[] callAll(Tensor... args) {
        checkFlatArity(args.length);
        Shape[] shapes = Spec.shapes(args);
        return entry(shapes, true).run(args);
    }

    /** Evaluates a single-result function on tensors. */
    public Tensor call(Tensor... args) {
        return single(callAll(args));
    }

    /** Evaluates a single-result function of scalars, returning a scalar. */
    public double call(double... args) {
        Tensor[] t = new Tensor[args.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = Tensor.scalar(args[i]);
        }
        return call(t).item();
    }

    /**
     * Evaluates on arguments that are tensors or parameter trees ({@code Params<Tensor>}), as the
     * function's signature says, returning each result as a tensor or a tree.
     */
    public Outputs eval(Object... args) {
        Tensor[] flat = Spec.flatten(inSpecs, args, name);
        Tensor[] r = callAll(flat);
        Spec[] specs = outSpecs != null ? outSpecs : Spec.tensors(r.length);
        return new Outputs(Spec.group(specs, r));
    }

    /** Evaluates a single-result function of a parameter tree and data tensors. */
    public Tensor call(Params<Tensor> p, Tensor... data) {
        Outputs o = eval(prepend(p, data));
        if (o.size() != 1) {
            throw new IllegalStateException(name + ": returns " + o.size() + " results; use eval");
        }
        return o.tensor(0);
    }

    /** Evaluates a function whose single result is a parameter tree (a gradient with respect to a tree). */
    public Params<Tensor> callParams(Params<Tensor> p, Tensor... data) {
        Outputs o = eval(prepend(p, data));
        if (o.size() != 1) {
            throw new IllegalStateException(name + ": returns " + o.size() + " results; use eval");
        }
        return o.params(0);
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] args = new Object[rest.length + 1];
        args[0] = first;
        System.arraycopy(rest, 0, args, 1, rest.length);
        return args;
    }

    /**
     * The compiled form for flat arguments of the given shapes (cached). Running it does not check
     * captured tensors: a plan is a snapshot of the function at the time it was compiled.
     */
    public Compiled compile(Shape... shapes) {
        checkFlatArity(shapes.length);
        return new Compiled(entry(shapes, false), name);
    }

    /** A readable listing of the simplified graph for flat arguments of the given shapes. */
    public String listing(Shape... shapes) {
        return trace(shapes).toString();
    }

    // ---- plans ------------------------------------------------------------------------------------

    private PlanCache.Entry entry(Shape[] shapes, boolean check) {
        boolean nan = AD.nanChecking();
        PlanCache.Key key = new PlanCache.Key(Arrays.asList(shapes.clone()), nan);
        PlanCache.Entry e = cache.get(key);
        if (e != null && check && policy != CapturePolicy.FROZEN) {
            String difference = e.fingerprint().difference(probe(shapes));
            if (difference != null) {
                if (policy == CapturePolicy.FAIL) {
                    throw new IllegalStateException(name + ": " + difference + "; pass data that changes as an argument "
                            + "(Func.of((x, data) -> ...)) instead of reading it from outside the function");
                }
                cache.remove(key, e);
                e = null;
                int n = retraces.incrementAndGet();
                if (n == 3 || n % 1000 == 0) {
                    LOG.log(System.Logger.Level.WARNING, name + " was traced again " + n + " times because " + difference
                            + "; pass data that changes as an argument so the compiled plan can be reused");
                }
            }
        }
        if (e == null) {
            e = cache.computeIfAbsent(key, () -> compileEntry(shapes, nan));
        }
        return e;
    }

    private PlanCache.Entry compileEntry(Shape[] shapes, boolean nan) {
        Fingerprint fp = new Fingerprint();
        Supplier<Graph> traceIt = () -> Recorder.collecting(fp, () -> trace(shapes));
        Graph g = nan ? Recorder.debugging(traceIt) : traceIt.get();
        traces.incrementAndGet();
        return new PlanCache.Entry(g, fp, Plan.compile(g, nan));
    }

    /** Runs the body on shapes alone and returns the fingerprint of the user code it ran. */
    private Fingerprint probe(Shape[] shapes) {
        Fingerprint fp = new Fingerprint();
        Trace t = Trace.probe();
        try {
            Trace.within(t, () -> Recorder.collecting(fp, () -> {
                Value[] ins = new Value[shapes.length];
                for (int i = 0; i < ins.length; i++) {
                    ins[i] = t.input(shapes[i]);
                }
                return applyAll(ins);
            }));
        } catch (UndeterminedProbe ignored) {
            fp.undetermined();
        }
        return fp;
    }

    /** The simplified top-level graph of this function for flat arguments of the given shapes. */
    Graph trace(Shape... shapes) {
        checkFlatArity(shapes.length);
        return traceIn(null, shapes);
    }

    /** Traces in a child of the current trace, so the body may read values of enclosing functions. */
    Graph traceNested(Value[] args) {
        return traceIn(Trace.currentOrNull(), shapesOf(args).toArray(new Shape[0]));
    }

    /** Traces for arguments of the given shapes in a child of the current trace. */
    Graph traceNested(Shape[] shapes) {
        checkFlatArity(shapes.length);
        return traceIn(Trace.currentOrNull(), shapes);
    }

    private Graph traceIn(Trace parent, Shape[] shapes) {
        Trace t = new Trace(parent);
        return Trace.within(t, () -> {
            Value[] ins = new Value[shapes.length];
            for (int i = 0; i < ins.length; i++) {
                ins[i] = t.input(shapes[i]);
            }
            return Simplify.run(t.finish(applyAll(ins)));
        });
    }

    @Override
    public String toString() {
        return name + "/" + inSpecs.length;
    }
}
