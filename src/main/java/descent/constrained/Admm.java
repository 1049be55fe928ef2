package descent.constrained;

import descent.optim.Iterate;
import descent.optim.Method;
import descent.optim.Minimize;
import descent.optim.Objective;
import descent.optim.Result;
import descent.optim.State;
import descent.optim.Stop;
import descent.tensor.ParamLayout;

/**
 * ADMM in consensus form for {@code min f(x) + h(z)} subject to {@code x = z} (Boyd, Parikh, Chu,
 * Peleato and Eckstein, 2011, Sections 3 and 5): with the scaled dual {@code u},
 * <pre>
 * x+ = argmin f(x) + (rho / 2) |x - z + u|^2      (the inner Method, run by Minimize, warm-started)
 * x^ = alpha x+ + (1 - alpha) z                    (over-relaxation, alpha in (0, 2))
 * z+ = prox_{h / rho}(x^ + u)
 * u+ = u + x^ - z+
 * </pre>
 * with residual balancing (Section 3.4.1): {@code rho} is doubled when the primal residual
 * {@code |x - z|} exceeds ten times the dual residual {@code rho |z - z_prev|}, halved in the
 * opposite case, and {@code u} rescaled. The iterate is {@code z} with value {@code f(z) + h(z)};
 * the measure is the larger of the two residuals, and the run stops when it is at most the
 * tolerance (scaled by {@code sqrt(n)}).
 */
final class Admm implements Method {
    private final Penalty penalty;
    private final Method inner;
    private final double rho0;
    private final double alpha;
    private final double tolerance;
    private final int innerSteps;

    Admm(Penalty penalty, Method inner, double rho, double alpha, double tolerance, int innerSteps) {
        if (penalty == null || inner == null) {
            throw new IllegalArgumentException("admm: the penalty and the inner method are required");
        }
        if (!(alpha > 0 && alpha < 2)) {
            throw new IllegalArgumentException("admm: the over-relaxation alpha must lie in (0, 2), got " + alpha);
        }
        if (innerSteps < 1) {
            throw new IllegalArgumentException("admm: innerSteps must be >= 1, got " + innerSteps);
        }
        this.penalty = penalty;
        this.inner = inner;
        this.rho0 = Arg.positive("admm", "rho", rho);
        this.alpha = alpha;
        this.tolerance = Arg.positive("admm", "tolerance", tolerance);
        this.innerSteps = innerSteps;
    }

    @Override
    public String name() {
        return "admm(" + penalty.name() + ", " + inner.name() + ")";
    }

    private static final class AdmmState extends State {
        final double[] rho = doubles("rho", 1);
        final double[] x;
        final double[] u;

        AdmmState(int n) {
            super("admm");
            x = doubles("x", n);
            u = doubles("u", n);
        }
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireUnbounded(name());
        int n = start.dimension();
        AdmmState st = new AdmmState(n);
        st.rho[0] = rho0;
        double[] z = start.x().clone();
        penalty.prox(z, 1 / rho0);
        double[] g = new double[n];
        double f = start.valueAndGrad(z, g);
        if (!Double.isFinite(f)) {
            throw new IllegalArgumentException(name() + ": the objective is " + f + " at the prox of the start point");
        }
        System.arraycopy(start.x(), 0, st.x, 0, n);
        start.moveTo(z, f + penalty.value(z), g);
        return st;
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        AdmmState st = (AdmmState) state;
        int n = it.dimension();
        double rho = st.rho[0];
        double[] z = it.x();
        double[] u = st.u;
        double[] center = new double[n];
        for (int i = 0; i < n; i++) {
            center[i] = z[i] - u[i];
        }
        Objective sub = (x, g) -> {
            double f = it.valueAndGrad(x, g);
            double q = 0;
            for (int i = 0; i < n; i++) {
                double d = x[i] - center[i];
                q += d * d;
                g[i] += rho * d;
            }
            return f + rho * q / 2;
        };
        Result r = Minimize.with(inner).steps(innerSteps).stopWhen(Stop.gradientNorm(0.1 * tolerance)).run(sub, st.x);
        double[] x = r.x();
        System.arraycopy(x, 0, st.x, 0, n);
        double[] zNew = new double[n];
        for (int i = 0; i < n; i++) {
            zNew[i] = alpha * x[i] + (1 - alpha) * z[i] + u[i];
        }
        penalty.prox(zNew, 1 / rho);
        double primal = 0;
        double dual = 0;
        for (int i = 0; i < n; i++) {
            u[i] += alpha * x[i] + (1 - alpha) * z[i] - zNew[i];
            primal += (x[i] - zNew[i]) * (x[i] - zNew[i]);
            dual += (zNew[i] - z[i]) * (zNew[i] - z[i]);
        }
        primal = Math.sqrt(primal);
        dual = rho * Math.sqrt(dual);
        double residual = Math.max(primal, dual);
        it.measure(residual);
        if (primal > 10 * dual) {
            st.rho[0] = rho * 2;
            for (int i = 0; i < n; i++) {
                u[i] /= 2;
            }
        } else if (dual > 10 * primal) {
            st.rho[0] = rho / 2;
            for (int i = 0; i < n; i++) {
                u[i] *= 2;
            }
        }
        double[] g = new double[n];
        double f = it.valueAndGrad(zNew, g);
        it.moveTo(zNew, f + penalty.value(zNew), g);
        return residual <= tolerance * Math.sqrt(n) ? Stop.Reason.STATIONARY : null;
    }
}
