package descent.ad;

import descent.internal.trace.Graph;
import descent.internal.trace.Trace;
import descent.tensor.Value;
import descent.internal.plan.Plan;
import descent.internal.transform.Simplify;
import descent.tensor.Shape;
import descent.tensor.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A differentiable function: a body over {@link Value}s with a fixed number of arguments and one
 * or more results. Apply it to values inside another function ({@link #apply}), or evaluate it on
 * tensors ({@link #call}): the first call for a combination of argument shapes traces the body to
 * a graph and compiles a {@link Plan}; later calls with the same shapes reuse that plan. The body
 * is re-traced only when shapes change, so Java control flow in it is evaluated at trace time.
 * Transforms in {@link AD} take and return {@code Func}s, so they nest.
 */
public final class Func {
    private final String name;
    private final int arity;
    private final FnN body;
    private final Map<List<Object>, Plan> plans = new ConcurrentHashMap<>();

    private Func(String name, int arity, FnN body) {
        this.name = name;
        this.arity = arity;
        this.body = body;
    }

    /** A function of one argument. */
    public static Func of(Fn f) {
        return new Func("f", 1, xs -> new Value[] {f.apply(xs[0])});
    }

    /** A function of two arguments. */
    public static Func of(Fn2 f) {
        return new Func("f", 2, xs -> new Value[] {f.apply(xs[0], xs[1])});
    }

    /** A function of {@code arity} arguments returning one or more values. */
    public static Func of(int arity, FnN f) {
        if (arity < 0) {
            throw new IllegalArgumentException("arity must be non-negative, got " + arity);
        }
        return new Func("f", arity, f);
    }

    /** The same function under another name (used in messages and listings). */
    public Func named(String newName) {
        return new Func(newName, arity, body);
    }

    static Func make(String name, int arity, FnN body) {
        return new Func(name, arity, body);
    }

    /** The name used in messages. */
    public String name() {
        return name;
    }

    /** Number of arguments. */
    public int arity() {
        return arity;
    }

    private void checkArity(int n) {
        if (n != arity) {
            throw new IllegalArgumentException(name + ": takes " + arity + " argument(s) but was given " + n);
        }
    }

    /** Applies the function to traced values, recording its operations in the current trace. */
    public Value[] applyAll(Value... args) {
        checkArity(args.length);
        Value[] r = body.apply(args);
        if (r == null || r.length == 0) {
            throw new IllegalStateException(name + ": the function returned no values");
        }
        return r;
    }

    /** Applies a single-result function to traced values. */
    public Value apply(Value... args) {
        return single(applyAll(args));
    }

    private <T> T single(T[] r) {
        if (r.length != 1) {
            throw new IllegalStateException(name + ": returns " + r.length + " values; use applyAll/callAll");
        }
        return r[0];
    }

    /** Evaluates on tensors, returning every result. */
    public Tensor[] callAll(Tensor... args) {
        checkArity(args.length);
        Shape[] shapes = new Shape[args.length];
        for (int i = 0; i < args.length; i++) {
            shapes[i] = args[i].shape();
        }
        return compile(shapes).run(args);
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

    /** The compiled plan for arguments of the given shapes (cached). */
    public Plan compile(Shape... shapes) {
        checkArity(shapes.length);
        boolean nan = AD.nanChecking();
        List<Object> key = List.of(Arrays.asList(shapes), nan);
        Plan p = plans.get(key);
        if (p == null) {
            p = Plan.compile(trace(shapes), nan);
            plans.put(key, p);
        }
        return p;
    }

    /** The simplified top-level graph of this function for arguments of the given shapes. */
    public Graph trace(Shape... shapes) {
        checkArity(shapes.length);
        return traceIn(null, shapes);
    }

    /** Traces in a child of the current trace, so the body may read values of enclosing functions. */
    Graph traceNested(Value[] args) {
        Shape[] shapes = new Shape[args.length];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = args[i].shape();
        }
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
        return name + "/" + arity;
    }
}
