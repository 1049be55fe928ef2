package descent.constrained;

/**
 * The negative entropy on the simplex {@code {x >= 0, sum x = r}}: the step is exponentiated
 * gradient (Kivinen and Warmuth, 1997; Beck and Teboulle, 2003),
 * {@code next_i = r x_i exp(-eta g_i) / sum_j x_j exp(-eta g_j)} (computed with {@code g - min g}
 * so the exponentials cannot overflow), and the divergence
 * {@code D(y, x) = sum y_i log(y_i / x_i)} (with {@code 0 log 0 = 0}) since both sum to {@code r}.
 * Iterates stay in the relative interior, so a start must have every element positive. For an
 * objective whose gradient is {@code L}-Lipschitz from the l1 to the l-infinity norm,
 * {@code eta = 1 / (r L)} makes every step a descent step. The measure is the Frank–Wolfe gap
 * {@code <g, x> - r min_i g_i}, an upper bound on {@code f(x) - f*} for convex {@code f}.
 */
final class EntropyMap implements MirrorMap {
    private final Simplex set;
    private final double radius;

    EntropyMap(double radius) {
        this.set = new Simplex(radius);
        this.radius = radius;
    }

    @Override
    public String name() {
        return "entropy(" + set.name() + ")";
    }

    @Override
    public ConvexSet domain() {
        return set;
    }

    @Override
    public void checkStart(double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0)) {
                throw new IllegalArgumentException("the start point (projected onto the simplex) has element " + i + " = " + x[i]
                        + "; exponentiated gradient needs every element > 0 (start from the uniform point)");
            }
        }
    }

    @Override
    public void step(double[] x, double[] g, double eta, double[] next) {
        int n = x.length;
        double gmin = Double.POSITIVE_INFINITY;
        for (double gi : g) {
            gmin = Math.min(gmin, gi);
        }
        double z = 0;
        for (int i = 0; i < n; i++) {
            next[i] = x[i] * Math.exp(-eta * (g[i] - gmin));
            z += next[i];
        }
        for (int i = 0; i < n; i++) {
            next[i] *= radius / z;
        }
    }

    @Override
    public double divergence(double[] y, double[] x) {
        double d = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] > 0) {
                d += y[i] * Math.log(y[i] / x[i]);
            }
        }
        return d;
    }

    @Override
    public double measure(double[] x, double[] g, double[] next, double eta) {
        double gx = 0;
        double gmin = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            gx += g[i] * x[i];
            gmin = Math.min(gmin, g[i]);
        }
        return gx - radius * gmin;
    }
}
