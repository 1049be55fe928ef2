package descent.ad.core;

import descent.tensor.BinaryOp;
import descent.tensor.MatMul;
import descent.tensor.Shape;
import descent.tensor.Tensor;

/**
 * A tensor-valued variable in a function being traced: the user-facing language of Descent.
 * Write a function over {@code Value}s with these methods; Descent records each operation as a
 * primitive equation and can then evaluate, differentiate (forward, reverse, Taylor mode) and
 * compile it. Arithmetic broadcasts like NumPy. A value is only meaningful while its function is
 * being traced; evaluate the function ({@code Func.call}) to get {@link Tensor}s.
 */
public final class Value {
    private final Trace trace;
    private final int id;
    private final Shape shape;
    private final Tensor constant;
    Eqn producer;

    Value(Trace trace, int id, Shape shape, Tensor constant) {
        this.trace = trace;
        this.id = id;
        this.shape = shape;
        this.constant = constant;
    }

    // ---- identity --------------------------------------------------------------------------------

    /** The trace recording this value. */
    public Trace trace() {
        return trace;
    }

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** Number of axes. */
    public int rank() {
        return shape.rank();
    }

    /** Number of elements. */
    public int size() {
        return shape.size();
    }

    /** True if this value is a constant known while tracing. */
    public boolean isConstant() {
        return constant != null;
    }

    /** The constant's tensor, or null if this value is not a constant. */
    public Tensor constantValue() {
        return constant;
    }

    /** The equation defining this value, or null for inputs, captures and constants. */
    public Eqn producer() {
        return producer;
    }

    /** Short name used in graph listings. */
    public String label() {
        return (constant != null ? "c" : "%") + id;
    }

    @Override
    public String toString() {
        return constant != null ? "const" + shape + " " + constant : "Value" + label() + shape;
    }

    // ---- construction ----------------------------------------------------------------------------

    /** A constant in the current trace. */
    public static Value constant(Tensor t) {
        return Trace.current().constant(t);
    }

    /** A scalar constant in the current trace. */
    public static Value scalar(double v) {
        return Trace.current().scalar(v);
    }

    /** Zeros of the given shape, in the current trace. */
    public static Value zeros(Shape shape) {
        return scalar(0).broadcastTo(shape);
    }

    private static Value c(double v) {
        return Trace.current().scalar(v);
    }

    private static Value c(Tensor t) {
        return Trace.current().constant(t);
    }

    // ---- arithmetic ------------------------------------------------------------------------------

    /** this + b */
    public Value add(Value b) { return Add.INSTANCE.apply(this, b); }
    /** this + b */
    public Value add(double b) { return add(c(b)); }
    /** this + b */
    public Value add(Tensor b) { return add(c(b)); }
    /** this - b */
    public Value sub(Value b) { return Sub.INSTANCE.apply(this, b); }
    /** this - b */
    public Value sub(double b) { return sub(c(b)); }
    /** this - b */
    public Value sub(Tensor b) { return sub(c(b)); }
    /** b - this */
    public Value rsub(double b) { return c(b).sub(this); }
    /** this * b */
    public Value mul(Value b) { return Mul.INSTANCE.apply(this, b); }
    /** this * b */
    public Value mul(double b) { return mul(c(b)); }
    /** this * b */
    public Value mul(Tensor b) { return mul(c(b)); }
    /** this / b */
    public Value div(Value b) { return Div.INSTANCE.apply(this, b); }
    /** this / b */
    public Value div(double b) { return div(c(b)); }
    /** this / b */
    public Value div(Tensor b) { return div(c(b)); }
    /** b / this */
    public Value rdiv(double b) { return c(b).div(this); }
    /** this ^ b, elementwise (needs this &gt; 0 where b is not an integer) */
    public Value pow(Value b) { return Pow.INSTANCE.apply(this, b); }
    /** this ^ p for a constant exponent */
    public Value pow(double p) { return p == 1 ? this : new PowScalar(p).apply(this); }
    /** -this */
    public Value neg() { return Neg.INSTANCE.apply(this); }
    /** this * this */
    public Value square() { return pow(2); }

