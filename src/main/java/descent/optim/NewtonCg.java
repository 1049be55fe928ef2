package descent.optim;

import descent.curvature.Krylov;
import descent.curvature.Operator;
import descent.tensor.ParamLayout;

/**
 * Newton's method on Hessian-vector products, in three forms that share one iteration: solve
 * {@code H p = -g} by conjugate gradients, then take a step along {@code p}.
 * <ul>
 * <li>{@link Form#TRUNCATED} (Newton-CG, Nocedal and Wright Algorithm 7.1): CG stops at the
 * relative residual {@code eta = min(0.5, |g|)} (which makes the local convergence quadratic) or
 * at the first direction of negative curvature, returning the iterate so far (or {@code -g} if
 * that is the first direction); then an Armijo backtracking search from the unit step.</li>
 * <li>{@link Form#DAMPED}: CG solves {@code (H + lambda I) p = -g} to a relative residual of
 * {@code 1e-12}; {@code lambda} starts at 0 each iteration and grows tenfold from
 * {@code 1e-8 |g|} whenever CG meets negative curvature; then the same backtracking search.</li>
 * </ul>
 * Both need a {@link HessianObjective}. A search that finds no decrease stops the run with
 * {@link Stop.Reason#LINE_SEARCH_FAILED} (at the limit of rounding).
 */
final class NewtonCg implements Method {
    /** How the Newton system is solved. */
    enum Form {
        TRUNCATED, DAMPED
    }

    private final Form form;
    private final int maxCg;

    NewtonCg(Form form, int maxCg) {
        this.form = form;
        this.maxCg = Hyper.checkAtLeast(name(form), "maxCgIterations", maxCg, 1);
    }

    private static String name(Form form) {
        return form == Form.TRUNCATED ? "newtonCg" : "dampedNewton";
    }

    @Override
    public String name() {
        return name(form);
    }

    private static final class NewtonState extends State {
        final double[] p;
        final double[] b;
        final double[] xNew;
        final double[] gNew;
        final long[] counters = longs("counters", 1);

        NewtonState(int n, String name) {
            super(name);
            p = new double[n];
            b = new double[n];
            xNew = new double[n];
            gNew = new double[n];
        }
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireHessian(name());
        start.requireUnbounded(name());
        return new NewtonState(start.dimension(), name());
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        NewtonState st = (NewtonState) state;
        int n = it.dimension();
        double[] x = it.x();
        double[] g = it.gradient();
        double f = it.value();
        double gNorm = Vec.norm(g, n);
        for (int i = 0; i < n; i++) {
            st.b[i] = -g[i];
        }
        Operator h = Operator.hessian(it::hvp, x);
        java.util.Arrays.fill(st.p, 0);
        if (form == Form.TRUNCATED) {
            Krylov.Solution s = Krylov.cg(h, st.b, st.p, null, Math.min(0.5, gNorm), maxCg);
            if (s.negativeCurvature() && Vec.norm(st.p, n) == 0) {
                System.arraycopy(st.b, 0, st.p, 0, n);
            }
        } else {
            double lambda = 0;
            while (true) {
                Krylov.Solution s = Krylov.cg(lambda == 0 ? h : h.shifted(lambda), st.b, st.p, null, 1e-12, maxCg);
                if (!s.negativeCurvature()) {
                    break;
                }
                lambda = lambda == 0 ? 1e-8 * Math.max(gNorm, 1e-300) : 10 * lambda;
                java.util.Arrays.fill(st.p, 0);
                if (!Double.isFinite(lambda)) {
                    System.arraycopy(st.b, 0, st.p, 0, n);
                    break;
                }
            }
        }
        double slope = Vec.dot(g, st.p, 0, n);
        if (!(slope < 0)) {
            System.arraycopy(st.b, 0, st.p, 0, n);
            slope = -gNorm * gNorm;
        }
        double t = 1;
        for (int k = 0; k < 60; k++) {
            for (int i = 0; i < n; i++) {
                st.xNew[i] = Math.fma(t, st.p[i], x[i]);
            }
            double fNew = it.valueAndGrad(st.xNew, st.gNew);
            if (Double.isFinite(fNew) && fNew <= f + 1e-4 * t * slope && Vec.allFinite(st.gNew, 0, n)) {
                st.counters[0]++;
                it.moveTo(st.xNew, fNew, st.gNew);
                it.stepLength(t);
                return null;
            }
            t *= 0.5;
        }
        return Stop.Reason.LINE_SEARCH_FAILED;
    }

    @Override
    public String toString() {
        return name() + "(maxCgIterations=" + maxCg + ")";
    }
}
