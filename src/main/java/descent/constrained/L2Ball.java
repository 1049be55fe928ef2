package descent.constrained;

/**
 * The Euclidean ball {@code |x - c| <= r}: the projection scales {@code x - c} back to the sphere
 * when it lies outside; the LMO is {@code c - r g / |g|}.
 */
final class L2Ball implements ConvexSet {
    private final double radius;
    private final double[] center;

    L2Ball(double radius, double[] center) {
        this.radius = Arg.nonNegative("Sets.l2Ball", "radius", radius);
        this.center = center;
    }

    @Override
    public String name() {
        return "l2Ball(" + radius + ")";
    }

    @Override
    public int dimension() {
        return center == null ? -1 : center.length;
    }

    private double c(int i) {
        return center == null ? 0 : center[i];
    }

    private double distance(double[] x, int offset, int length) {
        double s = 0;
        for (int i = 0; i < length; i++) {
            double d = x[offset + i] - c(i);
            s += d * d;
        }
        return Math.sqrt(s);
    }

    @Override
    public void project(double[] x, int offset, int length) {
        Arg.dimension(this, dimension(), length);
        double d = distance(x, offset, length);
        if (d > radius) {
            double k = radius / d;
            for (int i = 0; i < length; i++) {
                x[offset + i] = c(i) + k * (x[offset + i] - c(i));
            }
        }
    }

    @Override
    public boolean contains(double[] x, int offset, int length, double tolerance) {
        Arg.dimension(this, dimension(), length);
        return distance(x, offset, length) <= radius + tolerance;
    }

    @Override
    public boolean hasLmo() {
        return true;
    }

    @Override
    public void lmo(double[] g, double[] s, int offset, int length) {
        Arg.dimension(this, dimension(), length);
        double n = 0;
        for (int i = 0; i < length; i++) {
            n += g[offset + i] * g[offset + i];
        }
        n = Math.sqrt(n);
        for (int i = 0; i < length; i++) {
            s[offset + i] = c(i) - (n > 0 ? radius * g[offset + i] / n : 0);
        }
    }
}