    // ---- elementwise functions -------------------------------------------------------------------

    /** e^this */
    public Value exp() { return Exp.INSTANCE.apply(this); }
    /** natural logarithm */
    public Value log() { return Log.INSTANCE.apply(this); }
    /** log(1 + this) */
    public Value log1p() { return Log1p.INSTANCE.apply(this); }
    /** e^this - 1 */
    public Value expm1() { return Expm1.INSTANCE.apply(this); }
    /** square root */
    public Value sqrt() { return Sqrt.INSTANCE.apply(this); }
    /** |this| (derivative sign(x), 0 at 0) */
    public Value abs() { return Abs.INSTANCE.apply(this); }
    /** sign: -1, 0 or 1 (derivative 0) */
    public Value sign() { return PiecewiseConstant.SIGN.apply(this); }
    /** nearest integer, ties to even (derivative 0) */
    public Value round() { return PiecewiseConstant.ROUND.apply(this); }
    /** floor (derivative 0) */
    public Value floor() { return PiecewiseConstant.FLOOR.apply(this); }
    /** sine */
    public Value sin() { return Sin.INSTANCE.apply(this); }
    /** cosine */
    public Value cos() { return Cos.INSTANCE.apply(this); }
    /** tangent */
    public Value tan() { return Tan.INSTANCE.apply(this); }
    /** hyperbolic tangent */
    public Value tanh() { return Tanh.INSTANCE.apply(this); }
    /** hyperbolic sine */
    public Value sinh() { return Sinh.INSTANCE.apply(this); }
    /** hyperbolic cosine */
    public Value cosh() { return Cosh.INSTANCE.apply(this); }
    /** logistic sigmoid 1/(1+e^-x) */
    public Value sigmoid() { return Sigmoid.INSTANCE.apply(this); }
    /** softplus log(1+e^x) */
    public Value softplus() { return Softplus.INSTANCE.apply(this); }
    /** error function */
    public Value erf() { return Erf.INSTANCE.apply(this); }
    /** arctangent */
    public Value atan() { return Atan.INSTANCE.apply(this); }
    /** max(x, 0), with derivative 0 at 0 */
    public Value relu() { return where(gt(0), this, c(0)); }
    /** x * sigmoid(x) */
    public Value silu() { return mul(sigmoid()); }
    /** elementwise max(this, b); at ties the derivative is split evenly */
    public Value maximum(Value b) { return Extremum.MAX.apply(this, b); }
    /** elementwise max(this, b) */
    public Value maximum(double b) { return maximum(c(b)); }
    /** elementwise min(this, b); at ties the derivative is split evenly */
    public Value minimum(Value b) { return Extremum.MIN.apply(this, b); }
    /** elementwise min(this, b) */
    public Value minimum(double b) { return minimum(c(b)); }
    /** min(max(this, lo), hi) */
    public Value clamp(double lo, double hi) { return maximum(lo).minimum(hi); }
    /** The same value with a zero derivative in every mode. */
    public Value stopGradient() { return StopGradient.INSTANCE.apply(this); }

    // ---- comparisons (0/1 masks, derivative 0) ---------------------------------------------------

    /** mask: 1 where this &lt; b */
    public Value lt(Value b) { return Compare.of(BinaryOp.LT).apply(this, b); }
    /** mask: 1 where this &lt; b */
    public Value lt(double b) { return lt(c(b)); }
    /** mask: 1 where this &lt;= b */
    public Value le(Value b) { return Compare.of(BinaryOp.LE).apply(this, b); }
    /** mask: 1 where this &lt;= b */
    public Value le(double b) { return le(c(b)); }
    /** mask: 1 where this &gt; b */
    public Value gt(Value b) { return Compare.of(BinaryOp.GT).apply(this, b); }
    /** mask: 1 where this &gt; b */
    public Value gt(double b) { return gt(c(b)); }
    /** mask: 1 where this &gt;= b */
    public Value ge(Value b) { return Compare.of(BinaryOp.GE).apply(this, b); }
    /** mask: 1 where this &gt;= b */
    public Value ge(double b) { return ge(c(b)); }
    /** mask: 1 where this == b */
    public Value eq(Value b) { return Compare.of(BinaryOp.EQ).apply(this, b); }
    /** mask: 1 where this == b */
    public Value eq(double b) { return eq(c(b)); }
    /** mask: 1 where this != b */
    public Value ne(Value b) { return Compare.of(BinaryOp.NE).apply(this, b); }
    /** mask: 1 where this != b */
    public Value ne(double b) { return ne(c(b)); }

