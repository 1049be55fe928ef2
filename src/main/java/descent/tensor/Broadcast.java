package descent.tensor;

/**
 * Iteration plan for an elementwise operation whose operands broadcast (NumPy rules) to one output
 * shape. The output is walked as consecutive runs of {@code run} elements; within a run each operand
 * either advances with the output (unit stride) or repeats one element (zero stride). Run offsets
 * are precomputed, so executing costs no index arithmetic beyond a table lookup per run.
 */
final class Broadcast {
    /** Largest run length used when an operand repeats one element; bounds the scratch buffers. */
    private static final int CHUNK = 2048;

    final Shape out;
    final int runs;
    final int run;
    final boolean[] unit;
    final int[][] offsets;
    private final double[][] scratch;

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
        java.util.Arrays.fill(unitFlags, true);
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
        int size = out.size();
        int runLen = Math.max(1, inner);
        boolean anyConst = false;
        for (boolean u : unitFlags) {
            anyConst |= !u;
        }
        if (anyConst && runLen > CHUNK) {
            int c = largestDivisorAtMost(runLen, CHUNK);
            runLen = c;
        }
        this.run = size == 0 ? 1 : runLen;
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
        this.scratch = new double[k][];
        for (int i = 0; i < k; i++) {
            if (!unitFlags[i]) {
                scratch[i] = new double[this.run];
            }
        }
    }

    /** The operand buffer for run {@code q}: the operand itself, or a scratch run filled with its repeated element. */
    double[] source(int i, double[] data, int q) {
        if (unit[i]) {
            return data;
        }
        double[] s = scratch[i];
        java.util.Arrays.fill(s, data[offsets[i][q]]);
        return s;
    }

    /** Offset of operand {@code i} for run {@code q} within the buffer returned by {@link #source}. */
    int offset(int i, int q) {
        return unit[i] ? offsets[i][q] : 0;
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

    private static int largestDivisorAtMost(int n, int max) {
        for (int d = max; d > 1; d--) {
            if (n % d == 0) {
                return d;
            }
        }
        return 1;
    }
}
