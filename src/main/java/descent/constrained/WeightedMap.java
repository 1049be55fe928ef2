package descent.constrained;

/**
 * {@code h(x) = sum w_i x_i^2 / 2} with weights {@code w > 0}, on a box or on all of {@code R^n}:
 * the divergence is {@code sum w_i (y_i - x_i)^2 / 2} and the step
 * {@code next_i = clip(x_i - eta g_i / w_i, lower_i, upper_i)}, since the Bregman projection of a
 * separable map onto a box is separable. The measure is the dual gradient mapping
 * {@code |W (x - next)| / eta}, which is {@code |g|} where no bound is active.
 */
final class WeightedMap implements MirrorMap {
    private final double[] w;
    private final ConvexSet box;

    WeightedMap(double[] w, double[] lower, double[] upper) {
        String who = "MirrorMaps.weighted";
        this.w = Arg.finite(who, "w", w);
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] > 0)) {
                throw new IllegalArgumentException(who + ": w[" + i + "] must be > 0, got " + w[i]);
            }
        }
        if (lower != null && (lower.length != w.length || upper.length != w.length)) {
            throw new IllegalArgumentException(who + ": " + w.length + " weights but bounds of " + lower.length + " and "
                    + upper.length + " elements");
        }
        this.box = lower == null ? null : Sets.box(lower, upper);
    }

    @Override
    public String name() {
        return box == null ? "weighted" : "weighted(" + box.name() + ")";
    }

    @Override
    public ConvexSet domain() {
        return box;
    }

    @Override
    public void checkStart(double[] x) {
        if (x.length != w.length) {
            throw new IllegalArgumentException(name() + ": a start of " + x.length + " elements for " + w.length + " weights");
        }
    }

    @Override
    public void step(double[] x, double[] g, double eta, double[] next) {
        for (int i = 0; i < x.length; i++) {
            next[i] = x[i] - eta * g[i] / w[i];
        }
        if (box != null) {
            box.project(next);
        }
    }

    @Override
    public double divergence(double[] y, double[] x) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double d = y[i] - x[i];
            s += w[i] * d * d;
        }
        return s / 2;
    }

    @Override
    public double measure(double[] x, double[] g, double[] next, double eta) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = w[i] * (x[i] - next[i]);
            s += d * d;
        }
        return Math.sqrt(s) / eta;
    }
}
