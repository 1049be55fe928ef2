package descent.tensor;

import java.util.Arrays;

/**
 * Iteration plan for an elementwise operation whose operands broadcast (NumPy rules) to one output
 * shape. The output is walked as consecutive runs of {@code run} elements, as long as the trailing
 * axes allow: within a run each operand either advances with the output (unit stride) or repeats
 * one element (zero stride), and the kernels have a loop for each pattern, so a repeated operand
 * costs nothing per element whatever the length. Run offsets are precomputed; any range of output
 * elements, also one starting or ending inside a run, is executed as pieces of runs.
 */
final class Broadcast {
    final Shape out;
    final int size;
    final int runs;
    final int run;
    final boolean[] unit;
    final int[][] offsets;

    Broadcast(Shape out, Shape... operands) {
        this.out = out;
        int k = operands.length;
        int r = out.rank();
        int[][] strides = new int[k][];
        for (int i = 0; i < k; i++) {
            strides[i] = broadcastStrides(operands[i], out);
        }
        int[] dims = out.dims();
        // Collapse trailing axes into one run while every operand stays contiguous (unit) or constant over them.
        boolean[] unitFlags = new boolean[k];
        Arrays.fill(unitFlags, true);
        boolean decided = false;
        int inner = 1;
        for (int axis = r - 1; axis >= 0; axis--) {
            int d = dims[axis];
            if (d == 1) {
                continue;
            }
            boolean ok = true;
            boolean[] candidate = decided ? unitFlags : new boolean[k];
            for (int i = 0; i < k && ok; i++) {
                int s = strides[i][axis];
                if (!decided) {
                    candidate[i] = s == 1;
                    ok = s == 1 || s == 0;
                } else {
                    ok = unitFlags[i] ? s == inner : s == 0;
                }
            }
            if (!ok) {
                break;
            }
            unitFlags = candidate;
            decided = true;
            inner *= d;
        }
        this.size = out.size();
        this.run = size == 0 ? 1 : Math.max(1, inner);
        this.runs = size == 0 ? 0 : size / this.run;
        this.unit = unitFlags;
        this.offsets = new int[k][runs];
        int[] counter = new int[r];
        for (int q = 0; q < runs; q++) {
            int flat = q * this.run;
            // Decompose the flat output index of the run start into a multi-index.
            int rem = flat;
            for (int a = r - 1; a >= 0; a--) {
                int d = dims[a];
                counter[a] = d == 0 ? 0 : rem % d;
                rem = d == 0 ? 0 : rem / d;
            }
            for (int i = 0; i < k; i++) {
                int o = 0;
                for (int a = 0; a < r; a++) {
                    o += counter[a] * strides[i][a];
                }
                offsets[i][q] = o;
            }
        }
    }

    /** o[lo, hi) = op(a, b) over the broadcast operands. */
    void binary(BinaryOp op, double[] a, double[] b, double[] o, int lo, int hi) {
        int q = lo / run;
        int at = lo - q * run;
        boolean ua = unit[0];
        boolean ub = unit[1];
        int[] oa = offsets[0];
        int[] ob = offsets[1];
        while (lo < hi) {
            int len = Math.min(run - at, hi - lo);
            if (ua && ub) {
                op.run(a, oa[q] + at, b, ob[q] + at, o, lo, len);
            } else if (ua) {
                op.run(a, oa[q] + at, b[ob[q]], o, lo, len);
            } else if (ub) {
                op.run(a[oa[q]], b, ob[q] + at, o, lo, len);
            } else {
                op.loop(a, oa[q], b[ob[q]], o, lo, 1);
                Arrays.fill(o, lo + 1, lo + len, o[lo]);
            }
            lo += len;
            q++;
            at = 0;
        }
    }

    /** o[lo, hi) = c != 0 ? x : y over the broadcast operands (NaN counts as true). */
    void where(double[] c, double[] x, double[] y, double[] o, int lo, int hi) {
        int q = lo / run;
        int at = lo - q * run;
        while (lo < hi) {
            int len = Math.min(run - at, hi - lo);
            int co = offsets[0][q];
            int xo = offsets[1][q];
            int yo = offsets[2][q];
            if (!unit[0]) {
                boolean pick = c[co] != 0;
                double[] src = pick ? x : y;
                int so = pick ? xo : yo;
                if (unit[pick ? 1 : 2]) {
                    System.arraycopy(src, so + at, o, lo, len);
                } else {
                    Arrays.fill(o, lo, lo + len, src[so]);
                }
            } else {
                select(c, co + at, x, unit[1] ? xo + at : xo, unit[1], y, unit[2] ? yo + at : yo, unit[2], o, lo, len);
            }
            lo += len;
            q++;
            at = 0;
        }
    }

    /**
     * o[oo + i] = c[co + i] != 0 ? x : y, each of x and y an array advancing with i or a repeated
     * element. The choice goes through bit masks rather than branches, which random conditions
     * would mispredict.
     */
    private static void select(double[] c, int co, double[] x, int xo, boolean xu, double[] y, int yo, boolean yu,
            double[] o, int oo, int n) {
        if (xu && yu) {
            for (int i = 0; i < n; i++) {
                long m = mask(c[co + i]);
                o[oo + i] = Double.longBitsToDouble((Double.doubleToRawLongBits(x[xo + i]) & m)
                        | (Double.doubleToRawLongBits(y[yo + i]) & ~m));
            }
        } else if (xu) {
            long yb = Double.doubleToRawLongBits(y[yo]);
            for (int i = 0; i < n; i++) {
                long m = mask(c[co + i]);
                o[oo + i] = Double.longBitsToDouble((Double.doubleToRawLongBits(x[xo + i]) & m) | (yb & ~m));
            }
        } else if (yu) {
            long xb = Double.doubleToRawLongBits(x[xo]);
            for (int i = 0; i < n; i++) {
                long m = mask(c[co + i]);
                o[oo + i] = Double.longBitsToDouble((xb & m) | (Double.doubleToRawLongBits(y[yo + i]) & ~m));
            }
        } else {
            long xb = Double.doubleToRawLongBits(x[xo]);
            long yb = Double.doubleToRawLongBits(y[yo]);
            for (int i = 0; i < n; i++) {
                long m = mask(c[co + i]);
                o[oo + i] = Double.longBitsToDouble((xb & m) | (yb & ~m));
            }
        }
    }

    /** All ones if v != 0 (NaN included), else zero: the sign bit of v's bits without the sign, or of their negation. */
    private static long mask(double v) {
        long b = Double.doubleToRawLongBits(v) << 1;
        return (b | -b) >> 63;
    }

    /** Strides (in elements) of a contiguous operand seen through broadcasting to {@code out}; 0 where it repeats. */
    static int[] broadcastStrides(Shape operand, Shape out) {
        int r = out.rank();
        int[] s = new int[r];
        int[] own = operand.strides();
        int off = r - operand.rank();
        for (int a = 0; a < operand.rank(); a++) {
            s[a + off] = operand.dim(a) == 1 && out.dim(a + off) != 1 ? 0 : own[a];
        }
        return s;
    }
}
