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

    /**
     * Kernel computing {@code op} elementwise over an input of {@code shape}. Safe to run in place.
     * Large inputs to transcendental functions are split across the available processors.
     */
    public static Kernel unary(UnaryOp op, Shape shape) {
        int n = shape.size();
        if (!op.isTranscendental() || n < 2 * GRAIN || Parallel.WAYS < 2) {
            return (in, out) -> Simd.apply(op, in[0], 0, out, 0, n);
        }
        return new Kernel() {
            private double[] x;
            private double[] y;
            private final Parallel split = new Parallel(n, GRAIN, (lo, hi) -> Simd.apply(op, x, lo, y, lo, hi - lo));

            @Override
            public void run(double[][] in, double[] out) {
                x = in[0];
                y = out;
                split.run();
            }
        };
    }

    /**
     * Kernel computing {@code op(a, b)} with broadcasting. The output may share its buffer with an
     * operand that has the output's shape. Large outputs are split across the available processors.
     *
     * @throws IllegalArgumentException naming the op and both shapes if they do not broadcast
     */
    public static Kernel binary(BinaryOp op, Shape a, Shape b) {
        Shape out = Shape.broadcast(op.label(), a, b);
        int n = out.size();
        Broadcast plan = a.equals(b) ? null : new Broadcast(out, a, b);
        return new Kernel() {
            private double[] x;
            private double[] y;
            private double[] o;
            private final Parallel split = new Parallel(n, MEMORY_GRAIN, (lo, hi) -> range(lo, hi));

            private void range(int lo, int hi) {
                if (plan == null) {
                    op.loop(x, lo, y, lo, o, lo, hi - lo);
                } else {
                    plan.binary(op, x, y, o, lo, hi);
                }
            }

            @Override
            public void run(double[][] in, double[] out) {
                x = in[0];
                y = in[1];
                o = out;
                if (split.isParallel()) {
                    split.run();
                } else {
                    range(0, n);
                }
                x = null;
                y = null;
                o = null;
            }
        };
    }

    /**
     * Kernel computing {@code cond != 0 ? a : b} elementwise with broadcasting of all three operands
     * (a NaN condition counts as true). Large outputs are split across the available processors.
     */
    public static Kernel where(Shape cond, Shape a, Shape b) {
        Shape out = whereShape(cond, a, b);
        int n = out.size();
        Broadcast plan = new Broadcast(out, cond, a, b);
        return new Kernel() {
            private double[][] in;
            private double[] o;
            private final Parallel split = new Parallel(n, MEMORY_GRAIN, (lo, hi) -> plan.where(in[0], in[1], in[2], o, lo, hi));

            @Override
            public void run(double[][] in, double[] out) {
                this.in = in;
                o = out;
                if (split.isParallel()) {
                    split.run();
                } else {
                    plan.where(in[0], in[1], in[2], out, 0, n);
                }
                this.in = null;
                o = null;
            }
        };
    }

    /** Output shape of {@code where(cond, a, b)}. */
    public static Shape whereShape(Shape cond, Shape a, Shape b) {
        return Shape.broadcast("where", Shape.broadcast("where", cond, a), b);
    }
}
