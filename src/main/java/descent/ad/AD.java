package descent.ad;

import descent.internal.trace.Graph;
import descent.internal.trace.Trace;
import descent.tensor.Value;
import descent.internal.transform.Jvp;
import descent.internal.transform.Taylor;
import descent.internal.transform.Vjp;
import descent.tensor.Shape;
import descent.tensor.Tensor;

import java.util.Arrays;

/**
 * Differentiation transforms. Each takes a {@link Func} and returns a {@code Func}, so they nest
 * freely: {@code grad(grad(f))}, {@code jvp(grad(f))} (Hessian-vector products), {@code grad} of a
 * function that uses {@code jet} (PINN losses from Taylor coefficients), {@code jet(grad(f))}.
 * Every transform works on the traced graph and produces a graph in the same primitives.
 *
 * <pre>{@code
 * Func f = Func.of(x -> x.sin().mul(x).sum());
 * Tensor g = AD.grad(f).call(Tensor.of(1, 2, 3));          // cos(x) x + sin(x)
 * Tensor h = AD.hessian(f).call(Tensor.of(1, 2, 3));       // 3 x 3, diagonal
 * Jet j = AD.jet(Func.of(Value::exp), Tensor.scalar(0), Tensor.scalar(1), Tensor.scalar(0));
 * }</pre>
 */
public final class AD {
    private static volatile boolean nanCheck;

    private AD() {
    }

    // ---- debugging -----------------------------------------------------------------------------

    /**
     * Turns NaN checking on or off for functions compiled afterwards. When on, every evaluation
     * checks its inputs and the result of each step, and fails at the first step that produced a
     * NaN, naming the operation, its operand shapes and the line of user code that recorded it.
     */
    public static void debugNaNs(boolean on) {
        nanCheck = on;
        Trace.recordSites(on);
    }

    /** Whether NaN checking is on. */
    public static boolean nanChecking() {
        return nanCheck;
    }

    // ---- reverse mode --------------------------------------------------------------------------

    /** Gradient of a scalar function of one argument. */
    public static Func grad(Fn f) {
        return grad(Func.of(f));
    }

    /**
     * Gradient of a scalar-valued function with respect to the arguments {@code argnums} (default:
     * the first). The result takes the same arguments and returns one gradient per listed argument,
     * each shaped like its argument.
     */
    public static Func grad(Func f, int... argnums) {
        int[] wrt = argnums.length == 0 ? new int[] {0} : argnums;
        boolean[] mask = mask(wrt, f, "grad");
        return Func.make("grad(" + f.name() + ")", f.arity(), args -> {
            Value[] r = reverse(f, args, mask, "grad");
            return Arrays.copyOfRange(r, 1, r.length);
        });
    }

    /** The value and gradient of a scalar function of one argument. */
    public static Func valueAndGrad(Fn f) {
        return valueAndGrad(Func.of(f));
    }

    /** Like {@link #grad}, but returns the value first, then the gradients. */
    public static Func valueAndGrad(Func f, int... argnums) {
        int[] wrt = argnums.length == 0 ? new int[] {0} : argnums;
        boolean[] mask = mask(wrt, f, "valueAndGrad");
        return Func.make("valueAndGrad(" + f.name() + ")", f.arity(), args -> reverse(f, args, mask, "valueAndGrad"));
    }

    private static Value[] reverse(Func f, Value[] args, boolean[] mask, String op) {
        Graph g = f.traceNested(args);
        Shape out = single(g, f, op);
        if (out.size() != 1) {
            throw new IllegalArgumentException(op + ": " + f.name() + " must return a scalar, but returns shape " + out
                    + "; use vjp or jacobian for non-scalar outputs");
        }
        Graph v = Vjp.transform(g, mask);
        return v.inline(append(args, Trace.current().constant(Tensor.full(1, out.dims()))));
    }

    /**
     * Vector-Jacobian product of a single-result function of n arguments: the result takes
     * (x_1..x_n, ybar) and returns (f(x), xbar_1..xbar_n) with xbar_i = (df/dx_i)^T ybar.
     */
    public static Func vjp(Func f) {
        boolean[] all = new boolean[f.arity()];
        Arrays.fill(all, true);
        return Func.make("vjp(" + f.name() + ")", f.arity() + 1, args -> {
            Value[] primals = Arrays.copyOf(args, f.arity());
            Graph g = f.traceNested(primals);
            Shape out = single(g, f, "vjp");
            Value ct = args[f.arity()];
            if (!ct.shape().equals(out)) {
                throw new IllegalArgumentException("vjp: cotangent has shape " + ct.shape() + " but " + f.name()
                        + " returns shape " + out);
            }
            return Vjp.transform(g, all).inline(args);
        });
    }

    // ---- forward mode --------------------------------------------------------------------------

    /**
     * Jacobian-vector product: the result takes (x_1..x_n, t_1..t_n) and returns the outputs of f
     * followed by their tangents df(x)[t].
     */
    public static Func jvp(Func f) {
        int n = f.arity();
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        return Func.make("jvp(" + f.name() + ")", 2 * n, args -> {
            Value[] primals = Arrays.copyOf(args, n);
            for (int i = 0; i < n; i++) {
                if (!args[n + i].shape().equals(args[i].shape())) {
                    throw new IllegalArgumentException("jvp: tangent " + i + " has shape " + args[n + i].shape()
                            + " but its argument has shape " + args[i].shape());
                }
            }
            return Jvp.transform(f.traceNested(primals), all).inline(args);
        });
    }

