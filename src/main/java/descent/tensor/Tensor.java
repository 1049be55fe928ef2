package descent.tensor;

import java.util.Arrays;
import java.util.List;

/**
 * A dense n-dimensional array of {@code double}s: a buffer, an offset, a {@link Shape} and
 * per-axis strides. Tensors are values: every operation returns a new tensor, and reshaping
 * contiguous data, transposing and slicing return views that share the buffer. Operations come
 * from {@link Ops}, the vocabulary tensors share with traced {@link Value}s, and evaluate at once
 * through the same kernels as compiled functions.
 *
 * <p>Ownership: a tensor made by Descent owns its buffer and nothing can change it. A tensor made
 * by {@link #wrap} shares the caller's array, and one whose buffer was handed out by
 * {@link #contiguousData} shares it too: if that array is modified, the tensor changes.
 * {@link #sharesMemory()} tells which; traced functions that captured such a tensor notice the
 * change (see {@code descent.ad.Func}).
 *
 * <p>Arithmetic broadcasts like NumPy: shapes are aligned at their trailing axes and axes of size
 * 1 stretch. Shape errors name the operation and the shapes involved.
 */
public final class Tensor implements Ops<Tensor> {
    /** A buffer with a flag saying whether memory outside Descent may refer to it. */
    private static final class Buffer {
        final double[] data;
        volatile boolean shared;

        Buffer(double[] data, boolean shared) {
            this.data = data;
            this.shared = shared;
        }
    }

    private final Buffer buffer;
    private final double[] data;
    private final int offset;
    private final Shape shape;
    private final int[] strides;

    private Tensor(Buffer buffer, int offset, Shape shape, int[] strides) {
        this.buffer = buffer;
        this.data = buffer.data;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
    }

    /** A tensor owning {@code data} (which nothing else refers to), row-major with shape {@code shape}. */
    static Tensor owned(double[] data, Shape shape) {
        return new Tensor(new Buffer(data, false), 0, shape, shape.strides());
    }

    // ---- construction ----------------------------------------------------------------------

