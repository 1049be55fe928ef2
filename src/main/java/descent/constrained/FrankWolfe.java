package descent.constrained;

import descent.optim.Iterate;
import descent.optim.Method;
import descent.optim.State;
import descent.optim.Stop;
import descent.tensor.ParamLayout;

/**
 * The Frank–Wolfe (conditional gradient) method over a bounded {@link ConvexSet} with a linear
 * minimization oracle: {@code s = LMO(grad f(x))}, {@code d = s - x},
 * {@code x+ = x + gamma d}. Its measure is the Frank–Wolfe gap
 * {@code gap(x) = <grad f(x), x - s> = max_{s in C} <grad f(x), x - s>}, which bounds
 * {@code f(x) - f*} from above for convex {@code f}; the run stops when it is at most the
 * tolerance. Step sizes:
 * <ul>
 * <li>{@link ConstrainedMethods.FwStep#OPEN_LOOP}: {@code gamma_k = 2 / (k + 2)}, with
 * {@code f(x_k) - f* <= 2 L diam^2 / (k + 2)} (Jaggi, 2013);</li>
 * <li>{@link ConstrainedMethods.FwStep#SHORT_STEP}: {@code gamma = min(gap / (L |d|^2), 1)} for
 * a given Lipschitz constant {@code L} of the gradient;</li>
 * <li>{@link ConstrainedMethods.FwStep#ADAPTIVE}: the short step with {@code L} estimated by
 * backtracking until {@code f(x + gamma d) <= f(x) - gamma gap + gamma^2 L |d|^2 / 2}, then
 * lowered by 0.9 for the next iteration (Pedregosa, Negiar, Askari and Jaggi, 2020), which needs
 * no constant and is exact on quadratics.</li>
 * </ul>
 * The start point is projected onto the set.
 */
final class FrankWolfe implements Method {
    private final ConvexSet set;
    private final ConstrainedMethods.FwStep rule;
    private final double lipschitz;
    private final double tolerance;

    FrankWolfe(ConvexSet set, ConstrainedMethods.FwStep rule, double lipschitz, double tolerance) {
        if (set == null || rule == null) {
            throw new IllegalArgumentException("frankWolfe: the set and the step rule are required");
        }
        if (!set.hasLmo()) {
            throw new IllegalArgumentException("frankWolfe: " + set.name() + " has no linear minimization oracle (it is "
                    + "unbounded or its oracle is not cheap); use ConstrainedMethods.projectedGradient for it");
        }
        this.set = set;
        this.rule = rule;
        this.lipschitz = rule == ConstrainedMethods.FwStep.OPEN_LOOP ? 1 : Arg.positive("frankWolfe", "lipschitz", lipschitz);
        this.tolerance = Arg.nonNegative("frankWolfe", "tolerance", tolerance);
    }

    @Override
    public String name() {
        return "frankWolfe(" + set.name() + ", " + rule.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    private static final class FwState extends State {
        final double[] lipschitz = doubles("lipschitz", 1);
        final long[] iteration = longs("iteration", 1);
        final double[] s;
        final double[] y;
        final double[] gy;

        FwState(int n) {
            super("frankWolfe");
            s = new double[n];
            y = new double[n];
            gy = new double[n];
        }
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireUnbounded(name());
        int n = start.dimension();
        Arg.dimension(set, set.dimension(), n);
        FwState st = new FwState(n);
        st.lipschitz[0] = lipschitz;
        Starts.feasible(set, start, st.y, st.gy);
        return st;
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        FwState st = (FwState) state;
        double[] x = it.x();
        double[] g = it.gradient();
        int n = x.length;
        double[] s = st.s;
        set.lmo(g, s);
        double gap = 0;
        double dd = 0;
        for (int i = 0; i < n; i++) {
            double d = s[i] - x[i];
            gap -= g[i] * d;
            dd += d * d;
        }
        it.measure(gap);
        if (gap <= tolerance) {
            return Stop.Reason.STATIONARY;
        }
        long k = st.iteration[0]++;
        double f = it.value();
        double gamma;
        double fy;
        switch (rule) {
            case OPEN_LOOP:
                gamma = 2.0 / (k + 2);
                fy = move(it, st, gamma);
                break;
            case SHORT_STEP:
                gamma = Math.min(gap / (st.lipschitz[0] * dd), 1);
                fy = move(it, st, gamma);
                break;
            default:
                double l = st.lipschitz[0] * 0.9;
                int trial = 0;
                while (true) {
                    gamma = Math.min(gap / (l * dd), 1);
                    fy = move(it, st, gamma);
                    if (fy <= f - gamma * gap + 0.5 * gamma * gamma * l * dd + 1e-14 * Math.abs(f)) {
                        break;
                    }
                    if (++trial == 60) {
                        return Stop.Reason.LINE_SEARCH_FAILED;
                    }
                    l *= 2;
                }
                st.lipschitz[0] = l;
                break;
        }
        if (!Double.isFinite(fy)) {
            throw new IllegalStateException(name() + ": the objective is " + fy + " at a point of the set (step " + gamma + ")");
        }
        it.stepLength(gamma);
        it.moveTo(st.y, fy, st.gy);
        return null;
    }

    private static double move(Iterate it, FwState st, double gamma) {
        double[] x = it.x();
        for (int i = 0; i < x.length; i++) {
            st.y[i] = x[i] + gamma * (st.s[i] - x[i]);
        }
        return it.valueAndGrad(st.y, st.gy);
    }
}
