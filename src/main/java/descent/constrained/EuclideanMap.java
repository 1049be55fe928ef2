package descent.constrained;

/**
 * {@code h(x) = |x|^2 / 2}, on a {@link ConvexSet} or on all of {@code R^n}: the divergence is
 * {@code |y - x|^2 / 2} and the step {@code P(x - eta g)}.
 */
final class EuclideanMap implements MirrorMap {
    private final ConvexSet set;

    EuclideanMap(ConvexSet set) {
        this.set = set;
    }

    @Override
    public String name() {
        return set == null ? "euclidean" : "euclidean(" + set.name() + ")";
    }

    @Override
    public ConvexSet domain() {
        return set;
    }

    @Override
    public void step(double[] x, double[] g, double eta, double[] next) {
        for (int i = 0; i < x.length; i++) {
            next[i] = x[i] - eta * g[i];
        }
        if (set != null) {
            set.project(next);
        }
    }

    @Override
    public double divergence(double[] y, double[] x) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double d = y[i] - x[i];
            s += d * d;
        }
        return s / 2;
    }
}
