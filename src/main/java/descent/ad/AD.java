package descent.ad;

import descent.internal.trace.Fingerprint;
import descent.internal.trace.Graph;
import descent.internal.trace.Recorder;
import descent.internal.trace.Trace;
import descent.internal.trace.Var;
import descent.internal.transform.Jvp;
import descent.internal.transform.Taylor;
import descent.internal.transform.Vjp;
import descent.internal.transform.Vmap;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Differentiation transforms. Each takes a {@link Func} and returns a {@code Func}, so they nest
 * freely: {@code grad(grad(f))}, {@code jvp(grad(f))} (Hessian-vector products), {@code grad} of a
 * function that uses {@code jet} (PINN losses from Taylor coefficients), {@code jet(grad(f))}.
 * Every transform works on the traced graph and produces a graph in the same primitives. The same
 * transform of the same function returns the same {@code Func}, so its compiled plans are reused.
 *
 * <pre>{@code
 * Func f = Func.of(x -> x.sin().mul(x).sum());
 * Tensor g = AD.grad(f).call(Tensor.of(1, 2, 3));          // cos(x) x + sin(x)
 * Tensor h = AD.hessian(f).call(Tensor.of(1, 2, 3));       // 3 x 3, diagonal
 * Jet j = AD.jet(Func.of(Value::exp), Tensor.scalar(0), Tensor.scalar(1), Tensor.scalar(0));
 * }</pre>
 */
public final class AD {
    private static volatile boolean nanCheckEverywhere;
    private static final ThreadLocal<int[]> NAN_SCOPES = ThreadLocal.withInitial(() -> new int[1]);

    private AD() {
    }

    // ---- debugging -----------------------------------------------------------------------------

    /**
     * A scope in which NaN checking is on for this thread: evaluations check their inputs and the
     * result of each step, and fail at the first step that produced a NaN, naming the operation,
     * its operand shapes and the line of user code that recorded it. Close it to turn checking
     * off again; scopes nest.
     *
     * <pre>{@code
     * try (AD.NanCheck check = AD.debugNaNs()) {
     *     loss.call(x);
     * }
     * }</pre>
     */
    public static NanCheck debugNaNs() {
        NAN_SCOPES.get()[0]++;
        return new NanCheck();
    }

    /** An open NaN-checking scope; closing it ends the scope on the thread that opened it. */
    public static final class NanCheck implements AutoCloseable {
        private final Thread owner = Thread.currentThread();
        private boolean closed;

        private NanCheck() {
        }

