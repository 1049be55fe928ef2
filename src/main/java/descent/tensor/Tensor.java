package descent.tensor;

import java.util.Arrays;

/**
 * A dense n-dimensional array of {@code double}s: a buffer, an offset, a {@link Shape} and
 * per-axis strides. Tensors are immutable values: every operation returns a new tensor, and
 * reshaping contiguous data, transposing and slicing return views that share the buffer.
 *
 * <p>Arithmetic broadcasts like NumPy: shapes are aligned at their trailing axes and axes of size
 * 1 stretch. Shape errors name the operation and the shapes involved. Operations here evaluate
 * eagerly; to differentiate, write the function over {@code descent.ad.Value}s instead.
 */
public final class Tensor {
    private final double[] data;
    private final int offset;
    private final Shape shape;
    private final int[] strides;

    private Tensor(double[] data, int offset, Shape shape, int[] strides) {
        this.data = data;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
    }

    // ---- construction ----------------------------------------------------------------------

    /**
     * A tensor of the given shape over {@code data} in row-major order, without copying. The caller
     * must not modify {@code data} afterwards.
     */
    public static Tensor wrap(double[] data, Shape shape) {
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("wrap: " + data.length + " values do not fill shape " + shape
                    + " (" + shape.size() + " elements)");
        }
        return new Tensor(data, 0, shape, shape.strides());
    }

    /** A tensor of the given shape over {@code data} in row-major order, without copying. */
    public static Tensor wrap(double[] data, int... shape) {
        return wrap(data, Shape.of(shape));
    }

    /** A vector holding a copy of {@code values}. */
    public static Tensor of(double... values) {
        return wrap(values.clone(), values.length);
    }

    /** A matrix holding a copy of {@code rows}, which must all have the same length. */
    public static Tensor of(double[][] rows) {
        int r = rows.length;
        int c = r == 0 ? 0 : rows[0].length;
        double[] d = new double[r * c];
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) {
                throw new IllegalArgumentException("of: row " + i + " has " + rows[i].length + " values, row 0 has " + c);
            }
            System.arraycopy(rows[i], 0, d, i * c, c);
        }
        return wrap(d, r, c);
    }

    /** A rank-0 tensor holding {@code value}. */
    public static Tensor scalar(double value) {
        return wrap(new double[] {value}, Shape.SCALAR);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        Shape s = Shape.of(shape);
        return wrap(new double[s.size()], s);
    }

    /** A tensor of zeros with the given shape. */
    public static Tensor zeros(Shape shape) {
        return wrap(new double[shape.size()], shape);
    }

    /** A tensor of ones. */
    public static Tensor ones(int... shape) {
        return full(1, shape);
    }

    /** A tensor filled with {@code value}. */
    public static Tensor full(double value, int... shape) {
        Shape s = Shape.of(shape);
        double[] d = new double[s.size()];
        Arrays.fill(d, value);
        return wrap(d, s);
    }

    /** The n x n identity matrix. */
    public static Tensor eye(int n) {
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1;
        }
        return wrap(d, n, n);
    }

    /** The vector 0, 1, ..., n-1. */
    public static Tensor arange(int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        return wrap(d, n);
    }

    /** n evenly spaced values from {@code start} to {@code stop}, both included. */
    public static Tensor linspace(double start, double stop, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = n == 1 ? start : start + (stop - start) * i / (n - 1);
        }
        if (n > 1) {
            d[n - 1] = stop;
        }
        return wrap(d, n);
    }

    /** One-hot rows: result[i, j] = 1 if indices[i] == j. */
    public static Tensor oneHot(int[] indices, int n) {
        double[] d = new double[indices.length * n];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= n) {
                throw new IndexOutOfBoundsException("oneHot: index " + indices[i] + " at position " + i
                        + " is not in [0, " + n + ")");
            }
            d[i * n + indices[i]] = 1;
        }
        return wrap(d, indices.length, n);
    }

    // ---- inspection --------------------------------------------------------------------------

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

    /** Element type (always {@link DType#FLOAT64} in this release). */
    public DType dtype() {
        return DType.FLOAT64;
    }

    /** True if the elements are stored contiguously in row-major order. */
    public boolean isContiguous() {
        return Arrays.equals(strides, shape.strides()) || shape.size() <= 1;
    }

    /** The element at the given multi-index (one index per axis). */
    public double get(int... index) {
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException("get: " + index.length + " indices for shape " + shape);
        }
        int o = offset;
        for (int a = 0; a < index.length; a++) {
            if (index[a] < 0 || index[a] >= shape.dim(a)) {
                throw new IndexOutOfBoundsException("get: index " + Arrays.toString(index) + " is out of bounds for shape " + shape);
            }
            o += index[a] * strides[a];
        }
        return data[o];
    }

    /** The single value of a one-element tensor. */
    public double item() {
        if (shape.size() != 1) {
            throw new IllegalStateException("item: tensor of shape " + shape + " has " + shape.size() + " elements, not 1");
        }
        return data[offset];
    }

    /** A fresh row-major copy of the elements. */
    public double[] toArray() {
        double[] out = new double[shape.size()];
        copyTo(out);
        return out;
    }

    /**
     * The elements in row-major order: the underlying buffer itself when this tensor is contiguous
     * and spans it exactly (no copy), otherwise a fresh copy. Do not modify the result.
     */
    public double[] contiguousData() {
        if (offset == 0 && data.length == shape.size() && isContiguous()) {
            return data;
        }
        return toArray();
    }

    /** Copies the elements in row-major order into {@code out}. */
    public void copyTo(double[] out) {
        copyTo(out, 0);
    }

    /** Copies the elements in row-major order into {@code out} starting at {@code at}. */
    public void copyTo(double[] out, int at) {
        if (at < 0 || out.length - at < shape.size()) {
            throw new IllegalArgumentException("copyTo: " + shape.size() + " elements do not fit in a buffer of "
                    + out.length + " at offset " + at);
        }
        if (isContiguous()) {
            System.arraycopy(data, offset, out, at, shape.size());
        } else if (at == 0) {
            new Strided(shape, offset, strides).read(data, out);
        } else {
            double[] tmp = new double[shape.size()];
            new Strided(shape, offset, strides).read(data, tmp);
            System.arraycopy(tmp, 0, out, at, tmp.length);
        }
    }

    /** A contiguous tensor with the same elements (this tensor if already contiguous). */
    public Tensor contiguous() {
        return isContiguous() ? this : wrap(toArray(), shape);
    }

    /** True if shapes are equal and every element satisfies |a - b| <= atol + rtol |b| (NaNs equal NaNs). */
    public boolean allClose(Tensor other, double rtol, double atol) {
        if (!shape.equals(other.shape)) {
            return false;
        }
        double[] a = contiguousData();
        double[] b = other.contiguousData();
        for (int i = 0; i < a.length; i++) {
            boolean bothNaN = Double.isNaN(a[i]) && Double.isNaN(b[i]);
            if (!bothNaN && !(Math.abs(a[i] - b[i]) <= atol + rtol * Math.abs(b[i])) && a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    // ---- elementwise -------------------------------------------------------------------------

    private Tensor map(UnaryOp op) {
        return eval(Elementwise.unary(op, shape), shape, this);
    }

    private Tensor zip(BinaryOp op, Tensor b) {
        return eval(Elementwise.binary(op, shape, b.shape), Shape.broadcast(op.label(), shape, b.shape), this, b);
    }

    /** this + b */
    public Tensor add(Tensor b) { return zip(BinaryOp.ADD, b); }
    /** this + b */
    public Tensor add(double b) { return zip(BinaryOp.ADD, scalar(b)); }
    /** this - b */
    public Tensor sub(Tensor b) { return zip(BinaryOp.SUB, b); }
    /** this - b */
    public Tensor sub(double b) { return zip(BinaryOp.SUB, scalar(b)); }
    /** this * b */
    public Tensor mul(Tensor b) { return zip(BinaryOp.MUL, b); }
    /** this * b */
    public Tensor mul(double b) { return zip(BinaryOp.MUL, scalar(b)); }
    /** this / b */
    public Tensor div(Tensor b) { return zip(BinaryOp.DIV, b); }
    /** this / b */
    public Tensor div(double b) { return zip(BinaryOp.DIV, scalar(b)); }
    /** this ^ b */
    public Tensor pow(Tensor b) { return zip(BinaryOp.POW, b); }
    /** this ^ p */
    public Tensor pow(double p) { return zip(BinaryOp.POW, scalar(p)); }
    /** elementwise max(this, b) */
    public Tensor maximum(Tensor b) { return zip(BinaryOp.MAXIMUM, b); }
    /** elementwise max(this, b) */
    public Tensor maximum(double b) { return zip(BinaryOp.MAXIMUM, scalar(b)); }
    /** elementwise min(this, b) */
    public Tensor minimum(Tensor b) { return zip(BinaryOp.MINIMUM, b); }
    /** elementwise min(this, b) */
    public Tensor minimum(double b) { return zip(BinaryOp.MINIMUM, scalar(b)); }
    /** min(max(this, lo), hi) */
    public Tensor clamp(double lo, double hi) { return maximum(lo).minimum(hi); }
    /** mask: 1 where this &lt; b */
    public Tensor lt(Tensor b) { return zip(BinaryOp.LT, b); }
    /** mask: 1 where this &lt; b */
    public Tensor lt(double b) { return zip(BinaryOp.LT, scalar(b)); }
    /** mask: 1 where this &lt;= b */
    public Tensor le(Tensor b) { return zip(BinaryOp.LE, b); }
    /** mask: 1 where this &lt;= b */
    public Tensor le(double b) { return zip(BinaryOp.LE, scalar(b)); }
    /** mask: 1 where this &gt; b */
    public Tensor gt(Tensor b) { return zip(BinaryOp.GT, b); }
    /** mask: 1 where this &gt; b */
    public Tensor gt(double b) { return zip(BinaryOp.GT, scalar(b)); }
    /** mask: 1 where this &gt;= b */
    public Tensor ge(Tensor b) { return zip(BinaryOp.GE, b); }
    /** mask: 1 where this &gt;= b */
    public Tensor ge(double b) { return zip(BinaryOp.GE, scalar(b)); }
    /** mask: 1 where this == b */
    public Tensor eq(Tensor b) { return zip(BinaryOp.EQ, b); }
    /** mask: 1 where this == b */
    public Tensor eq(double b) { return zip(BinaryOp.EQ, scalar(b)); }
    /** mask: 1 where this != b */
    public Tensor ne(Tensor b) { return zip(BinaryOp.NE, b); }
    /** mask: 1 where this != b */
    public Tensor ne(double b) { return zip(BinaryOp.NE, scalar(b)); }

    /** -this */
    public Tensor neg() { return map(UnaryOp.NEG); }
    /** e^this */
    public Tensor exp() { return map(UnaryOp.EXP); }
    /** natural logarithm */
    public Tensor log() { return map(UnaryOp.LOG); }
    /** log(1 + this) */
    public Tensor log1p() { return map(UnaryOp.LOG1P); }
    /** e^this - 1 */
    public Tensor expm1() { return map(UnaryOp.EXPM1); }
    /** square root */
    public Tensor sqrt() { return map(UnaryOp.SQRT); }
    /** this * this */
    public Tensor square() { return mul(this); }
    /** |this| */
    public Tensor abs() { return map(UnaryOp.ABS); }
    /** sign: -1, 0 or 1 */
    public Tensor sign() { return map(UnaryOp.SIGN); }
    /** sine */
    public Tensor sin() { return map(UnaryOp.SIN); }
    /** cosine */
    public Tensor cos() { return map(UnaryOp.COS); }
    /** tangent */
    public Tensor tan() { return map(UnaryOp.TAN); }
    /** hyperbolic tangent */
    public Tensor tanh() { return map(UnaryOp.TANH); }
    /** hyperbolic sine */
    public Tensor sinh() { return map(UnaryOp.SINH); }
    /** hyperbolic cosine */
    public Tensor cosh() { return map(UnaryOp.COSH); }
    /** logistic sigmoid 1/(1+e^-x) */
    public Tensor sigmoid() { return map(UnaryOp.SIGMOID); }
    /** softplus log(1+e^x) */
    public Tensor softplus() { return map(UnaryOp.SOFTPLUS); }
    /** max(x, 0) */
    public Tensor relu() { return where(gt(0), this, scalar(0)); }
    /** x * sigmoid(x) */
    public Tensor silu() { return mul(sigmoid()); }
    /** error function */
    public Tensor erf() { return map(UnaryOp.ERF); }
    /** arctangent */
    public Tensor atan() { return map(UnaryOp.ATAN); }
    /** nearest integer, ties to even */
    public Tensor round() { return map(UnaryOp.ROUND); }
    /** floor */
    public Tensor floor() { return map(UnaryOp.FLOOR); }

    /** Elementwise {@code cond != 0 ? a : b}, broadcasting all three. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        return eval(Elementwise.where(cond.shape, a.shape, b.shape), Elementwise.whereShape(cond.shape, a.shape, b.shape), cond, a, b);
    }

    // ---- linear algebra ----------------------------------------------------------------------

    /**
     * Matrix product with NumPy semantics: a vector operand is treated as a row (left) or column
     * (right) and that axis is dropped from the result; leading axes broadcast as batches.
     */
    public Tensor matmul(Tensor b) {
        if (rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul: operands must have rank >= 1, got " + shape + " @ " + b.shape);
        }
        Tensor a2 = reshape(MatMul.asMatrix(shape, true));
        Tensor b2 = b.reshape(MatMul.asMatrix(b.shape, false));
        Shape out = MatMul.shape(a2.shape, b2.shape, false, false);
        return eval(MatMul.kernel(a2.shape, b2.shape, false, false), out, a2, b2).reshape(MatMul.vectorResult(shape, b.shape, out));
    }

    /** Inner product of two vectors of equal length. */
    public Tensor dot(Tensor b) {
        MatMul.requireVectors("dot", shape, b.shape, true);
        return matmul(b);
    }

    /** Outer product of two vectors: result[i, j] = this[i] * b[j]. */
    public Tensor outer(Tensor b) {
        MatMul.requireVectors("outer", shape, b.shape, false);
        return reshape(size(), 1).mul(b.reshape(1, b.size()));
    }

    // ---- reductions --------------------------------------------------------------------------

    /** Sum of all elements (a scalar). */
    public Tensor sum() { return sum(allAxes()); }

    /** Sum over the given axes, which are removed. */
    public Tensor sum(int... axes) {
        return eval(Reduce.sum(shape, axes), Reduce.reducedShape(shape, axes), this);
    }

    /** Mean of all elements. */
    public Tensor mean() { return mean(allAxes()); }

    /** Mean over the given axes, which are removed. */
    public Tensor mean(int... axes) {
        return sum(axes).div(Reduce.count(shape, axes));
    }

    /** Largest element. */
    public Tensor max() { return max(allAxes()); }

    /** Maximum over the given axes, which are removed. */
    public Tensor max(int... axes) {
        return eval(Reduce.max(shape, axes), Reduce.reducedShape(shape, axes), this);
    }

    /** Smallest element. */
    public Tensor min() { return min(allAxes()); }

    /** Minimum over the given axes, which are removed. */
    public Tensor min(int... axes) { return neg().max(axes).neg(); }

    /** log(sum(exp(x))) over the given axes, computed stably. */
    public Tensor logsumexp(int... axes) {
        Tensor m = max(axes);
        Tensor mk = m.reshape(keptShape(axes));
        Tensor finite = where(mk.abs().lt(Double.POSITIVE_INFINITY), mk, scalar(0));
        return sub(finite).exp().sum(axes).log().add(finite.reshape(m.shape.dims()));
    }

    /** Softmax along {@code axis}: exp(x) / sum(exp(x)). */
    public Tensor softmax(int axis) {
        Tensor lse = logsumexp(axis).reshape(keptShape(new int[] {axis}));
        return sub(lse).exp();
    }

    private int[] allAxes() {
        return shape.axes();
    }

    private int[] keptShape(int[] axes) {
        return shape.keep(axes).dims();
    }

    // ---- shape -------------------------------------------------------------------------------

    /**
     * The same elements with a new shape; one dimension may be -1 and is inferred. Returns a view
     * when this tensor is contiguous.
     */
    public Tensor reshape(int... dims) {
        Shape s = Shape.of(inferDims(shape, dims));
        Tensor c = contiguous();
        return new Tensor(c.data, c.offset, s, s.strides());
    }

    /** Resolves a -1 entry of a reshape target against the element count of {@code from}. */
    public static int[] inferDims(Shape from, int[] dims) {
        int[] d = dims.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape: more than one -1 in " + Arrays.toString(dims));
                }
                infer = i;
            } else {
                known *= d[i];
            }
        }
        if (infer >= 0 && known > 0 && from.size() % known == 0) {
            d[infer] = (int) (from.size() / known);
        }
        long total = 1;
        for (int x : d) {
            total *= x;
        }
        if (total != from.size() || (infer >= 0 && d[infer] < 0)) {
            throw new IllegalArgumentException("reshape: cannot reshape " + from + " (" + from.size() + " elements) to "
                    + Arrays.toString(dims));
        }
        return d;
    }

    /** A one-dimensional view of all elements. */
    public Tensor flatten() { return reshape(size()); }

    /** Inserts an axis of size 1 at {@code axis}. */
    public Tensor expandDims(int axis) {
        return reshape(shape.insertAxis(axis).dims());
    }

    /** The axes in reverse order (matrix transpose for rank 2); a view. */
    public Tensor transpose() {
        return permute(shape.reversedAxes());
    }

    /** Permutes the axes: output axis i is input axis perm[i]; a view. */
    public Tensor permute(int... perm) {
        Shape s = Layout.permuteShape(shape, perm);
        int[] st = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            st[i] = strides[perm[i]];
        }
        return new Tensor(data, offset, s, st);
    }

    /** Swaps two axes; a view. */
    public Tensor swapAxes(int a, int b) {
        return permute(shape.swappedAxes(a, b));
    }

    /** Broadcasts to {@code dims} (NumPy rules); a view with zero strides on repeated axes. */
    public Tensor broadcastTo(int... dims) {
        Shape target = Shape.of(dims);
        if (!shape.broadcastsTo(target)) {
            throw new IllegalArgumentException("broadcastTo: shape " + shape + " does not broadcast to " + target);
        }
        int[] st = new int[target.rank()];
        int off = target.rank() - rank();
        for (int a = 0; a < rank(); a++) {
            st[a + off] = shape.dim(a) == 1 && target.dim(a + off) != 1 ? 0 : strides[a];
        }
        return new Tensor(data, offset, target, st);
    }

    /** Elements {@code start, start+step, ...} below {@code stop} along {@code axis}; a view. */
    public Tensor slice(int axis, int start, int stop, int step) {
        int a = shape.axis(axis);
        int[] lo = new int[rank()];
        int[] hi = shape.dims();
        int[] st = new int[rank()];
        Arrays.fill(st, 1);
        lo[a] = start;
        hi[a] = stop;
        st[a] = step;
        Shape s = Layout.sliceShape(shape, lo, hi, st);
        int[] ns = strides.clone();
        ns[a] *= step;
        return new Tensor(data, offset + start * strides[a], s, ns);
    }

    /** Elements {@code start .. stop-1} along {@code axis}; a view. */
    public Tensor slice(int axis, int start, int stop) {
        return slice(axis, start, stop, 1);
    }

    /** The sub-tensor at position {@code i} of {@code axis}, with that axis removed; a view. */
    public Tensor index(int axis, int i) {
        int a = shape.axis(axis);
        if (i < 0 || i >= shape.dim(a)) {
            throw new IndexOutOfBoundsException("index: " + i + " is out of range for axis " + axis + " of shape " + shape);
        }
        Shape s = shape.drop(a);
        int[] ns = new int[rank() - 1];
        for (int k = 0, j = 0; k < rank(); k++) {
            if (k != a) {
                ns[j++] = strides[k];
            }
        }
        return new Tensor(data, offset + i * strides[a], s, ns);
    }

    /** Takes slices along {@code axis} at the (integral) positions in {@code indices}. */
    public Tensor gather(int axis, Tensor indices) {
        return eval(Layout.gather(shape, axis, indices.shape), Layout.gatherShape(shape, axis, indices.shape), this, indices);
    }

    /** Joins tensors along an existing axis. */
    public static Tensor concat(int axis, Tensor... parts) {
        Shape[] shapes = new Shape[parts.length];
        for (int i = 0; i < parts.length; i++) {
            shapes[i] = parts[i].shape;
        }
        return eval(Layout.concat(shapes, axis), Layout.concatShape(shapes, axis), parts);
    }

    /** Joins tensors of equal shape along a new axis. */
    public static Tensor stack(int axis, Tensor... parts) {
        Tensor[] e = new Tensor[parts.length];
        for (int i = 0; i < parts.length; i++) {
            e[i] = parts[i].expandDims(axis);
        }
        return concat(axis, e);
    }

    // ---- evaluation --------------------------------------------------------------------------

    private static Tensor eval(Kernel k, Shape out, Tensor... ins) {
        double[][] bufs = new double[ins.length][];
        for (int i = 0; i < ins.length; i++) {
            bufs[i] = ins[i].contiguousData();
        }
        double[] o = new double[out.size()];
        k.run(bufs, o);
        return wrap(o, out);
    }

    // ---- object ------------------------------------------------------------------------------

    /**
     * True if {@code o} is a tensor of the same shape whose elements are identical as values of
     * {@link Double#equals}: NaN equals NaN and -0.0 differs from 0.0, as for {@code Arrays.equals}.
     * For numerical comparison use {@link #allClose}.
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Tensor)) {
            return false;
        }
        Tensor t = (Tensor) o;
        return shape.equals(t.shape) && Arrays.equals(contiguousData(), t.contiguousData());
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(contiguousData());
    }

    /** NumPy-style rendering; large tensors show their first and last three entries per axis. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
