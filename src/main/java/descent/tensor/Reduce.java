package descent.tensor;

import java.util.Arrays;

/**
 * Prepared reduction kernels (sum and max over a set of axes). The reduced axes are removed from
 * the output shape. Axes are first collapsed: adjacent axes that are both kept or both reduced
 * merge, so every reduction becomes row sums, column sums, or a batch of column sums, each with a
 * contiguous inner loop; other patterns fall back to an index walk. Sums of contiguous runs are
 * pairwise, so their rounding error grows with log n rather than n.
 */
public final class Reduce {
    private static final int PAIRWISE_BLOCK = 128;

    private Reduce() {
    }

    /** Output shape after removing {@code axes} from {@code in}. */
    public static Shape reducedShape(Shape in, int[] axes) {
        boolean[] red = mask(in, axes, "reduce");
        int[] d = new int[in.rank()];
        int n = 0;
        for (int a = 0; a < in.rank(); a++) {
            if (!red[a]) {
                d[n++] = in.dim(a);
            }
        }
        return Shape.of(Arrays.copyOf(d, n));
    }

    /** Normalized, sorted, duplicate-free axes; a negative axis counts from the end. */
    public static int[] normalizeAxes(Shape in, int[] axes, String op) {
        boolean[] red = mask(in, axes, op);
        int[] r = new int[axes.length];
        int n = 0;
        for (int a = 0; a < red.length; a++) {
            if (red[a]) {
                r[n++] = a;
            }
        }
        return Arrays.copyOf(r, n);
    }

    /** Number of elements a reduction over {@code axes} combines into each output element. */
    public static int count(Shape in, int[] axes) {
        int n = 1;
        for (int a : normalizeAxes(in, axes, "mean")) {
            n *= in.dim(a);
        }
        return n;
    }

    /** Kernel summing an input of shape {@code in} over {@code axes}. */
    public static Kernel sum(Shape in, int[] axes) {
        return build(in, axes, true);
    }

    /** Kernel taking the maximum of an input of shape {@code in} over {@code axes} (NaN propagates). */
    public static Kernel max(Shape in, int[] axes) {
        if (in.size() == 0) {
            boolean[] red = mask(in, axes, "max");
            for (int a = 0; a < red.length; a++) {
                if (red[a] && in.dim(a) == 0) {
                    throw new IllegalArgumentException("max: cannot reduce over empty axis " + a + " of shape " + in);
                }
            }
        }
        return build(in, axes, false);
    }

    private static boolean[] mask(Shape in, int[] axes, String op) {
        boolean[] red = new boolean[in.rank()];
        for (int ax : axes) {
            int a = ax < 0 ? ax + in.rank() : ax;
            if (a < 0 || a >= in.rank()) {
                throw new IllegalArgumentException(op + ": axis " + ax + " is out of range for shape " + in);
            }
            if (red[a]) {
                throw new IllegalArgumentException(op + ": axis " + ax + " is repeated in " + Arrays.toString(axes));
            }
            red[a] = true;
        }
        return red;
    }

    private static Kernel build(Shape in, int[] axes, boolean sum) {
        boolean[] red = mask(in, axes, sum ? "sum" : "max");
        // Collapse into segments of (size, reduced?) dropping unit dimensions.
        int[] sizes = new int[in.rank()];
        boolean[] flags = new boolean[in.rank()];
        int segs = 0;
        for (int a = 0; a < in.rank(); a++) {
            int d = in.dim(a);
            if (d == 1) {
                continue;
            }
            if (segs > 0 && flags[segs - 1] == red[a]) {
                sizes[segs - 1] *= d;
            } else {
                sizes[segs] = d;
                flags[segs] = red[a];
                segs++;
            }
        }
        int n = in.size();
        if (segs == 0 || (segs == 1 && !flags[0])) {
            return (i, o) -> System.arraycopy(i[0], 0, o, 0, n);
        }
        if (segs == 1) {
            return sum ? (i, o) -> o[0] = sumRun(i[0], 0, n) : (i, o) -> o[0] = maxRun(i[0], 0, n);
        }
        if (segs == 2 && !flags[0]) {
            int rows = sizes[0];
            int len = sizes[1];
            return (i, o) -> {
                for (int r = 0; r < rows; r++) {
                    o[r] = sum ? sumRun(i[0], r * len, len) : maxRun(i[0], r * len, len);
                }
            };
        }
        if ((segs == 2 && flags[0]) || (segs == 3 && !flags[0])) {
            int outer = segs == 3 ? sizes[0] : 1;
            int rows = sizes[segs - 2];
            int cols = sizes[segs - 1];
            return (i, o) -> {
                for (int b = 0; b < outer; b++) {
                    int base = b * rows * cols;
                    if (sum) {
                        columnSums(i[0], base, rows, cols, o, b * cols);
                    } else {
                        columnMaxes(i[0], base, rows, cols, o, b * cols);
                    }
                }
            };
        }
        return general(Arrays.copyOf(sizes, segs), Arrays.copyOf(flags, segs), sum);
    }

    private static Kernel general(int[] sizes, boolean[] flags, boolean sum) {
        int r = sizes.length;
        int[] outStride = new int[r];
        int acc = 1;
        for (int a = r - 1; a >= 0; a--) {
            if (!flags[a]) {
                outStride[a] = acc;
                acc *= sizes[a];
            }
        }
        int outSize = acc;
        return (in, o) -> {
            Arrays.fill(o, 0, outSize, sum ? 0 : Double.NEGATIVE_INFINITY);
            int[] idx = new int[r];
            double[] x = in[0];
            int oi = 0;
            for (int k = 0; k < x.length; k++) {
                o[oi] = sum ? o[oi] + x[k] : max(o[oi], x[k]);
                for (int a = r - 1; a >= 0; a--) {
                    idx[a]++;
                    oi += outStride[a];
                    if (idx[a] < sizes[a]) {
                        break;
                    }
                    oi -= outStride[a] * sizes[a];
                    idx[a] = 0;
                }
            }
        };
    }

    private static double max(double a, double b) {
        return Math.max(a, b);
    }

    /** Pairwise sum of x[off .. off+n). */
    static double sumRun(double[] x, int off, int n) {
        if (n <= PAIRWISE_BLOCK) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int i = 0;
            for (; i + 3 < n; i += 4) {
                s0 += x[off + i];
                s1 += x[off + i + 1];
                s2 += x[off + i + 2];
                s3 += x[off + i + 3];
            }
            for (; i < n; i++) {
                s0 += x[off + i];
            }
            return (s0 + s1) + (s2 + s3);
        }
        int half = (n / 2 + 3) & ~3;
        return sumRun(x, off, half) + sumRun(x, off + half, n - half);
    }

    private static double maxRun(double[] x, int off, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        return m;
    }

    private static void columnSums(double[] x, int base, int rows, int cols, double[] o, int oo) {
        Arrays.fill(o, oo, oo + cols, 0);
        for (int r = 0; r < rows; r++) {
            int ro = base + r * cols;
            for (int c = 0; c < cols; c++) {
                o[oo + c] += x[ro + c];
            }
        }
    }

    private static void columnMaxes(double[] x, int base, int rows, int cols, double[] o, int oo) {
        Arrays.fill(o, oo, oo + cols, Double.NEGATIVE_INFINITY);
        for (int r = 0; r < rows; r++) {
            int ro = base + r * cols;
            for (int c = 0; c < cols; c++) {
                o[oo + c] = Math.max(o[oo + c], x[ro + c]);
            }
        }
    }
}
