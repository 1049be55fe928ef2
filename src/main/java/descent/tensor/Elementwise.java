package descent.tensor;

/** Prepared kernels for elementwise functions, with NumPy broadcasting for several operands. */
public final class Elementwise {
    private Elementwise() {
    }

    /**
     * Elements per thread below which a transcendental function is not worth splitting; cheap
     * arithmetic is memory-bound and always runs on the calling thread.
     */
    private static final int GRAIN = 16384;

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
     * operand that has the output's shape.
     *
     * @throws IllegalArgumentException naming the op and both shapes if they do not broadcast
     */
    public static Kernel binary(BinaryOp op, Shape a, Shape b) {
        Shape out = Shape.broadcast(op.label(), a, b);
        if (a.equals(b)) {
            int n = out.size();
            return (in, o) -> op.loop(in[0], 0, in[1], 0, o, 0, n);
        }
        Broadcast plan = new Broadcast(out, a, b);
        return (in, o) -> {
            int len = plan.run;
            for (int q = 0; q < plan.runs; q++) {
                double[] x = plan.source(0, in[0], q);
                double[] y = plan.source(1, in[1], q);
                op.loop(x, plan.offset(0, q), y, plan.offset(1, q), o, q * len, len);
            }
        };
    }

    /**
     * Kernel computing {@code cond != 0 ? a : b} elementwise with broadcasting of all three operands.
     */
    public static Kernel where(Shape cond, Shape a, Shape b) {
        Shape out = Shape.broadcast("where", Shape.broadcast("where", cond, a), b);
        Broadcast plan = new Broadcast(out, cond, a, b);
        return (in, o) -> {
            int len = plan.run;
            for (int q = 0; q < plan.runs; q++) {
                double[] c = plan.source(0, in[0], q);
                double[] x = plan.source(1, in[1], q);
                double[] y = plan.source(2, in[2], q);
                int co = plan.offset(0, q);
                int xo = plan.offset(1, q);
                int yo = plan.offset(2, q);
                int oo = q * len;
                for (int i = 0; i < len; i++) {
                    o[oo + i] = c[co + i] != 0 ? x[xo + i] : y[yo + i];
                }
            }
        };
    }

    /** Output shape of {@code where(cond, a, b)}. */
    public static Shape whereShape(Shape cond, Shape a, Shape b) {
        return Shape.broadcast("where", Shape.broadcast("where", cond, a), b);
    }
}
