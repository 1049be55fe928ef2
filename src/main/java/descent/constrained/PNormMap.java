package descent.constrained;

/**
 * {@code h(x) = |x|_p^2 / 2} on {@code R^n}, {@code 1 < p <= 2}. Its gradient is
 * {@code grad h(x)_i = sign(x_i) |x_i|^(p-1) |x|_p^(2-p)}, and the inverse map is the same formula
 * with the dual exponent {@code q = p / (p - 1)}, so the step is
 * {@code next = grad h*(grad h(x) - eta g)}. The measure is {@code |g|}, the dual gradient
 * mapping {@code |grad h(x) - grad h(next)| / eta} of an unconstrained step (the primal one,
 * {@code |x - next| / eta}, vanishes on small coordinates, where {@code h} curves steeply, long
 * before the gradient does).
 */
final class PNormMap implements MirrorMap {
    private final double p;
    private final double q;

    PNormMap(double p) {
        if (!(p > 1 && p <= 2)) {
            throw new IllegalArgumentException("MirrorMaps.pNorm: p must be in (1, 2], got " + p);
        }
        this.p = p;
        this.q = p / (p - 1);
    }

    @Override
    public String name() {
        return "pNorm(" + p + ")";
    }

    @Override
    public ConvexSet domain() {
        return null;
    }

    /** {@code out = grad (|.|_r^2 / 2)(v)}, written as {@code sign(v_i) (|v_i| / |v|_r)^(r-1) |v|_r} so no power overflows. */
    private static void gradient(double r, double[] v, double[] out) {
        double norm = norm(r, v);
        if (norm == 0) {
            java.util.Arrays.fill(out, 0);
            return;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.signum(v[i]) * Math.pow(Math.abs(v[i]) / norm, r - 1) * norm;
        }
    }

    private static double norm(double r, double[] v) {
        double m = 0;
        for (double vi : v) {
            m = Math.max(m, Math.abs(vi));
        }
        if (m == 0) {
            return 0;
        }
        double s = 0;
        for (double vi : v) {
            s += Math.pow(Math.abs(vi) / m, r);
        }
        return m * Math.pow(s, 1 / r);
    }

    @Override
    public void step(double[] x, double[] g, double eta, double[] next) {
        double[] theta = new double[x.length];
        gradient(p, x, theta);
        for (int i = 0; i < x.length; i++) {
            theta[i] -= eta * g[i];
        }
        gradient(q, theta, next);
    }

    @Override
    public double divergence(double[] y, double[] x) {
        double[] gx = new double[x.length];
        gradient(p, x, gx);
        double ny = norm(p, y);
        double nx = norm(p, x);
        double inner = 0;
        for (int i = 0; i < y.length; i++) {
            inner += gx[i] * (y[i] - x[i]);
        }
        return (ny * ny - nx * nx) / 2 - inner;
    }

    @Override
    public double measure(double[] x, double[] g, double[] next, double eta) {
        double s = 0;
        for (double gi : g) {
            s += gi * gi;
        }
        return Math.sqrt(s);
    }
}
