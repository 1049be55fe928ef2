package descent.tensor;

import java.util.Arrays;

/**
 * Prepared sampling kernels, one per distribution of {@link Random}, for compiled plans: a kernel's
 * only input is a key tensor (the two words of {@link Key#toTensor()}), and a run fills the output
 * without allocating, splitting large outputs across processors. {@link Random} runs the same
 * kernels, so eager and compiled draws from one key are identical.
 *
 * <p>Beneath the kernels are the fills, which write {@code out[offset, offset + length)} for a key
 * given by its words (k0, k1): the element at {@code out[offset + j]} is a function of the key and
 * its counter {@code firstCounter + j} alone, so filling a range in chunks, on any threads, gives
 * exactly the numbers of one whole fill. The random bits of counter c are the Threefry block
 * T(key, c), computed for 256 counters at a time into a per-thread scratch buffer by a loop the
 * JIT vectorizes. Bits become numbers as follows:
 * <ul>
 *   <li>uniform [0, 1): the top 53 of the 64 bits, m 2^-53;</li>
 *   <li>uniform (0, 1), for transforms that need an open interval: the top 52 bits, (m + 1/2) 2^-52,
 *       symmetric about 1/2 and at least 2^-53 from both ends;</li>
 *   <li>normal: the inverse CDF of the open uniform, Phi^-1 by Wichura's AS 241;</li>
 *   <li>integers in [0, s): Lemire's multiply-shift (ACM TOMACS 29(1), 2019), the high 64 bits of
 *       the 128-bit product of the bits and s, rejecting products whose low half falls below
 *       2^64 mod s, which makes every value equally likely; a rejected draw is replaced by the
 *       block of the same counter under the key with its words tweaked by a retry number.</li>
 * </ul>
 */
