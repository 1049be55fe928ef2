package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Multiplies the updates by a scheduled factor. As a learning rate ({@link #learningRate}), the
 * factor is minus the scheduled rate, and the transform reports the rate in the history.
 */
final class Scale implements Transform {
    private final Hyper factor;
    private final boolean isLearningRate;

    private Scale(Hyper factor, boolean isLearningRate) {
        this.factor = factor;
        this.isLearningRate = isLearningRate;
    }

    /** Multiplies by {@code factor(t)}. */
    static Scale by(Schedule factor) {
        return new Scale(Hyper.of("scale", "factor", factor, Hyper.Range.ANY), false);
    }

    /** Multiplies by {@code -lr(t)}. */
    static Scale learningRate(Schedule lr) {
        return new Scale(Hyper.of("scaleByLearningRate", "lr", lr, Hyper.Range.NON_NEGATIVE), true);
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        return new CountState(isLearningRate ? "lr" : "scale");
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        long[] count = ((CountState) state).count;
        double f = factor.at(count[0]++);
        Vec.scale(updates, isLearningRate ? -f : f, 0, updates.length);
    }

    @Override
    public double learningRate(State state) {
        return isLearningRate ? factor.at(((CountState) state).count[0]) : Double.NaN;
    }
}
