package descent.constrained;

/**
 * The second-order (Lorentz) cone {@code {(u, t) : |u| <= t}}, with {@code t} the last element.
 * The projection of {@code (u, t)} is itself inside the cone, 0 when {@code |u| <= -t}, and
 * {@code ((|u| + t) / 2) (u / |u|, 1)} otherwise (Boyd and Vandenberghe, Exercise 8.3).
 */
final class SecondOrderCone implements ConvexSet {
    @Override
    public String name() {
        return "secondOrderCone";
    }

    @Override
    public int dimension() {
        return -1;
    }

    private static double normU(double[] x, int offset, int length) {
        double s = 0;
        for (int i = 0; i < length - 1; i++) {
            s += x[offset + i] * x[offset + i];
        }
        return Math.sqrt(s);
    }

    @Override
    public void project(double[] x, int offset, int length) {
        if (length < 1) {
            throw new IllegalArgumentException("secondOrderCone: needs at least the element t, got an empty vector");
        }
        double t = x[offset + length - 1];
        double nu = normU(x, offset, length);
        if (nu <= t) {
            return;
        }
        if (nu <= -t) {
            java.util.Arrays.fill(x, offset, offset + length, 0);
            return;
        }
        double k = (nu + t) / 2;
        for (int i = 0; i < length - 1; i++) {
            x[offset + i] *= k / nu;
        }
        x[offset + length - 1] = k;
    }

    @Override
    public boolean contains(double[] x, int offset, int length, double tolerance) {
        return normU(x, offset, length) <= x[offset + length - 1] + tolerance;
    }
}
