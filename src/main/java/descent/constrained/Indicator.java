package descent.constrained;

/** The indicator of a convex set: 0 inside, {@code +inf} outside; its prox is the projection. */
final class Indicator implements Penalty {
    private final ConvexSet set;

    Indicator(ConvexSet set) {
        this.set = set;
    }

    @Override
    public String name() {
        return "indicator(" + set.name() + ")";
    }

    @Override
    public double value(double[] x) {
        return set.contains(x, 1e-9 * (1 + maxAbs(x))) ? 0 : Double.POSITIVE_INFINITY;
    }

    private static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Override
    public void prox(double[] v, double t) {
        set.project(v);
    }
}
