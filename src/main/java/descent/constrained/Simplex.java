package descent.constrained;

import java.util.Arrays;

/**
 * The scaled probability simplex {@code {x >= 0, sum x = r}}. The projection is
 * {@code max(x - theta, 0)} with the threshold {@code theta} found by sorting (Duchi, Shalev-Shwartz,
 * Singer and Chandra, 2008, Figure 1): {@code O(n log n)}. The LMO is {@code r e_i} at the
 * smallest {@code g_i}.
 */
final class Simplex implements ConvexSet {
    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[16]);

    private final double radius;

    Simplex(double radius) {
        this.radius = Arg.positive("Sets.simplex", "radius", radius);
    }

    @Override
    public String name() {
        return "simplex(" + radius + ")";
    }

    @Override
    public int dimension() {
        return -1;
    }

    /**
     * The threshold {@code theta} with {@code sum_i max(v_i - theta, 0) = r}, for {@code v_i = x_i}
     * or, if {@code abs}, {@code v_i = |x_i|}.
     */
    static double threshold(double[] x, int offset, int length, double r, boolean abs) {
        double[] u = SCRATCH.get();
        if (u.length < length) {
            u = new double[Math.max(length, 2 * u.length)];
            SCRATCH.set(u);
        }
        for (int i = 0; i < length; i++) {
            double v = x[offset + i];
            u[i] = abs ? Math.abs(v) : v;
        }
        Arrays.sort(u, 0, length);
        double sum = 0;
        double theta = 0;
        for (int j = 1; j <= length; j++) {
            double uj = u[length - j];
            sum += uj;
            double t = (sum - r) / j;
            if (uj - t > 0) {
                theta = t;
            }
        }
        return theta;
    }

    @Override
    public void project(double[] x, int offset, int length) {
        if (length == 0) {
            throw new IllegalArgumentException(name() + ": the simplex in dimension 0 is empty");
        }
        double theta = threshold(x, offset, length, radius, false);
        for (int i = 0; i < length; i++) {
            x[offset + i] = Math.max(x[offset + i] - theta, 0);
        }
    }

    @Override
    public boolean contains(double[] x, int offset, int length, double tolerance) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            double v = x[offset + i];
            if (!(v >= -tolerance)) {
                return false;
            }
            sum += v;
        }
        return Math.abs(sum - radius) <= tolerance;
    }

    @Override
    public boolean hasLmo() {
        return true;
    }

    @Override
    public void lmo(double[] g, double[] s, int offset, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            if (g[offset + i] < g[offset + best]) {
                best = i;
            }
        }
        Arrays.fill(s, offset, offset + length, 0);
        s[offset + best] = radius;
    }
}
