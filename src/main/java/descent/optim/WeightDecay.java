package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Weight decay as a transform. Coupled (L2): {@code u += wd p}, placed before a preconditioner so
 * the decay is the gradient of {@code wd |p|^2 / 2}. Decoupled (Loshchilov and Hutter): {@code u
 * -= rate(t) p}, placed after the learning-rate scaling, so the decay does not pass through the
 * preconditioner; AdamW is decoupled decay with {@code rate = lr * wd}.
 */
final class WeightDecay implements Transform {
    private final Hyper rate;
    private final boolean decoupled;

    WeightDecay(Schedule rate, boolean decoupled) {
        this.rate = Hyper.of(decoupled ? "decoupledWeightDecay" : "weightDecay", decoupled ? "rate" : "weightDecay", rate,
                Hyper.Range.NON_NEGATIVE);
        this.decoupled = decoupled;
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        return new CountState(decoupled ? "decoupledWeightDecay" : "weightDecay");
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        long[] count = ((CountState) state).count;
        double r = rate.at(count[0]++);
        if (r != 0) {
            Vec.axpy(decoupled ? -r : r, params, updates, 0, updates.length);
        }
    }
}
