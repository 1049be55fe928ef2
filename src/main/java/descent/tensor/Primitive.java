package descent.tensor;


import java.util.List;

/**
 * An operation Descent knows how to evaluate and differentiate in every mode: the single source of
 * every operation on {@link Tensor}s and on traced {@link Value}s. A primitive defines, in one
 * class:
 * <ul>
 *   <li>{@link #shape}: the output shape, validating operands (errors name the op and shapes);</li>
 *   <li>{@link #kernel}: evaluation, prepared for fixed shapes;</li>
 *   <li>{@link #jvp}: forward mode, y' = sum_i (df/dx_i) x_i';</li>
 *   <li>{@link #vjp}: reverse mode, x_i-bar = (df/dx_i)^T y-bar, written in primitives so that it
 *       can itself be differentiated;</li>
 *   <li>{@link #taylor}: Taylor mode, the coefficients y_0..y_K of y(t) = f(x(t)) given those of
 *       x(t) = sum_k x_k t^k (normalized coefficients, x_k = x^{(k)}(0)/k!), also in primitives.</li>
 * </ul>
 * The rules are generic over the operation vocabulary {@link Ops}: Descent instantiates them with
 * traced values. Parameterized primitives (axes, shapes, exponents) must implement {@code equals}
 * and {@code hashCode} over their parameters so that identical applications can be shared. To
 * define an operation from lambdas, see {@code descent.ad.CustomOp}.
 */
public abstract class Primitive {
    /** Short lower-case name, used in messages and listings. */
    public abstract String name();

    /** Number of operands, or -1 if variadic. */
    public abstract int arity();

    /**
     * Output shape for operands of the given shapes.
     *
     * @throws IllegalArgumentException naming this primitive and the shapes when they are invalid
     */
    public abstract Shape shape(Shape... in);

    /** Kernel evaluating this primitive for operands of shapes {@code in}, producing {@code out}. */
    public abstract Kernel kernel(Shape[] in, Shape out);

    /**
     * Tangent of the output given operand tangents. {@code tangents[i]} is null where the tangent
     * is zero; return null for a zero result. The result must have the output's shape.
     *
     * @param x operand values
     * @param y output value
     */
    public abstract <T extends Ops<T>> T jvp(T[] x, T[] tangents, T y);

    /**
     * Cotangents of the operands given the output cotangent {@code ct}. Entry i may be null when it
     * is zero or when {@code needed[i]} is false; each non-null entry has operand i's shape.
     */
    public abstract <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed);

    /**
     * Taylor coefficients of the output. {@code x[i][k]} is coefficient k of operand i; entries
     * with k >= 1 may be null (zero). Returns K+1 coefficients (null allowed for k >= 1), where
     * coefficient 0 is the primal output, normally {@code y}.
     *
     * @param y the primal output, already computed
     */
    public abstract <T extends Ops<T>> T[] taylor(T[][] x, T y);

    /**
     * Batching rule (the vmap transform): operand i carries a leading batch axis of {@code size}
     * where {@code batched[i]} is set (at least one is); returns the batched result, batch axis
     * leading. The default applies the primitive to each batch element and stacks the results.
     */
    public <T extends Ops<T>> T batch(T[] x, boolean[] batched, int size) {
        return Batching.unrolled(this, x, batched, size);
    }

    /** True if the kernel may write its output over operand {@code i}'s buffer. */
    public boolean inPlace(int i, Shape[] in, Shape out) {
        return false;
    }

    /**
     * True if the output is operand 0's buffer read with another shape (no computation), so a
     * plan can alias the two.
     */
    public boolean isView() {
        return false;
    }

    /**
     * For an application whose operands have the given constant values (null where an operand is
     * not constant), the index of the operand that the result always equals bit for bit (x * 1,
     * x / 1, x + (-0.0), x - 0.0), or -1. Graph simplification uses it when shapes allow.
     */
    public int identityOperand(Tensor[] constants) {
        return -1;
    }

    /**
     * A cheaper application computing exactly the same result from the same operands, found by
     * looking at how the operands were computed, or null to keep this one. Graph simplification
     * calls it; the default keeps every application.
     */
    public <T extends Ops<T>> T rewrite(T[] x, Provenance<T> how) {
        return null;
    }

    /**
     * True for elementwise primitives that broadcast their operands (NumPy rules) inside the
     * kernel, so an operand that is an explicit broadcast can be replaced by the smaller original.
     */
    public boolean broadcastsOperands() {
        return false;
    }

    /** True for the primitive that broadcasts its operand to a larger shape. */
    public boolean isBroadcast() {
        return false;
    }

    /** True for two-operand primitives whose result does not depend on the operands' order (bit for bit). */
    public boolean isCommutative() {
        return false;
    }

    /** True if applying this primitive twice gives back the operand exactly (like negation). */
    public boolean isInvolution() {
        return false;
    }

    /** True if every element of {@code t} has exactly the bits of {@code c}. */
    static boolean allBits(Tensor t, double c) {
        if (t == null) {
            return false;
        }
        long bits = Double.doubleToRawLongBits(c);
        for (double d : t.data()) {
            if (Double.doubleToRawLongBits(d) != bits) {
                return false;
            }
        }
        return true;
    }

    /** True if an application to constants may be evaluated while tracing. */
    public boolean foldable() {
        return true;
    }

    /**
     * Evaluates this primitive on concrete tensors: checks the operand count and shapes, then runs
     * the kernel. This is how eager {@link Tensor} operations and constant folding evaluate, so they
     * give the same bits as compiled plans.
     *
     * @throws IllegalArgumentException naming this primitive when the operands are invalid
     */
    public Tensor evaluate(Tensor... in) {
        if (arity() >= 0 && in.length != arity()) {
            throw new IllegalArgumentException(name() + ": expects " + arity() + " operand(s), got " + in.length);
        }
        Shape[] shapes = new Shape[in.length];
        double[][] bufs = new double[in.length][];
        for (int i = 0; i < in.length; i++) {
            shapes[i] = in[i].shape();
            bufs[i] = in[i].data();
        }
        Shape out = shape(shapes);
        double[] o = new double[out.size()];
        kernel(shapes, out).run(bufs, o);
        return Tensor.owned(o, out);
    }

    /**
     * Representative applications used by the automatic checks of the built-in primitives (finite
     * differences, forward vs reverse, jets vs nested forward mode). Primitives defined outside
     * this package have none.
     */
    List<Sample> samples() {
        return List.of();
    }

    @Override
    public String toString() {
        return name();
    }

    /** Applies this primitive to one operand (a tensor evaluates; a traced value records). */
    public <T extends Ops<T>> T apply(T a) {
        return a.apply(this, List.of(a));
    }

    /** Applies this primitive to two operands. */
    public <T extends Ops<T>> T apply(T a, T b) {
        return a.apply(this, List.of(a, b));
    }

    /** Applies this primitive to three operands. */
    public <T extends Ops<T>> T apply(T a, T b, T c) {
        return a.apply(this, List.of(a, b, c));
    }

    /** Applies this primitive to any number (at least one) of operands. */
    public <T extends Ops<T>> T applyAll(T[] operands) {
        if (operands.length == 0) {
            throw new IllegalArgumentException(name() + ": needs at least one operand");
        }
        return operands[0].apply(this, java.util.Arrays.asList(operands));
    }
}
