package descent.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The vocabulary of tensor operations, defined once for concrete tensors ({@link Tensor}, which
 * evaluate at once) and traced values ({@link Value}, which record the operation in the function
 * being traced). Every operation here reduces to the application of a {@link Primitive}, so an
 * operation evaluated eagerly and the same operation in a compiled function run the same kernel
 * and give the same bits. Arithmetic broadcasts like NumPy: shapes align at their trailing axes and
 * axes of size 1 stretch; shape errors name the operation and the shapes.
 *
 * @param <T> the implementing type: {@code Tensor} or {@code Value}
 */
public interface Ops<T extends Ops<T>> {

    // ---- what an implementation provides ---------------------------------------------------------

    /** The shape. */
    Shape shape();

    /** Applies {@code p} to {@code operands} (this object is not implicitly an operand). */
    T apply(Primitive p, List<T> operands);

    /** {@code c} as a constant of this kind (a tensor, or a constant in the function being traced). */
    T constant(Tensor c);

    /** This object as its own type. */
    T self();

    /** A new array for {@code n} objects of this kind (derivative rules build their results in it). */
    T[] newArray(int n);

    // ---- basics ----------------------------------------------------------------------------------

    /** Number of axes. */
    default int rank() {
        return shape().rank();
    }

    /** Number of elements. */
    default int size() {
        return shape().size();
    }

    /** The scalar {@code c} as a constant of this kind. */
    default T constant(double c) {
        return constant(Tensor.scalar(c));
    }

    /** Zeros of the given shape, as a constant of this kind. */
    default T zerosOf(Shape s) {
        return constant(0).broadcastTo(s);
    }

    private T un(Primitive p) {
        return apply(p, List.of(self()));
    }

    private T bin(Primitive p, T b) {
        return apply(p, List.of(self(), b));
    }

    // ---- arithmetic ------------------------------------------------------------------------------

    /** this + b */
    default T add(T b) { return bin(Add.INSTANCE, b); }
    /** this + b */
    default T add(double b) { return add(constant(b)); }
    /** this - b */
    default T sub(T b) { return bin(Sub.INSTANCE, b); }
    /** this - b */
    default T sub(double b) { return sub(constant(b)); }
    /** b - this */
    default T rsub(double b) { return constant(b).sub(self()); }
    /** this * b */
    default T mul(T b) { return bin(Mul.INSTANCE, b); }
    /** this * b */
    default T mul(double b) { return mul(constant(b)); }
    /** this / b */
    default T div(T b) { return bin(Div.INSTANCE, b); }
    /** this / b */
    default T div(double b) { return div(constant(b)); }
    /** b / this */
    default T rdiv(double b) { return constant(b).div(self()); }
    /** this ^ b elementwise, with {@link Math#pow} semantics */
    default T pow(T b) { return bin(Pow.INSTANCE, b); }
    /** this ^ p for a constant exponent, with {@link Math#pow} semantics */
    default T pow(double p) { return p == 1 ? self() : un(new PowScalar(p)); }
    /** -this */
    default T neg() { return un(Neg.INSTANCE); }
    /** this * this */
    default T square() { return pow(2); }

    // ---- elementwise functions -------------------------------------------------------------------

