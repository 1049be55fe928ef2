package descent.constrained;

/**
 * The nuclear-norm ball {@code {X : sum_i s_i(X) <= r}} of row-major {@code m x n} matrices. The
 * projection projects the singular values onto the l1 ball (they stay nonnegative) and keeps the
 * singular vectors; the LMO is {@code -r u_1 v_1'} for the top singular pair of the gradient.
 */
final class NuclearBall implements ConvexSet {
    private final int m;
    private final int n;
    private final double radius;

    NuclearBall(int m, int n, double radius) {
        if (m < 1 || n < 1) {
            throw new IllegalArgumentException("Sets.nuclearBall: the matrix shape must be positive, got " + m + " x " + n);
        }
        this.m = m;
        this.n = n;
        this.radius = Arg.nonNegative("Sets.nuclearBall", "radius", radius);
    }

    @Override
    public String name() {
        return "nuclearBall(" + m + " x " + n + ", " + radius + ")";
    }

    @Override
    public int dimension() {
        return m * n;
    }

    @Override
    public void project(double[] x, int offset, int length) {
        Arg.dimension(this, m * n, length);
        double[] v = new double[n * n];
        double[] s = NuclearNorm.singularValues(x, offset, m, n, v);
        double sum = 0;
        for (double si : s) {
            sum += si;
        }
        if (sum <= radius) {
            return;
        }
        double[] shrunk = s.clone();
        new L1Ball(radius).project(shrunk);
        NuclearNorm.apply(x, offset, m, n, v, NuclearNorm.ratios(s, shrunk));
    }

    @Override
    public boolean contains(double[] x, int offset, int length, double tolerance) {
        Arg.dimension(this, m * n, length);
        double sum = 0;
        for (double si : NuclearNorm.singularValues(x, offset, m, n, new double[n * n])) {
            sum += si;
        }
        return sum <= radius + tolerance;
    }

    @Override
    public boolean hasLmo() {
        return true;
    }

    @Override
    public void lmo(double[] g, double[] s, int offset, int length) {
        Arg.dimension(this, m * n, length);
        double[] v = new double[n * n];
        double[] sv = NuclearNorm.singularValues(g, offset, m, n, v);
        int top = 0;
        for (int i = 1; i < n; i++) {
            if (sv[i] > sv[top]) {
                top = i;
            }
        }
        for (int r = 0; r < m; r++) {
            double u = 0;
            for (int k = 0; k < n; k++) {
                u += g[offset + r * n + k] * v[k * n + top];
            }
            u = sv[top] > 0 ? u / sv[top] : (r == 0 ? 1 : 0);
            for (int j = 0; j < n; j++) {
                s[offset + r * n + j] = -radius * u * (sv[top] > 0 ? v[j * n + top] : (j == 0 ? 1 : 0));
            }
        }
    }
}
