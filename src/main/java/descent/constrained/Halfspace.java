package descent.constrained;

/**
 * The halfspace {@code <a, x> <= b} or the hyperplane {@code <a, x> = b}: the projection moves
 * {@code x} along {@code a} by {@code (<a, x> - b) / |a|^2} (for the halfspace only when the
 * inequality is violated).
 */
final class Halfspace implements ConvexSet {
    private final double[] a;
    private final double b;
    private final double aa;
    private final boolean equality;

    Halfspace(double[] a, double b, boolean equality) {
        String owner = equality ? "Sets.hyperplane" : "Sets.halfspace";
        this.a = Arg.finite(owner, "a", a);
        if (!Double.isFinite(b)) {
            throw new IllegalArgumentException(owner + ": b must be finite, got " + b);
        }
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        if (s == 0) {
            throw new IllegalArgumentException(owner + ": the normal a is zero, so the set is empty or everything");
        }
        this.b = b;
        this.aa = s;
        this.equality = equality;
    }

    @Override
    public String name() {
        return (equality ? "hyperplane" : "halfspace") + "(n=" + a.length + ", b=" + b + ")";
    }

    @Override
    public int dimension() {
        return a.length;
    }

    private double residual(double[] x, int offset) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * x[offset + i];
        }
        return s - b;
    }

    @Override
    public void project(double[] x, int offset, int length) {
        Arg.dimension(this, a.length, length);
        double r = residual(x, offset);
        if (equality || r > 0) {
            double k = r / aa;
            for (int i = 0; i < length; i++) {
                x[offset + i] -= k * a[i];
            }
        }
    }

    @Override
    public boolean contains(double[] x, int offset, int length, double tolerance) {
        Arg.dimension(this, a.length, length);
        double r = residual(x, offset);
        return equality ? Math.abs(r) <= tolerance : r <= tolerance;
    }
}
