package descent.constrained;

import descent.optim.Iterate;
import descent.optim.Method;
import descent.optim.State;
import descent.optim.Stop;
import descent.tensor.ParamLayout;

/**
 * Mirror descent with the entropy on the simplex {@code {x >= 0, sum x = r}}: exponentiated
 * gradient (Kivinen and Warmuth, 1997; Beck and Teboulle, 2003),
 * {@code x+_i = r x_i exp(-eta g_i) / sum_j x_j exp(-eta g_j)}, the minimizer of
 * {@code <g, y> + KL(y, x) / eta} over the simplex. Iterates stay in the relative interior. The
 * step {@code eta} is fixed; for an objective whose gradient is {@code L}-Lipschitz from the l1
 * to the l-infinity norm, {@code eta = 1 / (r L)} makes every step a descent step. The start point
 * must lie in the relative interior (it is projected onto the simplex, and refused if an element is
 * then 0). The measure is the Frank–Wolfe gap {@code <g, x> - r min_i g_i}.
 */
final class ExponentiatedGradient implements Method {
    private final Simplex set;
    private final double radius;
    private final double eta;
    private final double tolerance;

    ExponentiatedGradient(double radius, double eta, double tolerance) {
        this.set = new Simplex(radius);
        this.radius = radius;
        this.eta = Arg.positive("exponentiatedGradient", "eta", eta);
        this.tolerance = Arg.nonNegative("exponentiatedGradient", "tolerance", tolerance);
    }

    @Override
    public String name() {
        return "exponentiatedGradient(" + set.name() + ", eta=" + eta + ")";
    }

    private static final class EgState extends State {
        final double[] y;
        final double[] gy;

        EgState(int n) {
            super("exponentiatedGradient");
            y = new double[n];
            gy = new double[n];
        }
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireUnbounded(name());
        EgState st = new EgState(start.dimension());
        Starts.feasible(set, start, st.y, st.gy);
        double[] x = start.x();
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0)) {
                throw new IllegalArgumentException(name() + ": the start point (projected onto the simplex) has element " + i
                        + " = " + x[i] + "; exponentiated gradient needs every element > 0 (start from the uniform point)");
            }
        }
        return st;
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        EgState st = (EgState) state;
        double[] x = it.x();
        double[] g = it.gradient();
        int n = x.length;
        double gx = 0;
        double gmin = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            gx += g[i] * x[i];
            gmin = Math.min(gmin, g[i]);
        }
        double gap = gx - radius * gmin;
        it.measure(gap);
        if (gap <= tolerance) {
            return Stop.Reason.STATIONARY;
        }
        double z = 0;
        for (int i = 0; i < n; i++) {
            st.y[i] = x[i] * Math.exp(-eta * (g[i] - gmin));
            z += st.y[i];
        }
        for (int i = 0; i < n; i++) {
            st.y[i] *= radius / z;
        }
        double fy = it.valueAndGrad(st.y, st.gy);
        if (!Double.isFinite(fy)) {
            throw new IllegalStateException(name() + ": the objective is " + fy + " at a point of the simplex");
        }
        it.stepLength(eta);
        it.moveTo(st.y, fy, st.gy);
        return null;
    }
}
