package descent.tensor;

import java.util.Arrays;

/**
 * Prepared reduction kernels (sum and max over a set of axes). The reduced axes are removed from
 * the output shape. Axes are first collapsed: adjacent axes that are both kept or both reduced
 * merge, so every reduction becomes row sums, column sums, or a batch of column sums, each with a
 * contiguous inner loop; other patterns fall back to an index walk. Sums of contiguous runs are
 * pairwise, so their rounding error grows with log n rather than n. Large reductions are split
 * across processors along fixed boundaries and combined in a fixed order, so results never depend
 * on timing or on the number of processors: each output is computed exactly as on one thread.
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
        if (n == 0) {
            // Nothing to combine: every output (if any) is the identity; max has rejected empty reduced axes.
            int outSize = reducedShape(in, axes).size();
            double identity = sum ? 0 : Double.NEGATIVE_INFINITY;
            return (i, o) -> Arrays.fill(o, 0, outSize, identity);
        }
        if (segs == 0 || (segs == 1 && !flags[0])) {
            return (i, o) -> System.arraycopy(i[0], 0, o, 0, n);
        }
        if (segs == 1) {
            if (Whole.depth(n) > 0) {
                return new Whole(n, sum);
            }
            return sum ? (i, o) -> o[0] = sumRun(i[0], 0, n) : (i, o) -> o[0] = maxRun(i[0], 0, n);
        }
        if (segs == 2 && !flags[0]) {
            int rows = sizes[0];
            int len = sizes[1];
            return new Split(rows, Math.max(1, Elementwise.MEMORY_GRAIN / len), (x, o, lo, hi) -> {
                for (int r = lo; r < hi; r++) {
                    o[r] = sum ? sumRun(x, r * len, len) : maxRun(x, r * len, len);
                }
            });
        }
        if ((segs == 2 && flags[0]) || (segs == 3 && !flags[0])) {
            int outer = segs == 3 ? sizes[0] : 1;
            int rows = sizes[segs - 2];
            int cols = sizes[segs - 1];
            // Split by columns: each column is still summed over its rows in order.
            return new Split(cols, Math.max(1, Elementwise.MEMORY_GRAIN / (rows * outer)), (x, o, lo, hi) -> {
                for (int b = 0; b < outer; b++) {
                    int base = b * rows * cols;
                    if (sum) {
                        columnSums(x, base, rows, cols, lo, hi, o, b * cols);
                    } else {
                        columnMaxes(x, base, rows, cols, lo, hi, o, b * cols);
                    }
                }
            });
        }
        return general(Arrays.copyOf(sizes, segs), Arrays.copyOf(flags, segs), sum);
    }

    /** A reduction body over outputs (or columns) [lo, hi). */
    @FunctionalInterface
    private interface Part {
        void run(double[] x, double[] o, int lo, int hi);
    }

    /** A reduction whose outputs (or columns) are independent, split into ranges across processors. */
    private static final class Split implements Kernel {
        private final Part part;
        private final int count;
        private final Parallel split;
        private double[] x;
        private double[] o;

        Split(int count, int grain, Part part) {
            this.part = part;
            this.count = count;
            this.split = new Parallel(count, grain, (lo, hi) -> part.run(x, o, lo, hi));
        }

        @Override
        public void run(double[][] in, double[] out) {
            if (!split.isParallel()) {
                part.run(in[0], out, 0, count);
                return;
            }
            x = in[0];
            o = out;
            split.run();
            x = null;
            o = null;
        }
    }

    /**
     * Sum or maximum of all n elements. Large inputs are cut at the nodes of the pairwise summation
     * tree a few levels down, the subtrees run in parallel, and their results are combined up the
     * same tree, so the sum is exactly the one-thread pairwise sum whatever the number of threads.
     */
    private static final class Whole implements Kernel {
        private final int n;
        private final boolean sum;
        private final int depth;
        private final int[] leafOff;
        private final int[] leafLen;
        private final double[] partial;
        private final Parallel split;
        private double[] x;
        private int cursor;

        /** Levels of the tree cut for n elements: enough for two subtrees per processor, or 0 to stay on one thread. */
        static int depth(int n) {
            int d = 0;
            if (Parallel.WAYS > 1 && n >= 2 * Elementwise.MEMORY_GRAIN) {
                while ((1 << d) < 2 * Parallel.WAYS) {
                    d++;
                }
            }
            return d;
        }

        Whole(int n, boolean sum) {
            this.n = n;
            this.sum = sum;
            int d = depth(n);
            this.depth = d;
            int leaves = countLeaves(n, d);
            this.leafOff = new int[leaves];
            this.leafLen = new int[leaves];
            this.partial = new double[leaves];
            cursor = 0;
            collect(0, n, d);
            this.split = new Parallel(leaves, 1, (lo, hi) -> {
                for (int j = lo; j < hi; j++) {
                    partial[j] = this.sum ? sumRun(x, leafOff[j], leafLen[j]) : maxRun(x, leafOff[j], leafLen[j]);
                }
            });
        }

        private static int countLeaves(int len, int depth) {
            if (depth == 0 || len <= PAIRWISE_BLOCK) {
                return 1;
            }
            int half = half(len);
            return countLeaves(half, depth - 1) + countLeaves(len - half, depth - 1);
        }

        private void collect(int off, int len, int d) {
            if (d == 0 || len <= PAIRWISE_BLOCK) {
                leafOff[cursor] = off;
                leafLen[cursor] = len;
                cursor++;
                return;
            }
            int half = half(len);
            collect(off, half, d - 1);
            collect(off + half, len - half, d - 1);
        }

        /** Combines the partial results over the subtree [off, off + len), as sumRun splits it. */
        private double combine(int len, int d) {
            if (d == 0 || len <= PAIRWISE_BLOCK) {
                return partial[cursor++];
            }
            int half = half(len);
            double a = combine(half, d - 1);
            double b = combine(len - half, d - 1);
            return sum ? a + b : Math.max(a, b);
        }

        @Override
        public void run(double[][] in, double[] out) {
            x = in[0];
            split.run();
            x = null;
            cursor = 0;
            out[0] = combine(n, depth);
        }
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
        int half = half(n);
        return sumRun(x, off, half) + sumRun(x, off + half, n - half);
    }

    /** Where the pairwise sum splits a run of n &gt; PAIRWISE_BLOCK elements: near the middle, at a multiple of 4. */
    private static int half(int n) {
        return (n / 2 + 3) & ~3;
    }

    private static double maxRun(double[] x, int off, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        return m;
    }

    /** Sums over the rows of columns [lo, hi) of a rows x cols block. */
    private static void columnSums(double[] x, int base, int rows, int cols, int lo, int hi, double[] o, int oo) {
        Arrays.fill(o, oo + lo, oo + hi, 0);
        for (int r = 0; r < rows; r++) {
            int ro = base + r * cols;
            for (int c = lo; c < hi; c++) {
                o[oo + c] += x[ro + c];
            }
        }
    }

    private static void columnMaxes(double[] x, int base, int rows, int cols, int lo, int hi, double[] o, int oo) {
        Arrays.fill(o, oo + lo, oo + hi, Double.NEGATIVE_INFINITY);
        for (int r = 0; r < rows; r++) {
            int ro = base + r * cols;
            for (int c = lo; c < hi; c++) {
                o[oo + c] = Math.max(o[oo + c], x[ro + c]);
            }
        }
    }
}