    /** e^this */
    default T exp() { return un(Exp.INSTANCE); }
    /** natural logarithm */
    default T log() { return un(Log.INSTANCE); }
    /** log(1 + this) */
    default T log1p() { return un(Log1p.INSTANCE); }
    /** e^this - 1 */
    default T expm1() { return un(Expm1.INSTANCE); }
    /** square root */
    default T sqrt() { return un(Sqrt.INSTANCE); }
    /** |this| (derivative sign(x), 0 at 0) */
    default T abs() { return un(Abs.INSTANCE); }
    /** sign: -1, 0 or 1 (derivative 0) */
    default T sign() { return un(PiecewiseConstant.SIGN); }
    /** nearest integer, ties to even (derivative 0) */
    default T round() { return un(PiecewiseConstant.ROUND); }
    /** floor (derivative 0) */
    default T floor() { return un(PiecewiseConstant.FLOOR); }
    /** sine */
    default T sin() { return un(Sin.INSTANCE); }
    /** cosine */
    default T cos() { return un(Cos.INSTANCE); }
    /** tangent */
    default T tan() { return un(Tan.INSTANCE); }
    /** hyperbolic tangent */
    default T tanh() { return un(Tanh.INSTANCE); }
    /** hyperbolic sine */
    default T sinh() { return un(Sinh.INSTANCE); }
    /** hyperbolic cosine */
    default T cosh() { return un(Cosh.INSTANCE); }
    /** logistic sigmoid 1/(1+e^-x) */
    default T sigmoid() { return un(Sigmoid.INSTANCE); }
    /** softplus log(1+e^x) */
    default T softplus() { return un(Softplus.INSTANCE); }
    /** error function */
    default T erf() { return un(Erf.INSTANCE); }
    /** arctangent */
    default T atan() { return un(Atan.INSTANCE); }
    /** max(x, 0), with derivative 0 at 0 */
    default T relu() { return gt(0).where(self(), constant(0)); }
    /** x * sigmoid(x) */
    default T silu() { return mul(sigmoid()); }
    /** elementwise max(this, b), NaN if either is NaN; at ties the derivative is split evenly */
    default T maximum(T b) { return bin(Extremum.MAX, b); }
    /** elementwise max(this, b) */
    default T maximum(double b) { return maximum(constant(b)); }
    /** elementwise min(this, b), NaN if either is NaN; at ties the derivative is split evenly */
    default T minimum(T b) { return bin(Extremum.MIN, b); }
    /** elementwise min(this, b) */
    default T minimum(double b) { return minimum(constant(b)); }
    /** min(max(this, lo), hi) */
    default T clamp(double lo, double hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clamp: lower bound " + lo + " exceeds upper bound " + hi);
        }
        return maximum(lo).minimum(hi);
    }
    /** The same value with a zero derivative in every mode (the identity on tensors). */
    default T stopGradient() { return un(StopGradient.INSTANCE); }
    /** mask: 1 where this is finite (neither infinite nor NaN), else 0 */
    default T isFinite() { return abs().lt(Double.POSITIVE_INFINITY); }

    // ---- comparisons (0/1 masks, derivative 0) ---------------------------------------------------

    /** mask: 1 where this &lt; b */
    default T lt(T b) { return bin(Compare.of(BinaryOp.LT), b); }
    /** mask: 1 where this &lt; b */
    default T lt(double b) { return lt(constant(b)); }
    /** mask: 1 where this &lt;= b */
    default T le(T b) { return bin(Compare.of(BinaryOp.LE), b); }
    /** mask: 1 where this &lt;= b */
    default T le(double b) { return le(constant(b)); }
    /** mask: 1 where this &gt; b */
    default T gt(T b) { return bin(Compare.of(BinaryOp.GT), b); }
    /** mask: 1 where this &gt; b */
    default T gt(double b) { return gt(constant(b)); }
    /** mask: 1 where this &gt;= b */
    default T ge(T b) { return bin(Compare.of(BinaryOp.GE), b); }
    /** mask: 1 where this &gt;= b */
    default T ge(double b) { return ge(constant(b)); }
    /** mask: 1 where this == b */
    default T eq(T b) { return bin(Compare.of(BinaryOp.EQ), b); }
    /** mask: 1 where this == b */
    default T eq(double b) { return eq(constant(b)); }
    /** mask: 1 where this != b */
    default T ne(T b) { return bin(Compare.of(BinaryOp.NE), b); }
    /** mask: 1 where this != b */
    default T ne(double b) { return ne(constant(b)); }

    /**
     * Elementwise selection with this value as the condition: {@code this != 0 ? a : b}, all three
     * broadcasting. The derivative flows to the selected branch.
     */
    default T where(T a, T b) { return apply(Where.INSTANCE, List.of(self(), a, b)); }

    // ---- linear algebra --------------------------------------------------------------------------

    /**
     * Matrix product with NumPy semantics: a vector operand acts as a row (left) or column (right)
     * and that axis is dropped from the result; leading axes broadcast as batches.
     */
    default T matmul(T b) {
        if (rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul: operands must have rank >= 1, got " + shape() + " @ " + b.shape());
        }
        T r = apply(MatrixProduct.PLAIN,
                List.of(reshape(MatMul.asMatrix(shape(), true)), b.reshape(MatMul.asMatrix(b.shape(), false))));
        return r.reshape(MatMul.vectorResult(shape(), b.shape(), r.shape()));
    }

    /** Inner product of two vectors of equal length (a scalar). */
    default T dot(T b) {
        MatMul.requireVectors("dot", shape(), b.shape(), true);
        return matmul(b);
    }

    /** Outer product of two vectors: result[i, j] = this[i] * b[j]. */
    default T outer(T b) {
        MatMul.requireVectors("outer", shape(), b.shape(), false);
        return reshape(size(), 1).mul(b.reshape(1, b.size()));
    }

    /** The Euclidean (Frobenius) norm of all elements, sqrt(sum x^2). */
    default T norm() { return square().sum().sqrt(); }

    // ---- reductions ------------------------------------------------------------------------------

    /** Sum of all elements (a scalar). */
    default T sum() { return sum(shape().axes()); }

    /** Sum over the given axes, which are removed; a negative axis counts from the end. */
    default T sum(int... axes) { return un(new ReduceSum(Reduce.normalizeAxes(shape(), axes, "sum"))); }

    /** Mean of all elements. */
    default T mean() { return mean(shape().axes()); }

    /** Mean over the given axes, which are removed. */
    default T mean(int... axes) { return sum(axes).div(Reduce.count(shape(), axes)); }

    /** Largest element. */
    default T max() { return max(shape().axes()); }

    /** Maximum over the given axes, which are removed; ties share the derivative evenly. */
    default T max(int... axes) { return un(new ReduceMax(Reduce.normalizeAxes(shape(), axes, "max"))); }

    /** Smallest element. */
    default T min() { return min(shape().axes()); }

    /** Minimum over the given axes, which are removed. */
    default T min(int... axes) { return neg().max(axes).neg(); }

    /**
     * log(sum(exp(x))) over the given axes, computed stably by shifting by the maximum. A row of
     * only -inf gives -inf and a row holding +inf gives +inf; NaN propagates.
     */
    default T logsumexp(int... axes) {
        T m = max(axes).stopGradient();
        T shift = m.isFinite().where(m, constant(0));
        return sub(shift.reshape(shape().keep(Reduce.normalizeAxes(shape(), axes, "logsumexp")).dims())).exp()
                .sum(axes).log().add(shift);
    }

    /**
     * Softmax along {@code axis}: exp(x) / sum(exp(x)). A row of only -inf (fully masked) gives
     * zeros; entries equal to +inf share the mass 1 evenly.
     */
    default T softmax(int axis) {
        int a = shape().axis(axis);
        int[] kept = shape().keep(new int[] {a}).dims();
        T m = max(a).stopGradient().reshape(kept);
        T infinite = m.eq(Double.POSITIVE_INFINITY);
        T shift = m.isFinite().where(m, constant(0));
        T e = sub(shift).exp();
        T s = e.sum(a).reshape(kept);
        T regular = s.gt(0).where(e.div(s.maximum(Double.MIN_VALUE)), constant(0));
        T top = eq(Double.POSITIVE_INFINITY);
        return infinite.where(top.div(top.sum(a).reshape(kept).maximum(1)), regular);
    }

    // ---- shape -----------------------------------------------------------------------------------

    /** The same elements with a new shape; one dimension may be -1 and is inferred. */
    default T reshape(int... dims) {
        Shape s = Shape.of(Shape.inferDims(shape(), dims));
        return s.equals(shape()) ? self() : un(new Reshape(s));
    }

    /** All elements as a vector. */
    default T flatten() { return reshape(size()); }

    /** Inserts an axis of size 1 at {@code axis}. */
    default T expandDims(int axis) { return reshape(shape().insertAxis(axis).dims()); }

    /** The axes in reverse order (matrix transpose for rank 2). */
    default T transpose() { return permute(shape().reversedAxes()); }

    /** Permutes the axes: output axis i is input axis perm[i]. */
    default T permute(int... perm) {
        boolean identity = perm.length == rank();
        for (int i = 0; i < perm.length && identity; i++) {
            identity = perm[i] == i;
        }
        return identity ? self() : un(new Permute(perm));
    }

    /** Swaps two axes. */
    default T swapAxes(int a, int b) { return permute(shape().swappedAxes(a, b)); }

    /** Broadcasts to {@code target} (NumPy rules). */
    default T broadcastTo(Shape target) { return target.equals(shape()) ? self() : un(new BroadcastTo(target)); }

    /** Broadcasts to the given dimensions (NumPy rules). */
    default T broadcastTo(int... dims) { return broadcastTo(Shape.of(dims)); }

    /**
     * Sums over the axes along which {@code target} would be broadcast to this shape: the adjoint
     * of {@link #broadcastTo}.
     */
    default T sumTo(Shape target) {
        if (target.equals(shape())) {
            return self();
        }
        if (!target.broadcastsTo(shape())) {
            throw new IllegalArgumentException("sumTo: shape " + target + " does not broadcast to " + shape());
        }
        return sum(target.broadcastAxes(shape())).reshape(target.dims());
    }

    /** Elements {@code start, start+step, ...} below {@code stop} along {@code axis}. */
    default T slice(int axis, int start, int stop, int step) {
        int a = shape().axis(axis);
        int[] lo = new int[rank()];
        int[] hi = shape().dims();
        int[] st = new int[rank()];
        Arrays.fill(st, 1);
        lo[a] = start;
        hi[a] = stop;
        st[a] = step;
        return un(new Slice(lo, hi, st));
    }

    /** Elements {@code start .. stop-1} along {@code axis}. */
    default T slice(int axis, int start, int stop) { return slice(axis, start, stop, 1); }

    /** The sub-tensor at position {@code i} of {@code axis}, with that axis removed. */
    default T index(int axis, int i) {
        int a = shape().axis(axis);
        if (i < 0 || i >= shape().dim(a)) {
            throw new IndexOutOfBoundsException("index: " + i + " is out of range for axis " + axis + " of shape " + shape());
        }
        return slice(a, i, i + 1).reshape(shape().drop(a).dims());
    }

    /**
     * Slices along {@code axis} at the positions held (as integral values) by {@code indices};
     * the result has shape {@code shape[:axis] + indices.shape + shape[axis+1:]}.
     */
    default T gather(int axis, T indices) { return bin(new Gather(shape().axis(axis)), indices); }

    /**
     * One-hot rows for the indices held by this value (integral values in [0, n)): shape
     * {@code shape + [n]}, 1 at each index and 0 elsewhere; derivative 0.
     */
    default T oneHot(int n) { return un(new OneHot(n)); }

    /** Joins this value and {@code others} along an existing axis. */
    default T concat(int axis, List<T> others) {
        if (others.isEmpty()) {
            return self();
        }
        List<T> all = new ArrayList<>(others.size() + 1);
        all.add(self());
        all.addAll(others);
        return apply(new Concat(shape().axis(axis)), all);
    }

    /**
     * Joins values along an existing axis.
     *
     * @throws IllegalArgumentException if {@code parts} is empty
     */
    static <T extends Ops<T>> T concatAll(int axis, List<T> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat: needs at least one value");
        }
        return parts.get(0).concat(axis, parts.subList(1, parts.size()));
    }

    /**
     * Joins values of equal shape along a new axis.
     *
     * @throws IllegalArgumentException if {@code parts} is empty
     */
    static <T extends Ops<T>> T stackAll(int axis, List<T> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("stack: needs at least one value");
        }
        List<T> e = new ArrayList<>(parts.size());
        for (T p : parts) {
            e.add(p.expandDims(axis));
        }
        return concatAll(axis, e);
    }
}