        @Override
        public void close() {
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("a NaN-checking scope must be closed on the thread that opened it");
            }
            if (!closed) {
                closed = true;
                NAN_SCOPES.get()[0]--;
            }
        }
    }

    /** Turns NaN checking on or off for every thread (see {@link #debugNaNs()} for a scoped switch). */
    public static void debugNaNs(boolean on) {
        nanCheckEverywhere = on;
    }

    /** Whether NaN checking is on for this thread. */
    public static boolean nanChecking() {
        return nanCheckEverywhere || NAN_SCOPES.get()[0] > 0;
    }

    // ---- reverse mode --------------------------------------------------------------------------

    /** Gradient of a scalar function of one argument. */
    public static Func grad(Fn f) {
        return grad(Func.of(f));
    }

    /**
     * Gradient of a scalar-valued function with respect to the arguments {@code argnums} (default:
     * the first). The result takes the same arguments and returns one gradient per listed argument,
     * each shaped like its argument: a tensor, or a tree of the same structure for a tree argument.
     */
    public static Func grad(Func f, int... argnums) {
        int[] wrt = argnums.length == 0 ? new int[] {0} : argnums.clone();
        return f.derive(List.of("grad", Arrays.toString(wrt)), () -> {
            boolean[] mask = flatMask(wrt, f, "grad");
            return Func.derived("grad(" + f.name() + ")", f.inSpecs(), select(f.inSpecs(), wrt), args -> {
                Value[] r = reverse(f, args, mask, "grad");
                return Arrays.copyOfRange(r, 1, r.length);
            }, f::applyAll);
        });
    }

    /** The value and gradient of a scalar function of one argument. */
    public static Func valueAndGrad(Fn f) {
        return valueAndGrad(Func.of(f));
    }

    /** Like {@link #grad}, but returns the value first, then the gradients. */
    public static Func valueAndGrad(Func f, int... argnums) {
        int[] wrt = argnums.length == 0 ? new int[] {0} : argnums.clone();
        return f.derive(List.of("valueAndGrad", Arrays.toString(wrt)), () -> {
            boolean[] mask = flatMask(wrt, f, "valueAndGrad");
            Spec[] grads = select(f.inSpecs(), wrt);
            Spec[] out = new Spec[grads.length + 1];
            out[0] = Spec.TENSOR;
            System.arraycopy(grads, 0, out, 1, grads.length);
            return Func.derived("valueAndGrad(" + f.name() + ")", f.inSpecs(), out,
                    args -> reverse(f, args, mask, "valueAndGrad"), f::applyAll);
        });
    }

    private static Value[] reverse(Func f, Value[] args, boolean[] mask, String op) {
        Graph g = f.traceNested(args);
        Shape out = single(g, f, op);
        if (out.size() != 1) {
            throw new IllegalArgumentException(op + ": " + f.name() + " must return a scalar, but returns shape " + out
                    + "; use vjp or jacobian for non-scalar outputs");
        }
        Graph v = Vjp.transform(g, mask);
        return v.inline(append(args, Trace.current().constantQuiet(Tensor.full(1, out.dims()))));
    }

    /**
     * Vector-Jacobian product of a single-result function: the result takes (x_1..x_n, ybar) and
     * returns (f(x), xbar_1..xbar_n) with xbar_i = (df/dx_i)^T ybar.
     */
    public static Func vjp(Func f) {
        return f.derive("vjp", () -> {
            int n = f.flatArity();
            boolean[] all = new boolean[n];
            Arrays.fill(all, true);
            Spec[] in = append(f.inSpecs(), Spec.TENSOR);
            Spec[] out = new Spec[f.arity() + 1];
            out[0] = Spec.TENSOR;
            System.arraycopy(f.inSpecs(), 0, out, 1, f.arity());
            return Func.derived("vjp(" + f.name() + ")", in, out, args -> {
                Value[] primals = Arrays.copyOf(args, n);
                Graph g = f.traceNested(primals);
                Shape shape = single(g, f, "vjp");
                Value ct = args[n];
                if (!ct.shape().equals(shape)) {
                    throw new IllegalArgumentException("vjp: cotangent has shape " + ct.shape() + " but " + f.name()
                            + " returns shape " + shape);
                }
                return Vjp.transform(g, all).inline(args);
            }, args -> f.applyAll(Arrays.copyOf(args, n)));
        });
    }

    // ---- forward mode --------------------------------------------------------------------------

    /**
     * Jacobian-vector product: the result takes (x_1..x_n, t_1..t_n) and returns the outputs of f
     * followed by their tangents df(x)[t].
     */
    public static Func jvp(Func f) {
        return f.derive("jvp", () -> {
            int n = f.flatArity();
            boolean[] all = new boolean[n];
            Arrays.fill(all, true);
            Spec[] in = concat(f.inSpecs(), f.inSpecs());
            Spec[] out = f.outSpecs() == null ? null : concat(f.outSpecs(), f.outSpecs());
            return Func.derived("jvp(" + f.name() + ")", in, out, args -> {
                Value[] primals = Arrays.copyOf(args, n);
                for (int i = 0; i < n; i++) {
                    if (!args[n + i].shape().equals(args[i].shape())) {
                        throw new IllegalArgumentException("jvp: tangent " + i + " has shape " + args[n + i].shape()
                                + " but its argument has shape " + args[i].shape());
                    }
                }
                return Jvp.transform(f.traceNested(primals), all).inline(args);
            }, args -> f.applyAll(Arrays.copyOf(args, n)));
        });
    }

    /**
     * Hessian-vector product of a scalar function of one argument (a tensor or a tree):
     * (x, v) -&gt; H(x) v, forward over reverse, without forming H.
     */
    public static Func hvp(Func f) {
        requireUnary(f, "hvp");
        return f.derive("hvp", () -> {
            Func tangent = jvp(grad(f));
            int n = f.flatArity();
            Spec s = f.inSpecs()[0];
            return Func.derived("hvp(" + f.name() + ")", new Spec[] {s, s}, new Spec[] {s},
                    args -> Arrays.copyOfRange(tangent.applyAll(args), n, 2 * n), tangent::applyAll);
        });
    }

    /** Hessian-vector product of a scalar function of one argument. */
    public static Func hvp(Fn f) {
        return hvp(Func.of(f));
    }

    // ---- batching ------------------------------------------------------------------------------

    /** In {@link #vmap}'s axes: the argument is not batched (every batch element sees all of it). */
    public static final int NOT_BATCHED = Integer.MIN_VALUE;

    /** Vectorizes f over a leading batch axis of every argument and result: {@code vmap(f, 0..., 0...)}. */
    public static Func vmap(Func f) {
        int[] in = new int[f.arity()];
        return vmap(f, in, null);
    }

    /**
     * Vectorizes f: the result takes arguments with an extra batch axis at {@code inAxes[i]} (or
     * none, for {@link #NOT_BATCHED}; a tree argument's axis applies to all its leaves) and returns
     * f applied to each batch element, the results stacked along {@code outAxes[j]} (null: axis 0
     * for every result). It is a graph transform with one batching rule per primitive, so it nests
     * with the others: {@code vmap(grad(f))} gives per-example gradients, {@code vmap(jvp(f))}
     * Jacobian columns. Negative axes count from the end.
     */
    public static Func vmap(Func f, int[] inAxes, int[] outAxes) {
        if (inAxes.length != f.arity()) {
            throw new IllegalArgumentException("vmap: " + inAxes.length + " input axes given for " + f.name() + ", which takes "
                    + f.arity() + " argument(s)");
        }
        int[] ia = inAxes.clone();
        int[] oa = outAxes == null ? null : outAxes.clone();
        return f.derive(List.of("vmap", Arrays.toString(ia), String.valueOf(Arrays.toString(oa))), () -> {
            int[] flatAxes = new int[f.flatArity()];
            int[] offsets = Spec.offsets(f.inSpecs());
            boolean any = false;
            for (int a = 0; a < ia.length; a++) {
                Arrays.fill(flatAxes, offsets[a], offsets[a + 1], ia[a]);
                any |= ia[a] != NOT_BATCHED;
            }
            if (!any) {
                throw new IllegalArgumentException("vmap: no argument of " + f.name() + " is batched");
            }
            return Func.derived("vmap(" + f.name() + ")", f.inSpecs(), f.outSpecs(), args -> {
                int n = args.length;
                boolean[] batched = new boolean[n];
                Value[] moved = new Value[n];
                Shape[] logical = new Shape[n];
                int size = -1;
                for (int i = 0; i < n; i++) {
                    if (flatAxes[i] == NOT_BATCHED) {
                        moved[i] = args[i];
                        logical[i] = args[i].shape();
                        continue;
                    }
                    batched[i] = true;
                    int axis = batchAxis(args[i].shape(), flatAxes[i], i);
                    int b = args[i].shape().dim(axis);
                    if (size >= 0 && b != size) {
                        throw new IllegalArgumentException("vmap: batched arguments disagree on the batch size: " + size
                                + " and " + b + " (argument " + i + " of shape " + args[i].shape() + ", axis " + flatAxes[i] + ")");
                    }
                    size = b;
                    moved[i] = moveAxis(args[i], axis, 0);
                    logical[i] = moved[i].shape().drop(0);
                }
                Graph g = f.traceNested(logical);
                Value[] out = Vmap.transform(g, batched, size).inline(moved);
                if (oa != null && oa.length != out.length) {
                    throw new IllegalArgumentException("vmap: " + oa.length + " output axes given for " + f.name() + ", which returns "
                            + out.length + " result(s)");
                }
                for (int j = 0; j < out.length; j++) {
                    int target = oa == null ? 0 : oa[j];
                    int axis = target < 0 ? target + out[j].rank() : target;
                    if (axis < 0 || axis >= out[j].rank()) {
                        throw new IllegalArgumentException("vmap: output axis " + target + " is out of range for result " + j
                                + " of shape " + out[j].shape());
                    }
                    out[j] = moveAxis(out[j], 0, axis);
                }
                return out;
            }, args -> {
                Value[] logical = new Value[args.length];
                for (int i = 0; i < args.length; i++) {
                    logical[i] = flatAxes[i] == NOT_BATCHED ? args[i]
                            : Trace.current().input(args[i].shape().drop(batchAxis(args[i].shape(), flatAxes[i], i)));
                }
                f.applyAll(logical);
            });
        });
    }

    private static int batchAxis(Shape s, int axis, int arg) {
        int a = axis < 0 ? axis + s.rank() : axis;
        if (a < 0 || a >= s.rank()) {
            throw new IllegalArgumentException("vmap: batch axis " + axis + " is out of range for argument " + arg + " of shape " + s);
        }
        return a;
    }

    private static Value moveAxis(Value v, int from, int to) {
        if (from == to) {
            return v;
        }
        int r = v.rank();
        List<Integer> order = new ArrayList<>();
        for (int a = 0; a < r; a++) {
            if (a != from) {
                order.add(a);
            }
        }
        order.add(to, from);
        int[] perm = new int[r];
        for (int a = 0; a < r; a++) {
            perm[a] = order.get(a);
        }
        return v.permute(perm);
    }

    // ---- Jacobians -----------------------------------------------------------------------------

    /** The Jacobian of a single-result function of one tensor, by reverse mode: shape out.shape + in.shape. */
    public static Func jacobian(Func f) {
        return jacrev(f);
    }

    /** The Jacobian of a single-result function of one argument. */
    public static Func jacobian(Fn f) {
        return jacrev(Func.of(f));
    }

    /**
     * Jacobian by forward mode, a batch of jvps (one per input element): shape out.shape + in.shape.
     * Cheaper than {@link #jacrev} when the input is smaller than the output.
     */
    public static Func jacfwd(Func f) {
        return jacobianBy(f, true);
    }

    /**
     * Jacobian by reverse mode, a batch of vjps (one per output element): shape out.shape + in.shape.
     * Cheaper than {@link #jacfwd} when the output is smaller than the input.
     */
    public static Func jacrev(Func f) {
        return jacobianBy(f, false);
    }

    /**
     * The Jacobian as a batch of jvps over the rows of the identity (columns of J) or a batch of
     * vjps (rows of J): one vmapped pass, so the plan does not grow with the dimension.
     */
    private static Func jacobianBy(Func f, boolean forward) {
        String op = forward ? "jacfwd" : "jacrev";
        requireUnaryTensor(f, op);
        return f.derive(op, () -> Func.derived(op + "(" + f.name() + ")", Spec.tensors(1), Spec.tensors(1), args -> {
            Value x = args[0];
            // The output shape alone, traced aside: the products below run the user's code again, and
            // only that run may count in the fingerprint, or every later call would see a different
            // function and trace it again.
            Shape out = single(Recorder.collecting(new Fingerprint(), () -> f.traceNested(args)), f, op);
            Shape in = x.shape();
            long elements = (long) out.size() * in.size();
            long bytes = elements * 8;
            if (elements > Integer.MAX_VALUE - 8 || 3 * bytes > Runtime.getRuntime().maxMemory()) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "%s: the Jacobian of %s (output %s, input %s) has %,d elements (%.1f GB), too many for this JVM's "
                                + "%.1f GB heap; use jvp, vjp or hvp for products with it instead of forming it",
                        op, f.name(), out, in, elements, bytes / 1e9, Runtime.getRuntime().maxMemory() / 1e9));
            }
            Shape seeds = forward ? in : out;
            Value eye = identity(x, seeds.size()).reshape(Shape.of(seeds.size()).concat(seeds).dims());
            Func products = vmap(forward ? jvp(f) : vjp(f), new int[] {NOT_BATCHED, 0}, null);
            Value rows = products.applyAll(x, eye)[1];
            if (forward) {
                rows = moveAxis(rows, 0, rows.rank() - 1);
            }
            return new Value[] {rows.reshape(out.concat(in).dims())};
        }, f::applyAll));
    }

    /** The n x n identity as a traced value, computed in the plan rather than while tracing. */
    private static Value identity(Value like, int n) {
        Value i = like.constant(Tensor.arange(n));
        return i.reshape(n, 1).eq(i.reshape(1, n));
    }

    /** The Hessian of a scalar function of one tensor (forward over reverse): shape x.shape + x.shape. */
    public static Func hessian(Func f) {
        requireUnaryTensor(f, "hessian");
        return f.derive("hessian", () -> jacfwd(grad(f)).named("hessian(" + f.name() + ")"));
    }

    /** The Hessian of a scalar function of one argument. */
    public static Func hessian(Fn f) {
        return hessian(Func.of(f));
    }

    // ---- Taylor mode ---------------------------------------------------------------------------

    /**
     * Taylor-mode propagation of order K. The result takes (x_1..x_n, then for each argument i its
     * series v_{i,1}..v_{i,K}) and returns, for each output of f, (y, y^(1), ..., y^(K)): the
     * derivatives d^k/dt^k f(x(t)) at 0 for x_i(t) = x_i + sum_k v_{i,k} t^k / k!, the convention of
     * {@code jax.experimental.jet}. A first-order jet is a jvp; (v, 0) second-order jets give
     * directional second derivatives v^T H v, the building block of STDE.
     */
    public static Func jet(Func f, int order) {
        int[] all = new int[f.arity()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return jet(f, order, all);
    }

    /**
     * Taylor-mode propagation of order K along the arguments {@code argnums} only; the other
     * arguments are held fixed (no series), as for network parameters when jets run along the
     * input of a physics-informed loss. The result takes (x_1..x_n, then for each listed argument,
     * in the order listed, its series v_1..v_K) and returns, for each output, (y, y^(1), ..., y^(K)).
     */
    public static Func jet(Func f, int order, int... argnums) {
        if (order < 1) {
            throw new IllegalArgumentException("jet: order must be at least 1, got " + order);
        }
        int[] along = argnums.clone();
        return f.derive(List.of("jet", order, Arrays.toString(along)), () -> {
            int n = f.flatArity();
            boolean[] mask = flatMask(along, f, "jet");
            int[] offsets = Spec.offsets(f.inSpecs());
            double[] factorial = new double[order + 1];
            factorial[0] = 1;
            for (int k = 1; k <= order; k++) {
                factorial[k] = factorial[k - 1] * k;
            }
            List<Spec> in = new ArrayList<>(Arrays.asList(f.inSpecs()));
            int seriesLeaves = 0;
            for (int a : along) {
                for (int k = 1; k <= order; k++) {
                    in.add(f.inSpecs()[a]);
                }
                seriesLeaves += f.inSpecs()[a].leaves() * order;
            }
            int total = n + seriesLeaves;
            return Func.derived("jet" + order + "(" + f.name() + ")", in.toArray(new Spec[0]), null, args -> {
                Value[] primals = Arrays.copyOf(args, n);
                // Taylor.transform wants, per flat leaf, its coefficients 1..K; zero constants stay symbolic zeros.
                Value[][] coefficients = new Value[n][order];
                int at = n;
                for (int a : along) {
                    int leaves = f.inSpecs()[a].leaves();
                    for (int k = 1; k <= order; k++) {
                        for (int l = 0; l < leaves; l++) {
                            int leaf = offsets[a] + l;
                            Value term = args[at++];
                            if (!term.shape().equals(args[leaf].shape())) {
                                throw new IllegalArgumentException("jet: series term " + k + " of argument " + a + " has shape "
                                        + term.shape() + " but the argument has shape " + args[leaf].shape());
                            }
                            if (!Var.isKnownZero(term)) {
                                coefficients[leaf][k - 1] = k == 1 ? term : term.div(factorial[k]);
                            }
                        }
                    }
                }
                boolean[][] present = new boolean[n][order];
                List<Value> taylorIn = new ArrayList<>(Arrays.asList(primals));
                for (int leaf = 0; leaf < n; leaf++) {
                    for (int k = 0; k < order; k++) {
                        present[leaf][k] = coefficients[leaf][k] != null;
                        if (present[leaf][k]) {
                            taylorIn.add(coefficients[leaf][k]);
                        }
                    }
                }
                Value[] out = Taylor.transform(f.traceNested(primals), order, present).inline(taylorIn.toArray(new Value[0]));
                for (int j = 0; j < out.length; j++) {
                    int k = j % (order + 1);
                    if (k > 1) {
                        out[j] = out[j].mul(factorial[k]);
                    }
                }
                return out;
            }, args -> f.applyAll(Arrays.copyOf(args, n)));
        });
    }

    /**
     * Pushes the jet (x; v_1..v_K) through a single-result function of one argument.
     *
     * @see #jet(Func, int)
     */
    public static Jet jet(Func f, Tensor x, Tensor... series) {
        requireUnaryTensor(f, "jet");
        return jet(f, new Tensor[] {x}, new Tensor[][] {series})[0];
    }

    /** Pushes a jet through a function of one argument. */
    public static Jet jet(Fn f, Tensor x, Tensor... series) {
        return jet(Func.of(f), x, series);
    }

    /**
     * Pushes jets through a function of several tensor arguments in one pass: argument i follows
     * x_i(t) = x[i] + series[i][0] t + series[i][1] t^2/2! + ...; every argument has a series of
     * the same order K. Returns one {@link Jet} per result of f.
     */
    public static Jet[] jet(Func f, Tensor[] x, Tensor[][] series) {
        if (!Spec.allTensors(f.inSpecs()) || x.length != f.arity() || series.length != f.arity()) {
            throw new IllegalArgumentException("jet: " + f.name() + " takes " + f.arity() + " argument(s); give a point and a "
                    + "series for each (" + x.length + " points and " + series.length + " series given)");
        }
        int order = series.length == 0 ? 0 : series[0].length;
        for (Tensor[] s : series) {
            if (s.length != order) {
                throw new IllegalArgumentException("jet: every argument needs a series of the same order; got orders "
                        + order + " and " + s.length);
            }
        }
        Tensor[] args = new Tensor[x.length * (order + 1)];
        System.arraycopy(x, 0, args, 0, x.length);
        for (int i = 0; i < series.length; i++) {
            System.arraycopy(series[i], 0, args, x.length + i * order, order);
        }
        Tensor[] r = jet(f, order).callAll(args);
        Jet[] jets = new Jet[r.length / (order + 1)];
        for (int j = 0; j < jets.length; j++) {
            jets[j] = new Jet(r[j * (order + 1)], Arrays.copyOfRange(r, j * (order + 1) + 1, (j + 1) * (order + 1)));
        }
        return jets;
    }

    /**
     * The function and its first K derivatives along the direction {@code v} at {@code x}, from
     * one Taylor pass: entry k of the result's {@link Jet#derivative} is d^k/dt^k f(x + t v) at 0.
     */
    public static Jet derivatives(Func f, Tensor x, Tensor v, int order) {
        if (order < 1) {
            throw new IllegalArgumentException("derivatives: order must be at least 1, got " + order);
        }
        if (!v.shape().equals(x.shape())) {
            throw new IllegalArgumentException("derivatives: direction has shape " + v.shape() + " but the point has shape "
                    + x.shape());
        }
        Tensor[] series = new Tensor[order];
        series[0] = v;
        for (int k = 1; k < order; k++) {
            series[k] = Tensor.zeros(x.shape());
        }
        return jet(f, x, series);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** The flat leaf mask of the user-level arguments {@code argnums}. */
    private static boolean[] flatMask(int[] argnums, Func f, String op) {
        boolean[] m = new boolean[f.flatArity()];
        boolean[] seen = new boolean[f.arity()];
        int[] offsets = Spec.offsets(f.inSpecs());
        for (int a : argnums) {
            if (a < 0 || a >= f.arity()) {
                throw new IllegalArgumentException(op + ": argument index " + a + " is out of range for " + f.name()
                        + ", which takes " + f.arity() + " argument(s)");
            }
            if (seen[a]) {
                throw new IllegalArgumentException(op + ": argument index " + a + " is listed twice");
            }
            seen[a] = true;
            Arrays.fill(m, offsets[a], offsets[a + 1], true);
        }
        return m;
    }

    private static Spec[] select(Spec[] specs, int[] idx) {
        Spec[] r = new Spec[idx.length];
        for (int i = 0; i < idx.length; i++) {
            r[i] = specs[idx[i]];
        }
        return r;
    }

    private static Spec[] concat(Spec[] a, Spec[] b) {
        Spec[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static Spec[] append(Spec[] a, Spec s) {
        Spec[] r = Arrays.copyOf(a, a.length + 1);
        r[a.length] = s;
        return r;
    }

    private static void requireUnary(Func f, String op) {
        if (f.arity() != 1) {
            throw new IllegalArgumentException(op + ": needs a function of one argument, " + f.name() + " takes " + f.arity());
        }
    }

    private static void requireUnaryTensor(Func f, String op) {
        requireUnary(f, op);
        if (f.inSpecs()[0].isTree()) {
            throw new IllegalArgumentException(op + ": needs a function of one tensor, " + f.name() + " takes a parameter "
                    + "tree (flatten it with ParamLayout)");
        }
    }

    private static Shape single(Graph g, Func f, String op) {
        if (g.outputs().size() != 1) {
            throw new IllegalArgumentException(op + ": " + f.name() + " returns " + g.outputs().size()
                    + " values; it must return exactly one");
        }
        return g.outputs().get(0).shape();
    }

    private static Value[] append(Value[] a, Value v) {
        Value[] r = Arrays.copyOf(a, a.length + 1);
        r[a.length] = v;
        return r;
    }

}
