package descent.optim;

import descent.curvature.Krylov;
import descent.curvature.Operator;
import descent.tensor.ParamLayout;

/**
 * Gradient-regularized Newton (Mishchenko 2023; Doikov and Nesterov 2023): the Newton step with a
 * Levenberg–Marquardt shift proportional to the square root of the gradient norm,
 * <pre>
 * lambda = sqrt(H |g|),    (hess f(x) + lambda I) p = -g,    x+ = x + p,
 * </pre>
 * which converges globally at the rate {@code O(1/k^2)} on convex functions whose Hessian is
 * {@code L}-Lipschitz when {@code H >= L}, and superlinearly near a strongly convex minimum
 * (the shift vanishes like {@code sqrt|g|}). The system is solved by conjugate gradients on
 * Hessian-vector products to the relative residual {@code min(0.5, |g|)}.
 *
 * <p>{@code H} is found by an adaptive search: each iteration starts from a quarter of the
 * previous value and multiplies it by 4 (doubling {@code lambda}) until the step satisfies
 * {@code |grad f(x+)| <= 2 lambda |p|} and {@code f(x+) <= f(x) - (2/3) lambda |p|^2}, two
 * inequalities that a step with {@code H >= L} satisfies on a convex function (Taylor's bound
 * with the Lipschitz Hessian); the decrease is required up to {@code 10 ulp(max(1, |f|))}, the
 * rounding of {@code f} near a minimum. On a nonconvex function, CG meeting negative curvature of
 * {@code hess f + lambda I} raises {@code H} the same way, so {@code lambda} ends above the most
 * negative eigenvalue. After 60 raises in one iteration the run stops with
 * {@link Stop.Reason#NO_PROGRESS}. Needs a {@link HessianObjective}; no bounds.
 */
final class RegularizedNewton implements Method {
    private final double h0;
    private final int maxCg;

    RegularizedNewton(double h0, int maxCg) {
        this.h0 = Hyper.check("gradientRegularizedNewton", "h0", h0, new Hyper.Range(0, true, Double.POSITIVE_INFINITY, true));
        this.maxCg = Hyper.checkAtLeast("gradientRegularizedNewton", "maxCgIterations", maxCg, 1);
    }

    @Override
    public String name() {
        return "gradientRegularizedNewton";
    }

    private static final class GrnState extends State {
        final double[] h = doubles("h", 1);
        final double[] p;
        final double[] b;
        final double[] xNew;
        final double[] gNew;

        GrnState(int n, double h0) {
            super("gradientRegularizedNewton");
            h[0] = 4 * h0;
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
        return new GrnState(start.dimension(), h0);
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        GrnState st = (GrnState) state;
        int n = it.dimension();
        double[] x = it.x();
        double[] g = it.gradient();
        double f = it.value();
        double gNorm = Vec.norm(g, n);
        if (gNorm == 0) {
            return Stop.Reason.NO_PROGRESS;
        }
        for (int i = 0; i < n; i++) {
            st.b[i] = -g[i];
        }
        Operator hess = Operator.hessian(it::hvp, x);
        double h = 0.25 * st.h[0];
        for (int trial = 0; trial < 60; trial++) {
            double lambda = Math.sqrt(h * gNorm);
            java.util.Arrays.fill(st.p, 0);
            Krylov.Solution s = Krylov.cg(hess.shifted(lambda), st.b, st.p, null, Math.min(0.5, gNorm), maxCg);
            if (s.negativeCurvature()) {
                h *= 4;
                continue;
            }
            for (int i = 0; i < n; i++) {
                st.xNew[i] = x[i] + st.p[i];
            }
            double fNew = it.valueAndGrad(st.xNew, st.gNew);
            double r = Vec.norm(st.p, n);
            if (Double.isFinite(fNew) && Vec.allFinite(st.gNew, 0, n) && Vec.norm(st.gNew, n) <= 2 * lambda * r
                    && fNew <= f - 2.0 / 3.0 * lambda * r * r + 10 * Math.ulp(Math.max(1, Math.abs(f)))) {
                st.h[0] = h;
                it.moveTo(st.xNew, fNew, st.gNew);
                it.stepLength(r);
                return null;
            }
            h *= 4;
        }
        return Stop.Reason.NO_PROGRESS;
    }

    @Override
    public String toString() {
        return "gradientRegularizedNewton(h0=" + h0 + ", maxCgIterations=" + maxCg + ")";
    }
}