    /** Elementwise {@code cond != 0 ? a : b}; the derivative flows to the selected branch. */
    public static Value where(Value cond, Value a, Value b) {
        return Where.INSTANCE.apply(cond, a, b);
    }

    // ---- linear algebra --------------------------------------------------------------------------

    /**
     * Matrix product with NumPy semantics: vectors act as a row (left) or column (right) and that
     * axis is dropped; leading axes broadcast as batches.
     */
    public Value matmul(Value b) {
        if (rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul: operands must have rank >= 1, got " + shape + " @ " + b.shape);
        }
        Value r = MatrixProduct.PLAIN.apply(reshape(MatMul.asMatrix(shape, true)), b.reshape(MatMul.asMatrix(b.shape, false)));
        return r.reshape(MatMul.vectorResult(shape, b.shape, r.shape));
    }

    /** Matrix product with a constant. */
    public Value matmul(Tensor b) { return matmul(c(b)); }

    /** Inner product of two vectors of equal length (a scalar). */
    public Value dot(Value b) {
        MatMul.requireVectors("dot", shape, b.shape, true);
        return matmul(b);
    }

    /** Outer product of two vectors: result[i, j] = this[i] * b[j]. */
    public Value outer(Value b) {
        MatMul.requireVectors("outer", shape, b.shape, false);
        return reshape(size(), 1).mul(b.reshape(1, b.size()));
    }

    // ---- reductions ------------------------------------------------------------------------------

    /** Sum of all elements. */
    public Value sum() { return sum(allAxes()); }
    /** Sum over the given axes, which are removed. */
    public Value sum(int... axes) { return new ReduceSum(descent.tensor.Reduce.normalizeAxes(shape, axes, "sum")).apply(this); }
    /** Mean of all elements. */
    public Value mean() { return mean(allAxes()); }

    /** Mean over the given axes, which are removed. */
    public Value mean(int... axes) {
        return sum(axes).div(descent.tensor.Reduce.count(shape, axes));
    }

    /** Largest element. */
    public Value max() { return max(allAxes()); }
    /** Maximum over the given axes, which are removed; ties share the derivative evenly. */
    public Value max(int... axes) { return new ReduceMax(descent.tensor.Reduce.normalizeAxes(shape, axes, "max")).apply(this); }
    /** Smallest element. */
    public Value min() { return min(allAxes()); }
    /** Minimum over the given axes, which are removed. */
    public Value min(int... axes) { return neg().max(axes).neg(); }

    /** log(sum(exp(x))) over the given axes, computed stably. */
    public Value logsumexp(int... axes) {
        Value m = max(axes).stopGradient();
        Value mk = m.reshape(keptDims(axes));
        return sub(mk).exp().sum(axes).log().add(m);
    }

    /** Softmax along {@code axis}: exp(x) / sum(exp(x)). */
    public Value softmax(int axis) {
        Value lse = logsumexp(axis).reshape(keptDims(new int[] {axis}));
        return sub(lse).exp();
    }

    private int[] allAxes() {
        return shape.axes();
    }

    private int[] keptDims(int[] axes) {
        return shape.keep(axes).dims();
    }

    // ---- shape -----------------------------------------------------------------------------------

    /** The same elements with a new shape; one dimension may be -1 and is inferred. */
    public Value reshape(int... dims) {
        Shape s = Shape.of(Tensor.inferDims(shape, dims));
        return s.equals(shape) ? this : new Reshape(s).apply(this);
    }

