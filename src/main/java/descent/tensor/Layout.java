package descent.tensor;

import java.util.Arrays;

/**
 * Prepared kernels that move data without arithmetic (except the accumulation in
 * {@link #scatterAdd}): permutation, broadcasting, slicing and its adjoint, gathering along an axis
 * and its adjoint, and concatenation. Each {@code ...Shape} method validates its arguments and
 * names the operation and the offending shapes in its error.
 */
public final class Layout {
    private Layout() {
    }

    // ---- permute -------------------------------------------------------------------------

    /** Output shape of permuting the axes of {@code in}: output axis i is input axis perm[i]. */
    public static Shape permuteShape(Shape in, int[] perm) {
        checkPermutation(in, perm);
        int[] d = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            d[i] = in.dim(perm[i]);
        }
        return Shape.of(d);
    }

    /** Kernel permuting the axes of an input of shape {@code in}. */
    public static Kernel permute(Shape in, int[] perm) {
        Shape out = permuteShape(in, perm);
        int[] s = in.strides();
        int[] ps = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            ps[i] = s[perm[i]];
        }
        Strided view = new Strided(out, 0, ps);
        return (i, o) -> view.read(i[0], o);
    }

    /** The inverse of permutation {@code perm}. */
    public static int[] inversePermutation(int[] perm) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inv[perm[i]] = i;
        }
        return inv;
    }

    private static void checkPermutation(Shape in, int[] perm) {
        boolean[] seen = new boolean[in.rank()];
        boolean ok = perm.length == in.rank();
        for (int p : perm) {
            ok &= p >= 0 && p < in.rank() && !seen[p];
            if (ok) {
                seen[p] = true;
            }
        }
        if (!ok) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(perm)
                    + " is not a permutation of the axes of shape " + in);
        }
    }

    // ---- broadcast -----------------------------------------------------------------------

    /** Kernel broadcasting an input of shape {@code in} to {@code target} (NumPy rules). */
    public static Kernel broadcastTo(Shape in, Shape target) {
        if (!in.broadcastsTo(target)) {
            throw new IllegalArgumentException("broadcastTo: shape " + in + " does not broadcast to " + target);
        }
        Strided view = new Strided(target, 0, Broadcast.broadcastStrides(in, target));
        return (i, o) -> view.read(i[0], o);
    }

    // ---- slice ---------------------------------------------------------------------------

    /** Output shape of slicing {@code in} with per-axis start (inclusive), stop (exclusive) and positive step. */
    public static Shape sliceShape(Shape in, int[] start, int[] stop, int[] step) {
        if (start.length != in.rank() || stop.length != in.rank() || step.length != in.rank()) {
            throw new IllegalArgumentException("slice: start/stop/step need one entry per axis of shape " + in
                    + ", got " + Arrays.toString(start) + ", " + Arrays.toString(stop) + ", " + Arrays.toString(step));
        }
        int[] d = new int[in.rank()];
        for (int a = 0; a < in.rank(); a++) {
            if (step[a] <= 0) {
                throw new IllegalArgumentException("slice: step must be positive, got " + step[a] + " on axis " + a);
            }
            if (start[a] < 0 || stop[a] > in.dim(a) || start[a] > stop[a]) {
                throw new IllegalArgumentException("slice: range [" + start[a] + ", " + stop[a] + ") is out of bounds for axis "
                        + a + " of shape " + in);
            }
            d[a] = (stop[a] - start[a] + step[a] - 1) / step[a];
        }
        return Shape.of(d);
    }

    private static Strided sliceView(Shape in, int[] start, int[] stop, int[] step) {
        Shape out = sliceShape(in, start, stop, step);
        int[] s = in.strides();
        int off = 0;
        int[] st = new int[s.length];
        for (int a = 0; a < s.length; a++) {
            off += start[a] * s[a];
            st[a] = s[a] * step[a];
        }
        return new Strided(out, off, st);
    }

    /** Kernel slicing an input of shape {@code in}. */
    public static Kernel slice(Shape in, int[] start, int[] stop, int[] step) {
        Strided view = sliceView(in, start, stop, step);
        Shape out = sliceShape(in, start, stop, step);
        return Elementwise.ranged(out.size(), false, (i, o, lo, hi) -> view.read(i[0], o, lo, hi));
    }

    /**
     * Kernel for the adjoint of {@link #slice}: places an input of the sliced shape into zeros of
     * shape {@code full} at the sliced positions.
     */
    public static Kernel unslice(Shape full, int[] start, int[] stop, int[] step) {
        Strided view = sliceView(full, start, stop, step);
        int n = full.size();
        return (i, o) -> {
            Arrays.fill(o, 0, n, 0);
            view.write(i[0], o);
        };
    }

    // ---- gather / scatter-add ------------------------------------------------------------

    /** Output shape of gathering {@code in} along {@code axis} at indices of shape {@code idx}. */
    public static Shape gatherShape(Shape in, int axis, Shape idx) {
        int a = in.axis(axis);
        int[] d = new int[in.rank() - 1 + idx.rank()];
        int k = 0;
        for (int i = 0; i < a; i++) {
            d[k++] = in.dim(i);
        }
        for (int i = 0; i < idx.rank(); i++) {
            d[k++] = idx.dim(i);
        }
        for (int i = a + 1; i < in.rank(); i++) {
            d[k++] = in.dim(i);
        }
        return Shape.of(d);
    }

    /**
     * Kernel taking, along {@code axis}, the slices whose positions are given by the second operand
     * (integral values in [0, dim)). Out-of-range or fractional indices raise an error naming the
     * position and the bound.
     */
    public static Kernel gather(Shape in, int axis, Shape idx) {
        int a = in.axis(axis);
        int outer = prefix(in, a);
        int dim = in.dim(a);
        int inner = suffix(in, a);
        int m = idx.size();
        return (i, o) -> {
            double[] x = i[0];
            double[] ix = i[1];
            for (int b = 0; b < outer; b++) {
                for (int j = 0; j < m; j++) {
                    int p = index(ix[j], j, dim, "gather");
                    System.arraycopy(x, (b * dim + p) * inner, o, (b * m + j) * inner, inner);
                }
            }
        };
    }

    /**
     * Kernel for the adjoint of {@link #gather}: adds each slice of the first operand into zeros of
     * shape {@code full} at the positions given by the second operand (repeated positions accumulate).
     */
    public static Kernel scatterAdd(Shape full, int axis, Shape idx) {
        Kernel accumulate = scatterAccumulate(full, axis, idx);
        int n = full.size();
        return (i, o) -> {
            Arrays.fill(o, 0, n, 0);
            accumulate.run(i, o);
        };
    }

    /** Kernel adding each slice of the first operand into the output (not cleared) at the positions of the second. */
    static Kernel scatterAccumulate(Shape full, int axis, Shape idx) {
        int a = full.axis(axis);
        int outer = prefix(full, a);
        int dim = full.dim(a);
        int inner = suffix(full, a);
        int m = idx.size();
        return (i, o) -> {
            double[] x = i[0];
            double[] ix = i[1];
            for (int b = 0; b < outer; b++) {
                for (int j = 0; j < m; j++) {
                    int p = index(ix[j], j, dim, "scatterAdd");
                    int dst = (b * dim + p) * inner;
                    int src = (b * m + j) * inner;
                    for (int t = 0; t < inner; t++) {
                        o[dst + t] += x[src + t];
                    }
                }
            }
        };
    }

    static int index(double v, int position, int dim, String op) {
        int p = (int) v;
        if (p != v || p < 0 || p >= dim) {
            throw new IndexOutOfBoundsException(op + ": index " + v + " at flat position " + position
                    + " is not an integer in [0, " + dim + ")");
        }
        return p;
    }

    // ---- concat --------------------------------------------------------------------------

    /** Output shape of concatenating {@code parts} along {@code axis}. */
    public static Shape concatShape(Shape[] parts, int axis) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat: needs at least one tensor");
        }
        Shape first = parts[0];
        int a = first.axis(axis);
        int total = 0;
        for (Shape p : parts) {
            boolean ok = p.rank() == first.rank();
            for (int d = 0; ok && d < p.rank(); d++) {
                ok = d == a || p.dim(d) == first.dim(d);
            }
            if (!ok) {
                throw new IllegalArgumentException("concat: shapes " + Arrays.toString(parts)
                        + " differ outside axis " + axis);
            }
            total += p.dim(a);
        }
        return first.with(a, total);
    }

    /** Kernel concatenating inputs of shapes {@code parts} along {@code axis}. */
    public static Kernel concat(Shape[] parts, int axis) {
        Shape out = concatShape(parts, axis);
        int a = out.axis(axis);
        int outer = prefix(out, a);
        int inner = suffix(out, a);
        int[] block = new int[parts.length];
        for (int k = 0; k < parts.length; k++) {
            block[k] = parts[k].dim(a) * inner;
        }
        int row = out.dim(a) * inner;
        return (in, o) -> {
            for (int b = 0; b < outer; b++) {
                int dst = b * row;
                for (int k = 0; k < block.length; k++) {
                    System.arraycopy(in[k], b * block[k], o, dst, block[k]);
                    dst += block[k];
                }
            }
        };
    }

    private static int prefix(Shape s, int axis) {
        int p = 1;
        for (int i = 0; i < axis; i++) {
            p *= s.dim(i);
        }
        return p;
    }

    private static int suffix(Shape s, int axis) {
        int p = 1;
        for (int i = axis + 1; i < s.rank(); i++) {
            p *= s.dim(i);
        }
        return p;
    }
}
