package descent.constrained;

import descent.optim.Iterate;
import descent.optim.Method;
import descent.optim.State;
import descent.optim.Stop;
import descent.tensor.ParamLayout;

/**
 * Projected gradient descent with backtracking along the projection arc: {@code x(t) = P(x - t g)},
 * and the first {@code t} of {@code t0, t0 / 2, t0 / 4, ...} with
 * {@code f(x(t)) <= f(x) + <g, x(t) - x> + |x(t) - x|^2 / (2t)} is taken (the sufficient decrease
 * of Beck and Teboulle, 2009, which every {@code t <= 1 / L} meets and which implies the Armijo
 * condition {@code f(x(t)) <= f(x) - |x(t) - x|^2 / (2t)} along the arc; Bertsekas, Nonlinear
 * Programming, Section 2.3). {@code t0} is twice the last accepted step, so the step adapts up as
 * well as down; where differences of {@code f} are lost to rounding the test is made on gradients
 * ({@code <grad f(x(t)) - g, x(t) - x> <= |x(t) - x|^2 / t}). The start point is projected onto the set.
 * The method's measure is the norm of the projected gradient step {@code |x - P(x - g)|}, zero
 * exactly at a stationary point; the run stops when it is at most the tolerance.
 */
final class ProjectedGradient implements Method {
    private final ConvexSet set;
    private final double initialStep;
    private final double tolerance;

    ProjectedGradient(ConvexSet set, double initialStep, double tolerance) {
        if (set == null) {
            throw new IllegalArgumentException("projectedGradient: the set is null");
        }
        this.set = set;
        this.initialStep = Arg.positive("projectedGradient", "initialStep", initialStep);
        this.tolerance = Arg.nonNegative("projectedGradient", "tolerance", tolerance);
    }

    @Override
    public String name() {
        return "projectedGradient(" + set.name() + ")";
    }

    private static final class PgState extends State {
        final double[] step = doubles("step", 1);
        final double[] y;
        final double[] gy;

        PgState(int n, double t0) {
            super("projectedGradient");
            step[0] = t0;
            y = new double[n];
            gy = new double[n];
        }
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireUnbounded(name());
        int n = start.dimension();
        Arg.dimension(set, set.dimension(), n);
        PgState st = new PgState(n, initialStep);
        Starts.feasible(set, start, st.y, st.gy);
        return st;
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        PgState st = (PgState) state;
        double[] x = it.x();
        double[] g = it.gradient();
        int n = x.length;
        double[] y = st.y;
        double measure = Starts.projectedStep(set, x, g, 1, y);
        it.measure(measure);
        if (measure <= tolerance) {
            return Stop.Reason.STATIONARY;
        }
        double f = it.value();
        double t = 2 * st.step[0];
        for (int trial = 0; trial < 60; trial++) {
            for (int i = 0; i < n; i++) {
                y[i] = x[i] - t * g[i];
            }
            set.project(y);
            if (java.util.Arrays.equals(x, y)) {
                return Stop.Reason.NO_PROGRESS;
            }
            double fy = it.valueAndGrad(y, st.gy);
            if (Starts.sufficientDecrease(f, fy, g, st.gy, x, y, t)) {
                st.step[0] = t;
                it.stepLength(t);
                it.moveTo(y, fy, st.gy);
                return null;
            }
            t *= 0.5;
        }
        return Stop.Reason.LINE_SEARCH_FAILED;
    }
}