    /** Hessian-vector product of a scalar function of one argument: (x, v) -&gt; H(x) v, forward over reverse. */
    public static Func hvp(Func f) {
        Func tangent = jvp(grad(f));
        return Func.make("hvp(" + f.name() + ")", 2, args -> new Value[] {tangent.applyAll(args)[1]});
    }

    /** Hessian-vector product of a scalar function of one argument. */
    public static Func hvp(Fn f) {
        return hvp(Func.of(f));
    }

    // ---- Jacobians -----------------------------------------------------------------------------

    /** The Jacobian of a single-result function of one argument, by reverse mode (one pass per output element). */
    public static Func jacobian(Func f) {
        return jacrev(f);
    }

    /** The Jacobian of a single-result function of one argument. */
    public static Func jacobian(Fn f) {
        return jacrev(Func.of(f));
    }

    /**
     * Jacobian by forward mode, one pass per input element: shape out.shape + in.shape.
     * Cheaper than {@link #jacrev} when the input is smaller than the output.
     */
    public static Func jacfwd(Func f) {
        return jacobianBy(f, true);
    }

    /**
     * Jacobian by reverse mode, one pass per output element: shape out.shape + in.shape.
     * Cheaper than {@link #jacfwd} when the output is smaller than the input.
     */
    public static Func jacrev(Func f) {
        return jacobianBy(f, false);
    }

    /** Jacobian from one jvp per input element (columns) or one vjp per output element (rows). */
    private static Func jacobianBy(Func f, boolean forward) {
        String op = forward ? "jacfwd" : "jacrev";
        requireUnary(f, op);
        return Func.make(op + "(" + f.name() + ")", 1, args -> {
            Value x = args[0];
            Graph g = f.traceNested(args);
            Shape out = single(g, f, op);
            boolean[] wrt = {true};
            Graph d = forward ? Jvp.transform(g, wrt) : Vjp.transform(g, wrt);
            Shape seeds = forward ? x.shape() : out;
            Value[] parts = new Value[seeds.size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = d.inline(x, x.constant(basis(seeds, i)))[1].flatten();
            }
            return new Value[] {Value.stack(forward ? 1 : 0, parts).reshape(out.concat(x.shape()).dims())};
        });
    }

    /** The Hessian of a scalar function of one argument (forward over reverse): shape x.shape + x.shape. */
    public static Func hessian(Func f) {
        return jacfwd(grad(f)).named("hessian(" + f.name() + ")");
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
        int n = f.arity();
        boolean[] mask = mask(argnums, f, "jet");
        int[] along = argnums.clone();
        double[] factorial = new double[order + 1];
        factorial[0] = 1;
        for (int k = 1; k <= order; k++) {
            factorial[k] = factorial[k - 1] * k;
        }
        int[] sortedAlong = along.clone();
        Arrays.sort(sortedAlong);
        return Func.make("jet" + order + "(" + f.name() + ")", n + along.length * order, args -> {
            Value[] primals = Arrays.copyOf(args, n);
            Value[] in = new Value[n + along.length * order];
            System.arraycopy(args, 0, in, 0, n);
            for (int a = 0; a < along.length; a++) {
                int i = along[a];
                int slot = Arrays.binarySearch(sortedAlong, i);
                for (int k = 1; k <= order; k++) {
                    Value term = args[n + a * order + k - 1];
                    if (!term.shape().equals(args[i].shape())) {
                        throw new IllegalArgumentException("jet: series term " + k + " of argument " + i + " has shape "
                                + term.shape() + " but the argument has shape " + args[i].shape());
                    }
                    in[n + slot * order + k - 1] = k == 1 ? term : term.div(factorial[k]);
                }
            }
            Value[] out = Taylor.transform(f.traceNested(primals), order, mask).inline(in);
            for (int j = 0; j < out.length; j++) {
                int k = j % (order + 1);
                if (k > 1) {
                    out[j] = out[j].mul(factorial[k]);
                }
            }
            return out;
        });
    }

    /**
     * Pushes the jet (x; v_1..v_K) through a single-result function of one argument.
     *
     * @see #jet(Func, int)
     */
    public static Jet jet(Func f, Tensor x, Tensor... series) {
        requireUnary(f, "jet");
        Tensor[] args = new Tensor[series.length + 1];
        args[0] = x;
        System.arraycopy(series, 0, args, 1, series.length);
        Tensor[] r = jet(f, series.length).callAll(args);
        if (r.length != series.length + 1) {
            throw new IllegalArgumentException("jet: " + f.name() + " returns more than one value; use jet(f, order)");
        }
        return new Jet(r[0], Arrays.copyOfRange(r, 1, r.length));
    }

    /** Pushes a jet through a function of one argument. */
    public static Jet jet(Fn f, Tensor x, Tensor... series) {
        return jet(Func.of(f), x, series);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static boolean[] mask(int[] argnums, Func f, String op) {
        boolean[] m = new boolean[f.arity()];
        for (int a : argnums) {
            if (a < 0 || a >= f.arity()) {
                throw new IllegalArgumentException(op + ": argument index " + a + " is out of range for " + f.name()
                        + ", which takes " + f.arity() + " argument(s)");
            }
            if (m[a]) {
                throw new IllegalArgumentException(op + ": argument index " + a + " is listed twice");
            }
            m[a] = true;
        }
        return m;
    }

    private static void requireUnary(Func f, String op) {
        if (f.arity() != 1) {
            throw new IllegalArgumentException(op + ": needs a function of one argument, " + f.name() + " takes " + f.arity());
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

    private static Tensor basis(Shape shape, int i) {
        double[] d = new double[shape.size()];
        d[i] = 1;
        return Tensor.wrap(d, shape);
    }
}
