package descent.optim;

import descent.curvature.CubicModel;
import descent.curvature.Eigen;
import descent.curvature.Operator;
import descent.tensor.ParamLayout;

/**
 * Cubic-regularized Newton (Nesterov and Polyak 2006) with an adaptive regularization (the ARC
 * rule of Cartis, Gould and Toint 2011) and a lazily refreshed Hessian (Doikov, Chayti and Jaggi
 * 2023): the Hessian is taken at a snapshot point, refreshed every {@code refresh} iterations,
 * and each iteration minimizes the model of the current gradient with the snapshot's Hessian,
 * <pre>
 * h = argmin  g(x)'h + 1/2 h' H(snapshot) h + (M/6) |h|^3        ({@link CubicModel})
 * rho = (f(x) - f(x + h)) / -m(h)
 * </pre>
 * The step is taken if {@code rho >= 0.1}, and {@code M} is halved when {@code rho >= 0.9};
 * both differences of {@code rho} get {@code 10 ulp(max(1, |f|))} added, so that near a minimum,
 * where the decrease falls below the rounding of {@code f}, the ratio tends to 1 instead of
 * being noise (Conn, Gould and Toint 2000, section 17.4.2);
 * otherwise {@code M} doubles and the model is minimized again (with the same Hessian, at no new
 * products). Two subproblem solvers:
 * <ul>
 * <li>{@link Methods.Subproblem#DENSE}: the Hessian is formed from {@code n} products at each
 * refresh and eigendecomposed once, so the iterations in between cost one gradient and
 * {@code O(n^2)}; the exact minimizer handles the hard case and escapes saddle points where the
 * gradient has no component along negative curvature. For problems up to a few hundred
 * variables.</li>
 * <li>{@link Methods.Subproblem#LANCZOS}: the model is minimized over a Krylov space of the
 * snapshot's Hessian (its products, counted), to a model gradient of
 * {@code min(0.5, |g|) |g|} (quadratic local convergence with a fresh Hessian). Products at a
 * stale point cost as much as fresh ones, so with this solver a refresh period above 1 changes
 * the model, not the cost.</li>
 * </ul>
 * Needs a {@link HessianObjective}; no bounds. After 60 rejected trials in one iteration the run
 * stops with {@link Stop.Reason#NO_PROGRESS}, and a model that predicts no decrease (a
 * stationary point with positive semidefinite Hessian) stops it too.
 */
final class CubicNewton implements Method {
    private final Methods.Subproblem solver;
    private final int refresh;
    private final double m0;
    private final int maxLanczos;

    CubicNewton(Methods.Subproblem solver, int refresh, double m0, int maxLanczos) {
        if (solver == null) {
            throw new IllegalArgumentException("cubicNewton: the subproblem solver is null");
        }
        this.solver = solver;
        this.refresh = Hyper.checkAtLeast("cubicNewton", "refresh", refresh, 1);
        this.m0 = Hyper.check("cubicNewton", "m0", m0, new Hyper.Range(0, true, Double.POSITIVE_INFINITY, true));
        this.maxLanczos = Hyper.checkAtLeast("cubicNewton", "maxLanczosSteps", maxLanczos, 1);
    }

    @Override
    public String name() {
        return "cubicNewton";
    }

    private static final class CubicState extends State {
        final double[] m = doubles("m", 1);
        final double[] snapshot;
        final long[] iterations = longs("iterations", 1);
        final double[] xNew;
        final double[] gNew;
        Eigen.Pairs hessian;

        CubicState(int n, double m0) {
            super("cubicNewton");
            m[0] = m0;
            snapshot = doubles("snapshot", n);
            xNew = new double[n];
            gNew = new double[n];
        }
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireHessian(name());
        start.requireUnbounded(name());
        return new CubicState(start.dimension(), m0);
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        CubicState st = (CubicState) state;
        int n = it.dimension();
        double[] x = it.x();
        double[] g = it.gradient();
        double f = it.value();
        boolean dense = solver == Methods.Subproblem.DENSE;
        if (st.iterations[0] % refresh == 0) {
            System.arraycopy(x, 0, st.snapshot, 0, n);
            st.hessian = null;
        }
        if (dense && st.hessian == null) {
            st.hessian = Eigen.symmetric(formHessian(it, st.snapshot));
        }
        double gNorm = Vec.norm(g, n);
        CubicModel model = dense ? CubicModel.dense(st.hessian, g)
                : CubicModel.krylov(Operator.hessian(it::hvp, st.snapshot), g, Math.min(0.5, gNorm), maxLanczos);
        for (int trial = 0; trial < 60; trial++) {
            CubicModel.Solution s = model.minimize(st.m[0]);
            double predicted = -s.value();
            if (!(predicted > 0)) {
                return Stop.Reason.NO_PROGRESS;
            }
            double[] h = s.step();
            for (int i = 0; i < n; i++) {
                st.xNew[i] = x[i] + h[i];
            }
            double fNew = it.valueAndGrad(st.xNew, st.gNew);
            double slack = 10 * Math.ulp(Math.max(1, Math.abs(f)));
            double rho = Double.isFinite(fNew) ? (f - fNew + slack) / (predicted + slack) : Double.NEGATIVE_INFINITY;
            if (rho >= 0.1 && Vec.allFinite(st.gNew, 0, n)) {
                if (rho >= 0.9) {
                    st.m[0] = Math.max(0.5 * st.m[0], 1e-12);
                }
                st.iterations[0]++;
                it.moveTo(st.xNew, fNew, st.gNew);
                it.stepLength(Vec.norm(h, n));
                return null;
            }
            st.m[0] *= 2;
        }
        return Stop.Reason.NO_PROGRESS;
    }

    /** The Hessian at {@code y} from {@code n} products with the unit vectors. */
    private static double[][] formHessian(Iterate it, double[] y) {
        int n = y.length;
        double[][] h = new double[n][n];
        double[] e = new double[n];
        for (int j = 0; j < n; j++) {
            e[j] = 1;
            it.hvp(y, e, h[j]);
            e[j] = 0;
        }
        return h;
    }

    @Override
    public String toString() {
        return "cubicNewton(" + solver.name().toLowerCase(java.util.Locale.ROOT) + ", refresh=" + refresh + ", m0=" + m0 + ")";
    }
}
