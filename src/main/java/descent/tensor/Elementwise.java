package descent.tensor;

/** Prepared kernels for elementwise functions, with NumPy broadcasting for several operands. */
public final class Elementwise {
    private Elementwise() {
    }

    /** Elements per thread below which a transcendental function is not worth splitting. */
    private static final int GRAIN = 16384;
    /**
     * Elements per thread below which memory-bound work (arithmetic, selection, reduction) is not
     * worth splitting: the handover to another thread costs about as much as this many elements.
     */
    static final int MEMORY_GRAIN = 1 << 16;
    /** Elements per block of a chain: the blocks of a few operands and results fit the first-level cache. */
    static final int CHAIN_BLOCK = 1024;

    /** The computation of output elements [lo, hi). */
    @FunctionalInterface
    interface Range {
        void run(double[][] in, double[] out, int lo, int hi);
    }

    /**
     * An elementwise kernel over n output elements. Run whole, it splits the range across the
     * available processors when n is large: from {@value #GRAIN} elements per thread for costly
     * functions (transcendental ones), from {@value #MEMORY_GRAIN} for memory-bound ones.
     */
    static final class Ranged implements ElementwiseKernel {
        final boolean costly;
        private final int n;
        private final Range range;
        private final Parallel split;
        private double[][] in;
        private double[] out;

        Ranged(int n, boolean costly, Range range) {
            this.n = n;
            this.costly = costly;
            this.range = range;
            this.split = new Parallel(n, costly ? GRAIN : MEMORY_GRAIN, (lo, hi) -> range.run(in, out, lo, hi));
        }

        @Override
        public void run(double[][] in, double[] out, int lo, int hi) {
            range.run(in, out, lo, hi);
        }

        @Override
        public void run(double[][] in, double[] out) {
            if (!split.isParallel()) {
                range.run(in, out, 0, n);
                return;
            }
            this.in = in;
            this.out = out;
            split.run();
            this.in = null;
            this.out = null;
        }
    }

    /** An elementwise kernel over n output elements computed by {@code range}. */
    static ElementwiseKernel ranged(int n, boolean costly, Range range) {
        return new Ranged(n, costly, range);
    }

    /**
     * Kernel computing {@code op} elementwise over an input of {@code shape}. Safe to run in place.
     * Large inputs are split across the available processors.
     */
    public static ElementwiseKernel unary(UnaryOp op, Shape shape) {
        return new Ranged(shape.size(), op.isTranscendental(), (in, out, lo, hi) -> Simd.apply(op, in[0], lo, out, lo, hi - lo));
    }

    /**
     * Kernel computing {@code op(a, b)} with broadcasting. The output may share its buffer with an
     * operand that has the output's shape. Large outputs are split across the available processors.
     *
     * @throws IllegalArgumentException naming the op and both shapes if they do not broadcast
     */
    public static ElementwiseKernel binary(BinaryOp op, Shape a, Shape b) {
        Shape out = Shape.broadcast(op.label(), a, b);
        if (a.equals(b)) {
            return new Ranged(out.size(), op == BinaryOp.POW, (in, o, lo, hi) -> op.aligned(in[0], in[1], o, lo, hi));
        }
        Broadcast plan = new Broadcast(out, a, b);
        return new Ranged(out.size(), op == BinaryOp.POW, (in, o, lo, hi) -> plan.binary(op, in[0], in[1], o, lo, hi));
    }

    /**
     * Kernel computing {@code cond != 0 ? a : b} elementwise with broadcasting of all three operands
     * (a NaN condition counts as true). Large outputs are split across the available processors.
     */
    public static ElementwiseKernel where(Shape cond, Shape a, Shape b) {
        Shape out = whereShape(cond, a, b);
        Broadcast plan = new Broadcast(out, cond, a, b);
        return new Ranged(out.size(), false, (in, o, lo, hi) -> plan.where(in[0], in[1], in[2], o, lo, hi));
    }

    /** Output shape of {@code where(cond, a, b)}. */
    public static Shape whereShape(Shape cond, Shape a, Shape b) {
        return Shape.broadcast("where", Shape.broadcast("where", cond, a), b);
    }

    /**
     * Runs elementwise kernels one after another over outputs of {@code n} elements, block by block:
     * every kernel computes a block of {@value #CHAIN_BLOCK} elements before the first moves on to
     * the next block, so a result that a later kernel reads is still in cache, and long chains
     * share their blocks across the available processors. Kernel j reads {@code in[j]} and writes
     * {@code out[j]}; it may read what an earlier one wrote, and write over what an earlier one
     * read. Each output element goes through the same operations in the same order as when the
     * kernels run one after another on whole buffers, so the results are the same bits.
     *
     * @param steps the kernels, each with an output of n elements
     * @return the chain; it reads the entries of {@code in} and {@code out} at every run (so a caller
     *         may point an entry at another array of at least n elements between runs) and must
     *         not run on two threads at once
     */
    public static Runnable chain(ElementwiseKernel[] steps, double[][][] in, double[][] out, int n) {
        if (steps.length != in.length || steps.length != out.length) {
            throw new IllegalArgumentException("chain: " + steps.length + " kernels, " + in.length + " operand lists and "
                    + out.length + " outputs");
        }
        boolean costly = false;
        for (int j = 0; j < steps.length; j++) {
            if (out[j].length < n) {
                throw new IllegalArgumentException("chain: output " + j + " holds " + out[j].length + " of " + n + " elements");
            }
            costly |= steps[j] instanceof Ranged && ((Ranged) steps[j]).costly;
        }
        ElementwiseKernel[] k = steps.clone();
        Parallel.Body blocks = (lo, hi) -> {
            for (int b = lo; b < hi; b += CHAIN_BLOCK) {
                int e = Math.min(hi, b + CHAIN_BLOCK);
                for (int j = 0; j < k.length; j++) {
                    k[j].run(in[j], out[j], b, e);
                }
            }
        };
        Parallel split = new Parallel(n, costly ? GRAIN : Math.max(GRAIN, MEMORY_GRAIN / k.length), blocks);
        return split.isParallel() ? split::run : () -> blocks.run(0, n);
    }
}
