package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Scales the updates by a factor that drops when the loss stops improving, with the rules of
 * torch's {@code ReduceLROnPlateau} (mode "min", relative threshold): the loss of each step (the
 * {@link Context} value) improves on the best so far if it is below {@code best (1 - threshold)};
 * after more than {@code patience} steps without improvement the factor is multiplied by
 * {@code factor} (not below {@code minScale}, and only if it changes by more than 1e-8), then
 * {@code cooldown} steps pass before bad steps count again. The factor starts at 1; put this
 * transform after the learning-rate scaling, so lr times the factor is torch's learning rate.
 * Each update uses the factor in force and then feeds the loss, as torch does when its scheduler
 * steps after the optimizer.
 */
final class ReduceOnPlateau implements Transform {
    private static final double EPS = 1e-8;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final int cooldown;
    private final double minScale;

    ReduceOnPlateau(double factor, int patience, double threshold, int cooldown, double minScale) {
        this.factor = Hyper.check("reduceOnPlateau", "factor", factor, Hyper.Range.UNIT);
        this.patience = Hyper.checkAtLeast("reduceOnPlateau", "patience", patience, 0);
        this.threshold = Hyper.check("reduceOnPlateau", "threshold", threshold, Hyper.Range.UNIT);
        this.cooldown = Hyper.checkAtLeast("reduceOnPlateau", "cooldown", cooldown, 0);
        this.minScale = Hyper.check("reduceOnPlateau", "minScale", minScale, Hyper.Range.UNIT_CLOSED);
    }

    private static final class PlateauState extends State {
        final double[] values = doubles("scale,best", 2);
        final long[] counters = longs("bad,cooldown", 2);

        PlateauState() {
            super("reduceOnPlateau");
            values[0] = 1;
            values[1] = Double.POSITIVE_INFINITY;
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        return new PlateauState();
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        PlateauState s = (PlateauState) state;
        double scale = s.values[0];
        if (scale != 1) {
            Vec.scale(updates, scale, 0, updates.length);
        }
        double loss = context.value("reduceOnPlateau");
        if (loss < s.values[1] * (1 - threshold)) {
            s.values[1] = loss;
            s.counters[0] = 0;
        } else {
            s.counters[0]++;
        }
        if (s.counters[1] > 0) {
            s.counters[1]--;
            s.counters[0] = 0;
        }
        if (s.counters[0] > patience) {
            double reduced = Math.max(scale * factor, minScale);
            if (scale - reduced > EPS) {
                s.values[0] = reduced;
            }
            s.counters[1] = cooldown;
            s.counters[0] = 0;
        }
    }

    @Override
    public double learningRate(State state) {
        return ((PlateauState) state).values[0];
    }
}