    /**
     * A tensor of the given shape over {@code data} in row-major order, without copying: the tensor
     * shares the array, so later changes to the array show through it.
     *
     * @throws IllegalArgumentException if the array's length is not the shape's size
     */
    public static Tensor wrap(double[] data, Shape shape) {
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("wrap: " + data.length + " values do not fill shape " + shape
                    + " (" + shape.size() + " elements)");
        }
        return new Tensor(new Buffer(data, true), 0, shape, shape.strides());
    }

    /** A tensor of the given shape over {@code data} in row-major order, sharing the array (see {@link #wrap(double[], Shape)}). */
    public static Tensor wrap(double[] data, int... shape) {
        return wrap(data, Shape.of(shape));
    }

    /** A tensor of the given shape holding a copy of {@code data} in row-major order. */
    public static Tensor copyOf(double[] data, int... shape) {
        Shape s = Shape.of(shape);
        if (data.length != s.size()) {
            throw new IllegalArgumentException("copyOf: " + data.length + " values do not fill shape " + s
                    + " (" + s.size() + " elements)");
        }
        return owned(data.clone(), s);
    }

    /** A vector holding a copy of {@code values}. */
    public static Tensor of(double... values) {
        return owned(values.clone(), Shape.of(values.length));
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
        return owned(d, Shape.of(r, c));
    }

    /** A rank-0 tensor holding {@code value}. */
    public static Tensor scalar(double value) {
        return owned(new double[] {value}, Shape.SCALAR);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        Shape s = Shape.of(shape);
        return owned(new double[s.size()], s);
    }

    /** A tensor of zeros with the given shape. */
    public static Tensor zeros(Shape shape) {
        return owned(new double[shape.size()], shape);
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
        return owned(d, s);
    }

    /** The n x n identity matrix. */
    public static Tensor eye(int n) {
        Shape s = Shape.of(n, n);
        double[] d = new double[s.size()];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1;
        }
        return owned(d, s);
    }

    /** The vector 0, 1, ..., n-1. */
    public static Tensor arange(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("arange: length must be non-negative, got " + n);
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        return owned(d, Shape.of(n));
    }

    /** n evenly spaced values from {@code start} to {@code stop}, both included. */
    public static Tensor linspace(double start, double stop, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("linspace: count must be non-negative, got " + n);
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = n == 1 ? start : start + (stop - start) * i / (n - 1);
        }
        if (n > 1) {
            d[n - 1] = stop;
        }
        return owned(d, Shape.of(n));
    }

    /** One-hot rows: result[i, j] = 1 if indices[i] == j. */
    public static Tensor oneHot(int[] indices, int n) {
        Shape s = Shape.of(indices.length, n);
        double[] d = new double[s.size()];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= n) {
                throw new IndexOutOfBoundsException("oneHot: index " + indices[i] + " at position " + i
                        + " is not in [0, " + n + ")");
            }
            d[i * n + indices[i]] = 1;
        }
        return owned(d, s);
    }

    // ---- inspection --------------------------------------------------------------------------

    /** The shape. */
    @Override
    public Shape shape() {
        return shape;
    }

    /** Element type (always {@link DType#FLOAT64} in this release). */
    public DType dtype() {
        return DType.FLOAT64;
    }

    /** True if the elements are stored contiguously in row-major order. */
    public boolean isContiguous() {
        return shape.size() <= 1 || shape.hasRowMajorStrides(strides);
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
     * The elements in row-major order without copying when possible: the underlying buffer itself
     * when this tensor is contiguous and spans it exactly, otherwise a fresh copy. The buffer is
     * then shared with the caller (see {@link #sharesMemory()}); modifying it changes this tensor
     * and every view of it.
     */
    public double[] contiguousData() {
        if (spansBuffer()) {
            buffer.shared = true;
            return data;
        }
        return toArray();
    }

    /** The elements in row-major order for reading inside this package: the buffer itself when possible. */
    double[] data() {
        return spansBuffer() ? data : toArray();
    }

    private boolean spansBuffer() {
        return offset == 0 && data.length == shape.size() && isContiguous();
    }

    /**
     * True if memory outside Descent may refer to this tensor's buffer (it was made by
     * {@link #wrap}, or its buffer was handed out by {@link #contiguousData}), so its elements may
     * change; false if Descent owns the buffer and the tensor is immutable.
     */
    public boolean sharesMemory() {
        return buffer.shared;
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
        return isContiguous() ? this : owned(toArray(), shape);
    }

    /** True if shapes are equal and every element satisfies |a - b| <= atol + rtol |b| (NaNs equal NaNs). */
    public boolean allClose(Tensor other, double rtol, double atol) {
        if (!shape.equals(other.shape)) {
            return false;
        }
        double[] a = data();
        double[] b = other.data();
        for (int i = 0; i < a.length; i++) {
            boolean bothNaN = Double.isNaN(a[i]) && Double.isNaN(b[i]);
            if (!bothNaN && !(Math.abs(a[i] - b[i]) <= atol + rtol * Math.abs(b[i])) && a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    // ---- the vocabulary ------------------------------------------------------------------------

    /** Evaluates {@code p} on {@code operands} at once. */
    @Override
    public Tensor apply(Primitive p, List<Tensor> operands) {
        return p.evaluate(operands.toArray(new Tensor[0]));
    }

    /** {@code c} itself. */
    @Override
    public Tensor constant(Tensor c) {
        return c;
    }

    @Override
    public Tensor self() {
        return this;
    }

    @Override
    public Tensor[] newArray(int n) {
        return new Tensor[n];
    }

    /** This tensor (derivatives are a matter of traced values). */
    @Override
    public Tensor stopGradient() {
        return this;
    }

    /** Elementwise {@code cond != 0 ? a : b}, broadcasting all three. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        return cond.where(a, b);
    }

    /** Joins tensors along an existing axis. */
    public static Tensor concat(int axis, Tensor... parts) {
        return Ops.concatAll(axis, Arrays.asList(parts));
    }

    /** Joins tensors of equal shape along a new axis. */
    public static Tensor stack(int axis, Tensor... parts) {
        return Ops.stackAll(axis, Arrays.asList(parts));
    }

    // ---- views: the same elements as the vocabulary's results, without copying --------------------

    /**
     * The same elements with a new shape; one dimension may be -1 and is inferred. Returns a view
     * when this tensor is contiguous.
     */
    @Override
    public Tensor reshape(int... dims) {
        Shape s = Shape.of(Shape.inferDims(shape, dims));
        Tensor c = contiguous();
        return new Tensor(c.buffer, c.offset, s, s.strides());
    }

    /** The axes in reverse order (matrix transpose for rank 2); a view. */
    @Override
    public Tensor transpose() {
        return permute(shape.reversedAxes());
    }

    /** Permutes the axes: output axis i is input axis perm[i]; a view. */
    @Override
    public Tensor permute(int... perm) {
        Shape s = Layout.permuteShape(shape, perm);
        int[] st = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            st[i] = strides[perm[i]];
        }
        return new Tensor(buffer, offset, s, st);
    }

    /** Broadcasts to {@code target} (NumPy rules); a view with zero strides on repeated axes. */
    @Override
    public Tensor broadcastTo(Shape target) {
        if (!shape.broadcastsTo(target)) {
            throw new IllegalArgumentException("broadcastTo: shape " + shape + " does not broadcast to " + target);
        }
        int[] st = new int[target.rank()];
        int off = target.rank() - rank();
        for (int a = 0; a < rank(); a++) {
            st[a + off] = shape.dim(a) == 1 && target.dim(a + off) != 1 ? 0 : strides[a];
        }
        return new Tensor(buffer, offset, target, st);
    }

    /** Elements {@code start, start+step, ...} below {@code stop} along {@code axis}; a view. */
    @Override
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
        return new Tensor(buffer, offset + (s.size() == 0 ? 0 : start * strides[a]), s, ns);
    }

    /** The sub-tensor at position {@code i} of {@code axis}, with that axis removed; a view. */
    @Override
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
        return new Tensor(buffer, offset + i * strides[a], s, ns);
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
        return shape.equals(t.shape) && Arrays.equals(data(), t.data());
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(data());
    }

    /** NumPy-style rendering; large tensors show their first and last three entries per axis. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
