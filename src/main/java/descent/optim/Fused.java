package descent.optim;

import descent.tensor.ParamLayout;

/**
 * An optimizer whose update is one elementwise pass over memory. Its state computes the step's
 * scalars once ({@link Buffers#begin}) and then runs its kernel over the vectors, split across
 * threads for long vectors. The same kernel serves both entry points: {@link #update} writes the
 * update {@code d} over the gradient, {@link #step} adds it to the parameters in the same pass,
 * which reads the gradient, the state and the parameters once and writes the state and the
 * parameters once.
 */
abstract class Fused implements Transform {
    /** The state of a fused optimizer: its arrays, the step count and the kernel. */
    abstract static class Buffers extends State {
        final long[] count = longs("count", 1);
        /** The gradient (in), and the updates (out) when not applying. */
        double[] g;
        /** The parameters. */
        double[] p;
        /** True to add the update to the parameters, false to write it over {@link #g}. */
        boolean apply;
        private final Loop loop = new Loop() {
            @Override
            protected void range(int lo, int hi) {
                kernel(lo, hi);
            }
        };

        Buffers(String kind) {
            super(kind);
        }

        /** Computes the scalars of the step numbered {@code t} (0 for the first step). */
        abstract void begin(long t, Context context);

        /** The update over {@code [lo, hi)}. */
        abstract void kernel(int lo, int hi);

        /** Work after the pass (scalar state updates); nothing by default. */
        void end(long t) {
        }

        /** The learning rate of step {@code t}. */
        abstract double learningRate(long t);
    }

    /** The state for parameters of this layout. */
    abstract Buffers create(ParamLayout layout, double[] params);

    @Override
    public final State init(ParamLayout layout, double[] params) {
        return create(layout, params);
    }

    private void run(double[] g, State state, double[] params, Context context, boolean apply) {
        Buffers s = (Buffers) state;
        long t = s.count[0];
        s.g = g;
        s.p = params;
        s.apply = apply;
        s.begin(t, context);
        s.loop.run(g.length);
        s.end(t);
        s.count[0] = t + 1;
        s.g = null;
        s.p = null;
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        run(updates, state, params, context, false);
    }

    @Override
    public void step(double[] grads, State state, double[] params, Context context) {
        run(grads, state, params, context, true);
    }

    @Override
    public double learningRate(State state) {
        Buffers s = (Buffers) state;
        return s.learningRate(s.count[0]);
    }

    @Override
    public boolean evaluatesAtParams(State state) {
        return true;
    }
}
