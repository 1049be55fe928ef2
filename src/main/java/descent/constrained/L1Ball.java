package descent.constrained;

/**
 * The l1 ball {@code |x|_1 <= r}: a point outside is projected by soft thresholding,
 * {@code sign(x) max(|x| - theta, 0)}, with the threshold of the projection of {@code |x|} onto
 * the simplex of radius {@code r} (Duchi et al., 2008, Section 4). The LMO is
 * {@code -r sign(g_i) e_i} at the largest {@code |g_i|}.
 */
final class L1Ball implements ConvexSet {
    private final double radius;

    L1Ball(double radius) {
        this.radius = Arg.nonNegative("Sets.l1Ball", "radius", radius);
    }

    @Override
    public String name() {
        return "l1Ball(" + radius + ")";
    }

    @Override
    public int dimension() {
        return -1;
    }

    /** {@code |x|_1}, in four independent partial sums so the additions overlap instead of waiting on one another. */
    private static double norm1(double[] x, int offset, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            s0 += Math.abs(x[offset + i]);
            s1 += Math.abs(x[offset + i + 1]);
            s2 += Math.abs(x[offset + i + 2]);
            s3 += Math.abs(x[offset + i + 3]);
        }
        for (; i < length; i++) {
            s0 += Math.abs(x[offset + i]);
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void project(double[] x, int offset, int length) {
        if (norm1(x, offset, length) <= radius) {
            return;
        }
        double theta = radius == 0 ? Double.POSITIVE_INFINITY : Simplex.threshold(x, offset, length, radius, true);
        for (int i = 0; i < length; i++) {
            double v = x[offset + i];
            x[offset + i] = Math.max(v - theta, 0) + Math.min(v + theta, 0);
        }
    }

    @Override
    public boolean contains(double[] x, int offset, int length, double tolerance) {
        return norm1(x, offset, length) <= radius + tolerance;
    }

    @Override
    public boolean hasLmo() {
        return true;
    }

    @Override
    public void lmo(double[] g, double[] s, int offset, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            if (Math.abs(g[offset + i]) > Math.abs(g[offset + best])) {
                best = i;
            }
        }
        java.util.Arrays.fill(s, offset, offset + length, 0);
        s[offset + best] = g[offset + best] > 0 ? -radius : radius;
    }
}
