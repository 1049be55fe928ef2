package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Skips a step whose incoming updates hold a NaN or an infinity: the updates become zero and the
 * inner transform's state is left as it was. The state counts skipped steps, in total and in a
 * row; {@link Minimize} records each skipped step in its history instead of failing.
 */
final class SkipNonFinite implements Transform {
    private final Transform inner;
    private final int maxConsecutive;

    SkipNonFinite(Transform inner, int maxConsecutive) {
        if (inner == null) {
            throw new IllegalArgumentException("skipNonFinite: the inner transform is null");
        }
        this.inner = inner;
        this.maxConsecutive = Hyper.checkAtLeast("skipNonFinite", "maxConsecutive", maxConsecutive, 1);
    }

    /** The state: the inner state and the counts of skipped steps. */
    static final class SkipState extends State {
        final long[] counts = longs("skipped", 2);

        SkipState() {
            super("skipNonFinite");
        }

        /** Steps skipped so far. */
        long skipped() {
            return counts[0];
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        SkipState s = new SkipState();
        s.child(inner.init(layout, params));
        return s;
    }

    private boolean skip(double[] updates, SkipState s) {
        if (Vec.allFinite(updates, 0, updates.length)) {
            s.counts[1] = 0;
            return false;
        }
        s.counts[0]++;
        if (++s.counts[1] > maxConsecutive) {
            throw new ArithmeticException("skipNonFinite: " + s.counts[1] + " steps in a row had a non-finite gradient "
                    + "(at most " + maxConsecutive + " allowed)");
        }
        java.util.Arrays.fill(updates, 0.0);
        return true;
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        SkipState s = (SkipState) state;
        if (!skip(updates, s)) {
            inner.update(updates, s.children().get(0), params, context);
        }
    }

    @Override
    public void step(double[] grads, State state, double[] params, Context context) {
        SkipState s = (SkipState) state;
        if (!skip(grads, s)) {
            inner.step(grads, s.children().get(0), params, context);
        }
    }

    @Override
    public double learningRate(State state) {
        return inner.learningRate(state.children().get(0));
    }

    @Override
    public boolean skipsNonFinite() {
        return true;
    }

    @Override
    public boolean evaluatesAtParams(State state) {
        return inner.evaluatesAtParams(state.children().get(0));
    }

    @Override
    public void evaluationPoint(State state, double[] params, double[] out) {
        inner.evaluationPoint(state.children().get(0), params, out);
    }
}