    /** All elements as a vector. */
    public Value flatten() { return reshape(size()); }

    /** Inserts an axis of size 1 at {@code axis}. */
    public Value expandDims(int axis) {
        return reshape(shape.insertAxis(axis).dims());
    }

    /** The axes in reverse order (matrix transpose for rank 2). */
    public Value transpose() {
        return permute(shape.reversedAxes());
    }

    /** Permutes the axes: output axis i is input axis perm[i]. */
    public Value permute(int... perm) {
        boolean identity = true;
        for (int i = 0; i < perm.length; i++) {
            identity &= perm[i] == i;
        }
        return identity && perm.length == rank() ? this : new Permute(perm).apply(this);
    }

    /** Swaps two axes. */
    public Value swapAxes(int a, int b) {
        return permute(shape.swappedAxes(a, b));
    }

    /** Broadcasts to {@code target} (NumPy rules). */
    public Value broadcastTo(Shape target) {
        return target.equals(shape) ? this : new BroadcastTo(target).apply(this);
    }

    /** Broadcasts to the given dimensions (NumPy rules). */
    public Value broadcastTo(int... dims) {
        return broadcastTo(Shape.of(dims));
    }

    /**
     * Sums over the axes along which {@code target} would be broadcast to this shape: the adjoint
     * of {@link #broadcastTo}.
     */
    public Value sumTo(Shape target) {
        if (target.equals(shape)) {
            return this;
        }
        if (!target.broadcastsTo(shape)) {
            throw new IllegalArgumentException("sumTo: shape " + target + " does not broadcast to " + shape);
        }
        int lead = rank() - target.rank();
        int[] axes = new int[rank()];
        int n = 0;
        for (int a = 0; a < rank(); a++) {
            if (a < lead || (target.dim(a - lead) == 1 && shape.dim(a) != 1)) {
                axes[n++] = a;
            }
        }
        return sum(java.util.Arrays.copyOf(axes, n)).reshape(target.dims());
    }

    /** Elements {@code start, start+step, ...} below {@code stop} along {@code axis}. */
    public Value slice(int axis, int start, int stop, int step) {
        int a = shape.axis(axis);
        int[] lo = new int[rank()];
        int[] hi = shape.dims();
        int[] st = new int[rank()];
        java.util.Arrays.fill(st, 1);
        lo[a] = start;
        hi[a] = stop;
        st[a] = step;
        return new Slice(lo, hi, st).apply(this);
    }

    /** Elements {@code start .. stop-1} along {@code axis}. */
    public Value slice(int axis, int start, int stop) {
        return slice(axis, start, stop, 1);
    }

    /** The sub-tensor at position {@code i} of {@code axis}, with that axis removed. */
    public Value index(int axis, int i) {
        int a = shape.axis(axis);
        if (i < 0 || i >= shape.dim(a)) {
            throw new IndexOutOfBoundsException("index: " + i + " is out of range for axis " + axis + " of shape " + shape);
        }
        return slice(a, i, i + 1).reshape(shape.drop(a).dims());
    }

    /**
     * Slices along {@code axis} at the positions held (as integral values) by {@code indices};
     * the indices may change from call to call without retracing.
     */
    public Value gather(int axis, Value indices) {
        return new Gather(shape.axis(axis)).apply(this, indices);
    }

    /** {@link #gather} with constant indices. */
    public Value gather(int axis, Tensor indices) {
        return gather(axis, c(indices));
    }

    /** Joins values along an existing axis. */
    public static Value concat(int axis, Value... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat: needs at least one value");
        }
        return parts.length == 1 ? parts[0] : new Concat(parts[0].shape.axis(axis)).apply(parts);
    }

    /** Joins values of equal shape along a new axis. */
    public static Value stack(int axis, Value... parts) {
        Value[] e = new Value[parts.length];
        for (int i = 0; i < parts.length; i++) {
            e[i] = parts[i].expandDims(axis);
        }
        return concat(axis, e);
    }
}
