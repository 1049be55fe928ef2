package descent.constrained;

/**
 * The box {@code lo <= x <= hi}, elementwise, with per-element bounds or one pair for every
 * element (which also gives the nonnegative orthant and the infinity-norm ball). The projection
 * clips; the LMO takes {@code lo_i} where {@code g_i > 0} and {@code hi_i} elsewhere.
 */
final class Box implements ConvexSet {
    private final String name;
    private final double[] lower;
    private final double[] upper;
    private final double lo;
    private final double hi;

    Box(String name, double[] lower, double[] upper) {
        this.name = name;
        this.lower = lower;
        this.upper = upper;
        this.lo = Double.NaN;
        this.hi = Double.NaN;
        for (int i = 0; i < lower.length; i++) {
            check(name, "element " + i + " ", lower[i], upper[i]);
        }
    }

    Box(String name, double lo, double hi) {
        this.name = name;
        this.lower = null;
        this.upper = null;
        this.lo = lo;
        this.hi = hi;
        check(name, "", lo, hi);
    }

    private static void check(String name, String where, double l, double u) {
        if (Double.isNaN(l) || Double.isNaN(u) || l == Double.POSITIVE_INFINITY || u == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException(name + ": " + where + "has bounds [" + l + ", " + u + "], which no finite value meets");
        }
        if (l > u) {
            throw new IllegalArgumentException(name + ": the set is empty: " + where + "lower bound " + l + " > upper bound " + u);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return lower == null ? -1 : lower.length;
    }

    @Override
    public void project(double[] x, int offset, int length) {
        Arg.dimension(this, dimension(), length);
        for (int i = 0; i < length; i++) {
            double l = lower == null ? lo : lower[i];
            double u = upper == null ? hi : upper[i];
            x[offset + i] = Math.min(Math.max(x[offset + i], l), u);
        }
    }

    @Override
    public boolean contains(double[] x, int offset, int length, double tolerance) {
        Arg.dimension(this, dimension(), length);
        for (int i = 0; i < length; i++) {
            double l = lower == null ? lo : lower[i];
            double u = upper == null ? hi : upper[i];
            double v = x[offset + i];
            if (!(v >= l - tolerance && v <= u + tolerance)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean hasLmo() {
        if (lower == null) {
            return Double.isFinite(lo) && Double.isFinite(hi);
        }
        for (int i = 0; i < lower.length; i++) {
            if (!Double.isFinite(lower[i]) || !Double.isFinite(upper[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void lmo(double[] g, double[] s, int offset, int length) {
        if (!hasLmo()) {
            ConvexSet.super.lmo(g, s, offset, length);
        }
        Arg.dimension(this, dimension(), length);
        for (int i = 0; i < length; i++) {
            double l = lower == null ? lo : lower[i];
            double u = upper == null ? hi : upper[i];
            s[offset + i] = g[offset + i] > 0 ? l : u;
        }
    }
}
