package descent.tensor;

import java.util.Arrays;

/**
 * The dimensions of a tensor, outermost first (row-major). A shape of rank 0 describes a scalar.
 * Shapes are immutable and compare by value.
 */
public final class Shape {
    /** The rank-0 shape of a scalar. */
    public static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has a negative dimension");
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than 2^31 elements");
            }
        }
        this.dims = dims;
        this.size = (int) n;
    }

    /** A shape with the given dimensions (copied). */
    public static Shape of(int... dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Total number of elements: the product of the dimensions (1 for a scalar). */
    public int size() {
        return size;
    }

    /** Dimension {@code axis}; a negative axis counts from the end. */
    public int dim(int axis) {
        return dims[axis(axis)];
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** True for the rank-0 shape. */
    public boolean isScalar() {
        return dims.length == 0;
    }

    /**
     * Normalizes an axis index: a negative axis counts from the end.
     *
     * @throws IllegalArgumentException if the axis is out of range for this rank
     */
    public int axis(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for shape " + this);
        }
        return a;
    }

    /** True if {@code strides} are the row-major strides of this shape (axes of size 1 may have any stride). */
    boolean hasRowMajorStrides(int[] strides) {
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            if (dims[i] != 1 && strides[i] != acc) {
                return false;
            }
            acc *= dims[i];
        }
        return true;
    }

    /** Row-major strides (in elements) of a contiguous array with this shape. */
    public int[] strides() {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** This shape with dimension {@code axis} removed. */
    public Shape drop(int axis) {
        int a = axis(axis);
        int[] d = new int[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != a) {
                d[j++] = dims[i];
            }
        }
        return new Shape(d);
    }

    /** This shape with dimension {@code axis} set to {@code value}. */
    public Shape with(int axis, int value) {
        int[] d = dims.clone();
        d[axis(axis)] = value;
        return new Shape(d);
    }

    /** This shape with an axis of size 1 inserted at {@code axis} (which may equal the rank; negative counts from the end). */
    public Shape insertAxis(int axis) {
        int a = axis < 0 ? axis + rank() + 1 : axis;
        if (a < 0 || a > rank()) {
            throw new IllegalArgumentException("expandDims: axis " + axis + " is out of range for shape " + this);
        }
        int[] d = new int[rank() + 1];
        for (int i = 0, j = 0; i < d.length; i++) {
            d[i] = i == a ? 1 : dims[j++];
        }
        return new Shape(d);
    }

    /** This shape with each of {@code axes} set to 1 (the shape a reduction keeps with keepdims). */
    public Shape keep(int[] axes) {
        int[] d = dims.clone();
        for (int a : axes) {
            d[axis(a)] = 1;
        }
        return new Shape(d);
    }

    /** The axes 0, 1, ..., rank-1. */
    public int[] axes() {
        int[] a = new int[dims.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        return a;
    }

    /** The permutation reversing the axes. */
    public int[] reversedAxes() {
        int[] p = new int[dims.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = p.length - 1 - i;
        }
        return p;
    }

    /** The permutation exchanging axes {@code a} and {@code b}. */
    public int[] swappedAxes(int a, int b) {
        int[] p = axes();
        int x = axis(a);
        int y = axis(b);
        p[x] = y;
        p[y] = x;
        return p;
    }

    /** This shape followed by the dimensions of {@code other}. */
    public Shape concat(Shape other) {
        int[] d = Arrays.copyOf(dims, dims.length + other.dims.length);
        System.arraycopy(other.dims, 0, d, dims.length, other.dims.length);
        return new Shape(d);
    }

    /**
     * The NumPy broadcast of two shapes: align trailing dimensions; each pair must be equal or
     * contain a 1.
     *
     * @param op the operation asking, named in the error
     * @throws IllegalArgumentException naming {@code op} and both shapes when they do not broadcast
     */
    public static Shape broadcast(String op, Shape a, Shape b) {
        if (a.equals(b)) {
            return a;
        }
        int r = Math.max(a.rank(), b.rank());
        int[] d = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.rank() ? 1 : a.dims[i - (r - a.rank())];
            int db = i < r - b.rank() ? 1 : b.dims[i - (r - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + a + " and " + b + " do not broadcast"
                        + " (dimension " + da + " vs " + db + " at axis " + i + " of the result)");
            }
            d[i] = da == 1 ? db : da;
        }
        return new Shape(d);
    }

    /** True if this shape broadcasts to {@code target} (NumPy rules, one direction). */
    public boolean broadcastsTo(Shape target) {
        if (rank() > target.rank()) {
            return false;
        }
        int off = target.rank() - rank();
        for (int i = 0; i < rank(); i++) {
            if (dims[i] != 1 && dims[i] != target.dims[i + off]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The axes of {@code target} along which this shape is stretched when broadcast to it: the
     * leading axes it lacks and the axes where it has 1 and the target does not. Summing over
     * them is the adjoint of broadcasting.
     */
    public int[] broadcastAxes(Shape target) {
        if (!broadcastsTo(target)) {
            throw new IllegalArgumentException("shape " + this + " does not broadcast to " + target);
        }
        int lead = target.rank() - rank();
        int[] axes = new int[target.rank()];
        int n = 0;
        for (int a = 0; a < target.rank(); a++) {
            if (a < lead || (dims[a - lead] == 1 && target.dims[a] != 1)) {
                axes[n++] = a;
            }
        }
        return Arrays.copyOf(axes, n);
    }

    /**
     * Resolves a reshape target against the element count of {@code from}: one entry may be -1
     * and is inferred.
     *
     * @throws IllegalArgumentException if the element counts differ or more than one entry is -1
     */
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
            } else if (d[i] < 0) {
                throw new IllegalArgumentException("reshape: negative dimension " + d[i] + " in " + Arrays.toString(dims));
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

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
