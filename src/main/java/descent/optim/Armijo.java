package descent.optim;

/**
 * Backtracking until the Armijo condition holds (see {@link LineSearch#armijo(double, int)}): each
 * new trial minimizes the quadratic through {@code phi(0)}, {@code phi'(0)} and the rejected
 * {@code phi(t)}, kept within {@code [0.1 t, 0.5 t]}; a non-finite trial halves the step.
 */
final class Armijo implements LineSearch {
    private final double c1;
    private final int maxEvaluations;

    Armijo(double c1, int maxEvaluations) {
        this.c1 = Hyper.check("LineSearch.armijo", "c1", c1, Hyper.Range.UNIT_OPEN);
        this.maxEvaluations = Hyper.checkAtLeast("LineSearch.armijo", "maxEvaluations", maxEvaluations, 1);
    }

    @Override
    public double search(Ray ray, double initialStep, double maxStep) {
        LineSearch.check("armijo", ray, initialStep);
        double f0 = ray.value0();
        double s0 = ray.slope0();
        double t = Math.min(initialStep, maxStep);
        for (int k = 0; k < maxEvaluations; k++) {
            double f = ray.value(t);
            if (f <= f0 + c1 * t * s0) {
                return t;
            }
            double next = 0.5 * t;
            if (Double.isFinite(f)) {
                double q = -s0 * t * t / (2 * (f - f0 - s0 * t));
                if (q > 0) {
                    next = Math.min(Math.max(q, 0.1 * t), 0.5 * t);
                }
            }
            t = next;
        }
        return 0;
    }

    @Override
    public String toString() {
        return "armijo(c1=" + c1 + ")";
    }
}
