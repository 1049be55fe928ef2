package descent.bilevel;

/** The truncated Neumann series as Richardson iteration, {@code w+ = w + alpha (b - A w)} from {@code w = 0}. */
final class Neumann implements LinearSolver {
    private final double alpha;
    private final int terms;

    Neumann(double alpha, int terms) {
        if (!Double.isFinite(alpha) || alpha == 0) {
            throw new IllegalArgumentException("LinearSolver.neumann: alpha must be finite and nonzero, got " + alpha);
        }
        if (terms < 1) {
            throw new IllegalArgumentException("LinearSolver.neumann: terms must be >= 1, got " + terms);
        }
        this.alpha = alpha;
        this.terms = terms;
    }

    @Override
    public String name() {
        return "neumann(alpha=" + alpha + ", terms=" + terms + ")";
    }

    @Override
    public double[] solve(LinearOperator a, double[] b, String who) {
        int n = b.length;
        double[] w = new double[n];
        double[] aw = new double[n];
        double b2 = Krylov.norm(b);
        for (int k = 0; k < terms; k++) {
            double r2 = 0;
            for (int i = 0; i < n; i++) {
                double r = b[i] - aw[i];
                w[i] += alpha * r;
                r2 += r * r;
            }
            double r = Math.sqrt(r2);
            if (!Double.isFinite(r) || r > 1e6 * Math.max(b2, Double.MIN_NORMAL)) {
                throw new ConvergenceException(who + ": the Neumann series diverges (residual " + r + " after " + k + " terms, from "
                        + b2 + "): the spectral radius of I - alpha A is at least 1 for alpha = " + alpha, k, r);
            }
            if (k + 1 < terms) {
                a.apply(w, aw);
            }
        }
        return w;
    }
}