public final class Sampling {
    /** Elements per thread below which a kernel stays on the calling thread. */
    private static final int GRAIN = 1 << 14;
    /** Largest integer magnitude whose neighbours are all exact doubles. */
    private static final long MAX_EXACT = 1L << 53;
    private static final int RETRY_TWEAK = 0x9E3779B9;
    private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);
    /** Counters whose blocks are computed together by {@link Threefry#blocks}. */
    private static final int BATCH = 256;
    /** Each thread's block words for one batch, so fills allocate nothing after a thread's first. */
    private static final ThreadLocal<int[][]> WORDS = ThreadLocal.withInitial(() -> new int[2][BATCH]);
    /** Each thread's uniforms and their transforms for one batch, for transforms that run over a batch at a time. */
    private static final ThreadLocal<double[][]> UNITS = ThreadLocal.withInitial(() -> new double[4][BATCH]);

    private Sampling() {
    }

    /** A fill of {@code out[offset, offset + length)} from counters {@code firstCounter, ...}. */
    @FunctionalInterface
    private interface Fill {
        void run(int k0, int k1, double[] out, int offset, int length, long firstCounter);
    }

    // ---- prepared kernels ----------------------------------------------------------------------

    /**
     * Kernel writing uniform values in [lo, hi) of {@code shape} (see {@link Random#uniform(Key, Shape, double, double)}).
     *
     * @throws IllegalArgumentException unless lo &lt; hi and hi - lo is finite
     */
    public static Kernel uniform(Shape shape, double lo, double hi) {
        checkUniform("uniform", lo, hi);
        return counterKernel("uniform", shape, (k0, k1, o, off, n, c) -> fillUniform(k0, k1, lo, hi, o, off, n, c));
    }

    /**
     * Kernel writing normal values mean + std z of {@code shape} (see {@link Random#normal(Key, Shape)}).
     *
     * @throws IllegalArgumentException unless mean is finite and std is finite and &gt;= 0
     */
    public static Kernel normal(Shape shape, double mean, double std) {
        checkNormal("normal", mean, std);
        return counterKernel("normal", shape, (k0, k1, o, off, n, c) -> fillNormal(k0, k1, mean, std, o, off, n, c));
    }

    /** Kernel writing values -1 and +1 with probability 1/2 each, of {@code shape}. */
    public static Kernel rademacher(Shape shape) {
        return counterKernel("rademacher", shape, Sampling::fillRademacher);
    }

    /**
     * Kernel writing 1 with probability p and 0 otherwise, of {@code shape}.
     *
     * @throws IllegalArgumentException unless 0 &lt;= p &lt;= 1
     */
    public static Kernel bernoulli(double p, Shape shape) {
        checkProbability("bernoulli", p);
        return counterKernel("bernoulli", shape, (k0, k1, o, off, n, c) -> fillBernoulli(k0, k1, p, o, off, n, c));
    }

    /**
     * Kernel writing integers in [lo, hi), each equally likely, of {@code shape}.
     *
     * @throws IllegalArgumentException unless lo &lt; hi, both within [-2^53, 2^53]
     */
    public static Kernel randint(Shape shape, long lo, long hi) {
        checkRandint("randint", lo, hi);
        return counterKernel("randint", shape, (k0, k1, o, off, n, c) -> fillRandint(k0, k1, lo, hi, o, off, n, c));
    }

    /** Kernel writing standard Gumbel values of {@code shape}. */
    public static Kernel gumbel(Shape shape) {
        return counterKernel("gumbel", shape, Sampling::fillGumbel);
    }

    /**
     * Kernel writing a uniformly random permutation of 0, ..., n-1 (output shape [n]).
     *
     * @throws IllegalArgumentException if n &lt; 0
     */
    public static Kernel permutation(int n) {
        checkCount("permutation", n);
        return (in, out) -> fillPermutation(keyWord("permutation", in, 0), keyWord("permutation", in, 1), n, out, 0);
    }

    /**
     * Kernel writing k distinct integers of [0, n) in random order (output shape [k]); it holds an
     * O(k) scratch table, so one instance must not run on two threads at once.
     *
     * @throws IllegalArgumentException unless 0 &lt;= k &lt;= n
     */
    public static Kernel choice(int n, int k) {
        checkChoice("choice", n, k);
        int[] scratch = new int[choiceScratch(k)];
        return (in, out) -> fillChoice(keyWord("choice", in, 0), keyWord("choice", in, 1), n, k, out, 0, scratch);
    }

    /** A kernel over {@code shape} whose element i has counter i, split across processors when large. */
    private static Kernel counterKernel(String op, Shape shape, Fill fill) {
        int n = shape.size();
        if (n < 2 * GRAIN || Parallel.WAYS < 2) {
            return (in, out) -> fill.run(keyWord(op, in, 0), keyWord(op, in, 1), out, 0, n, 0);
        }
        return new Kernel() {
            private int k0;
            private int k1;
            private double[] y;
            private final Parallel split = new Parallel(n, GRAIN, (lo, hi) -> fill.run(k0, k1, y, lo, hi - lo, lo));

            @Override
            public void run(double[][] in, double[] out) {
                k0 = keyWord(op, in, 0);
                k1 = keyWord(op, in, 1);
                checkRange(op, out, 0, n);
                y = out;
                split.run();
            }
        };
    }

    /** Word {@code index} of the key tensor that is a sampling kernel's input. */
    private static int keyWord(String op, double[][] in, int index) {
        if (in.length < 1 || in[0].length < 2) {
            throw new IllegalArgumentException(op + ": the input must be a key tensor of shape [2], got "
                    + (in.length < 1 ? "no input" : in[0].length + " values"));
        }
        return Key.word(op, in[0][index], index);
    }

    // ---- fills ---------------------------------------------------------------------------------

    /** Uniform in [0, 1) from a block's words: its top 53 bits m as m 2^-53 (the two terms are exact). */
    static double unit(int w0, int w1) {
        return ((w0 ^ Integer.MIN_VALUE) * 0x1p-32 + 0.5) + (w1 >>> 11) * 0x1p-53;
    }

    /** Uniform in (0, 1) from a block's words, symmetric about 1/2: its top 52 bits m as (m + 1/2) 2^-52. */
    static double openUnit(int w0, int w1) {
        return ((w0 ^ Integer.MIN_VALUE) * 0x1p-32 + 0.5) + ((w1 >>> 12) + 0.5) * 0x1p-52;
    }

    /** A uniform integer in [0, bound), 1 &lt;= bound &lt;= 2^62, from the block of {@code counter}. */
    static long below(int k0, int k1, long counter, long bound) {
        return below(k0, k1, counter, Threefry.block(k0, k1, counter), bound);
    }

    /** {@link #below(int, int, long, long)} given the block x of {@code counter}, already computed. */
    private static long below(int k0, int k1, long counter, long x, long bound) {
        long low = x * bound;
        if (Long.compareUnsigned(low, bound) < 0) {
            long threshold = Long.remainderUnsigned(-bound, bound);
            int retry = 0;
            while (Long.compareUnsigned(low, threshold) < 0) {
                retry++;
                x = Threefry.block(k0 ^ RETRY_TWEAK, k1 + retry, counter);
                low = x * bound;
            }
        }
        return Math.multiplyHigh(x, bound) + ((x >> 63) & bound);
    }

    private static void checkRange(String op, double[] out, int offset, int length) {
        if (offset < 0 || length < 0 || offset > out.length - length) {
            throw new IndexOutOfBoundsException(op + ": cannot write " + length + " values at offset " + offset
                    + " of an array of length " + out.length);
        }
    }

    /** Uniform values in [lo, hi): lo + (hi - lo) u, with a result rounded up to hi moved just below it. */
    static void fillUniform(int k0, int k1, double lo, double hi, double[] out, int offset, int length, long firstCounter) {
        checkUniform("uniform", lo, hi);
        checkRange("uniform", out, offset, length);
        double width = hi - lo;
        double below = Math.nextDown(hi);
        int[][] w = WORDS.get();
        int[] w0 = w[0];
        int[] w1 = w[1];
        for (int b = 0; b < length; b += BATCH) {
            int n = Math.min(BATCH, length - b);
            Threefry.blocks(k0, k1, firstCounter + b, w0, w1, n);
            int o = offset + b;
            for (int j = 0; j < n; j++) {
                out[o + j] = Math.min(lo + width * unit(w0[j], w1[j]), below);
            }
        }
    }

    static void checkUniform(String op, double lo, double hi) {
        if (!(lo < hi) || !Double.isFinite(hi - lo)) {
            throw new IllegalArgumentException(op + ": need finite lo < hi, got lo = " + lo + ", hi = " + hi);
        }
    }

    /** Normal values mean + std Phi^-1(u), u open uniform. */
    static void fillNormal(int k0, int k1, double mean, double std, double[] out, int offset, int length, long firstCounter) {
        checkNormal("normal", mean, std);
        checkRange("normal", out, offset, length);
        int[][] w = WORDS.get();
        int[] w0 = w[0];
        int[] w1 = w[1];
        double[][] units = UNITS.get();
        double[] u = units[0];
        double[] z = units[1];
        for (int b = 0; b < length; b += BATCH) {
            int n = Math.min(BATCH, length - b);
            Threefry.blocks(k0, k1, firstCounter + b, w0, w1, n);
            for (int j = 0; j < n; j++) {
                u[j] = openUnit(w0[j], w1[j]);
            }
            NormalQuantile.apply(u, z, w0, units[2], units[3], n); // w0 is spent once the uniforms are formed
            int o = offset + b;
            for (int j = 0; j < n; j++) {
                out[o + j] = mean + std * z[j];
            }
        }
    }

    static void checkNormal(String op, double mean, double std) {
        if (!Double.isFinite(mean) || !(std >= 0) || std == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(op + ": need finite mean and std >= 0, got mean = " + mean + ", std = " + std);
        }
    }

    /**
     * Values -1 or +1 with probability 1/2 each. Counter c takes bit (c mod 64) of the block of
     * counter floor(c / 64), so one block serves 64 elements.
     */
    static void fillRademacher(int k0, int k1, double[] out, int offset, int length, long firstCounter) {
        checkRange("rademacher", out, offset, length);
        int j = 0;
        while (j < length) {
            long c = firstCounter + j;
            long bits = Threefry.block(k0, k1, c >>> 6);
            int first = (int) (c & 63);
            int run = Math.min(64 - first, length - j);
            // Bit 1 gives +1 and bit 0 gives -1: the complemented bit becomes the sign of 1.0.
            for (int b = 0; b < run; b++) {
                out[offset + j + b] = Double.longBitsToDouble(ONE_BITS | ((~bits >>> (first + b)) << 63));
            }
            j += run;
        }
    }

    /** 1 with probability p, else 0: whether the uniform [0, 1) value falls below p. */
    static void fillBernoulli(int k0, int k1, double p, double[] out, int offset, int length, long firstCounter) {
        checkProbability("bernoulli", p);
        checkRange("bernoulli", out, offset, length);
        int[][] w = WORDS.get();
        int[] w0 = w[0];
        int[] w1 = w[1];
        for (int b = 0; b < length; b += BATCH) {
            int n = Math.min(BATCH, length - b);
            Threefry.blocks(k0, k1, firstCounter + b, w0, w1, n);
            int o = offset + b;
            for (int j = 0; j < n; j++) {
                out[o + j] = unit(w0[j], w1[j]) < p ? 1 : 0;
            }
        }
    }

    static void checkProbability(String op, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(op + ": probability p must be in [0, 1], got " + p);
        }
    }

    /** Integers in [lo, hi), each equally likely. */
    static void fillRandint(int k0, int k1, long lo, long hi, double[] out, int offset, int length, long firstCounter) {
        checkRandint("randint", lo, hi);
        checkRange("randint", out, offset, length);
        long bound = hi - lo;
        int[][] w = WORDS.get();
        int[] w0 = w[0];
        int[] w1 = w[1];
        for (int b = 0; b < length; b += BATCH) {
            int n = Math.min(BATCH, length - b);
            Threefry.blocks(k0, k1, firstCounter + b, w0, w1, n);
            int o = offset + b;
            for (int j = 0; j < n; j++) {
                long x = ((long) w0[j] << 32) | (w1[j] & 0xFFFFFFFFL);
                out[o + j] = lo + below(k0, k1, firstCounter + b + j, x, bound);
            }
        }
    }

    static void checkRandint(String op, long lo, long hi) {
        if (lo >= hi) {
            throw new IllegalArgumentException(op + ": need lo < hi, got lo = " + lo + ", hi = " + hi);
        }
        if (lo < -MAX_EXACT || hi > MAX_EXACT) {
            throw new IllegalArgumentException(op + ": lo and hi must lie in [-2^53, 2^53] to be exact doubles, got lo = "
                    + lo + ", hi = " + hi);
        }
    }

    /** Standard Gumbel values -log(-log u), u open uniform. */
    static void fillGumbel(int k0, int k1, double[] out, int offset, int length, long firstCounter) {
        checkRange("gumbel", out, offset, length);
        int[][] w = WORDS.get();
        int[] w0 = w[0];
        int[] w1 = w[1];
        for (int b = 0; b < length; b += BATCH) {
            int n = Math.min(BATCH, length - b);
            Threefry.blocks(k0, k1, firstCounter + b, w0, w1, n);
            int o = offset + b;
            for (int j = 0; j < n; j++) {
                out[o + j] = -Math.log(-Math.log(openUnit(w0[j], w1[j])));
            }
        }
    }

    /**
     * A uniformly random permutation of 0, ..., n-1 into {@code out[offset, offset + n)}: the
     * Fisher-Yates shuffle, position i (from n-1 down to 1) swapped with a uniform position in
     * [0, i] drawn from counter i.
     */
    static void fillPermutation(int k0, int k1, int n, double[] out, int offset) {
        checkCount("permutation", n);
        checkRange("permutation", out, offset, n);
        for (int i = 0; i < n; i++) {
            out[offset + i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = (int) below(k0, k1, i, i + 1L);
            double t = out[offset + i];
            out[offset + i] = out[offset + j];
            out[offset + j] = t;
        }
    }

    static void checkCount(String op, int n) {
        if (n < 0) {
            throw new IllegalArgumentException(op + ": n must be >= 0, got " + n);
        }
    }

    /** Length of the {@code int[]} scratch table {@link #fillChoice} needs for k draws. */
    static int choiceScratch(int k) {
        return 2 * slots(k);
    }

    /** Table slots for k entries: a power of two at least 2k, so the load stays at most 1/2. */
    private static int slots(int k) {
        return Integer.highestOneBit(Math.max(1, 2 * k - 1)) << 1;
    }

    /**
     * k distinct integers of [0, n), uniform over the k-subsets and in uniformly random order,
     * into {@code out[offset, offset + k)}: the first k steps of a Fisher-Yates shuffle of the
     * virtual array 0, ..., n-1, step t swapping position t with a uniform position in [t, n)
     * drawn from counter t. Only displaced positions are stored, in an open-addressing table in
     * {@code scratch} (length {@link #choiceScratch}(k)), so the cost is O(k) whatever n is.
     */
    static void fillChoice(int k0, int k1, int n, int k, double[] out, int offset, int[] scratch) {
        checkChoice("choice", n, k);
        checkRange("choice", out, offset, k);
        int slots = slots(k);
        if (scratch.length < 2 * slots) {
            throw new IllegalArgumentException("choice: scratch table needs " + 2 * slots + " ints, got " + scratch.length);
        }
        Arrays.fill(scratch, 0, 2 * slots, 0);
        int shift = 32 - Integer.numberOfTrailingZeros(slots);
        for (int t = 0; t < k; t++) {
            int j = t + (int) below(k0, k1, t, (long) n - t);
            int sj = find(scratch, j, shift, slots);
            int vj = scratch[sj] == 0 ? j : scratch[sj + 1];
            if (j != t) {
                int st = find(scratch, t, shift, slots);
                int vt = scratch[st] == 0 ? t : scratch[st + 1];
                scratch[sj] = j + 1;
                scratch[sj + 1] = vt;
            }
            out[offset + t] = vj;
        }
    }

    static void checkChoice(String op, int n, int k) {
        if (n < 0 || k < 0 || k > n) {
            throw new IllegalArgumentException(op + ": need 0 <= k <= n to draw k distinct values of [0, n), got n = "
                    + n + ", k = " + k);
        }
    }

    /**
     * The table index of position p (stored as p + 1, so 0 marks an empty slot): its slot if
     * present, else the empty slot where it belongs. Fibonacci hashing spreads consecutive positions.
     */
    private static int find(int[] table, int p, int shift, int slots) {
        int s = (p * 0x9E3779B9) >>> shift;
        while (table[2 * s] != 0 && table[2 * s] != p + 1) {
            s = (s + 1) & (slots - 1);
        }
        return 2 * s;
    }
}
