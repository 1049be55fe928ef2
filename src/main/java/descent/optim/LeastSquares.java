package descent.optim;

import descent.curvature.Krylov;
import descent.curvature.Operator;
import descent.tensor.ParamLayout;

/**
 * Gauss–Newton and Levenberg–Marquardt for {@code f(x) = 1/2 |r(x)|^2} with {@code m} residuals
 * and {@code n} parameters, matrix-free on Jacobian products (a {@link ResidualObjective}). The
 * step solves {@code (J'J + lambda I) p = -J'r} by conjugate gradients, in one of two forms:
 * <ul>
 * <li>primal: CG on the {@code n x n} system {@code J'J + lambda I};</li>
 * <li>dual: CG on the {@code m x m} system {@code (J J' + lambda I) u = -r}, then
 * {@code p = J'u}; the same step when {@code lambda > 0} (push-through identity), and for
 * {@code lambda = 0} the minimum-norm Gauss–Newton step, which exists when there are fewer
 * residuals than parameters and {@code J} has full row rank. {@link Form#AUTO} takes the dual
 * form when {@code m < n}.</li>
 * </ul>
 * Gauss–Newton ({@code lambda = 0}; in the primal form {@code 1e-12 |J'r|} keeps the system
 * definite) takes the step with an Armijo backtracking search. Levenberg–Marquardt takes the
 * step if the gain ratio {@code rho = (f(x) - f(x + p)) / (L(0) - L(p))} of the actual to the
 * predicted decrease ({@code L(p) = 1/2 |r + Jp|^2}) is positive, and updates {@code lambda} by
 * Nielsen's rule: {@code lambda *= max(1/3, 1 - (2 rho - 1)^3)} after a success,
 * {@code lambda *= nu, nu *= 2} after a failure (Madsen, Nielsen and Tingleff 2004). CG runs to a
 * relative residual of {@code min(0.1, |J'r|)} (at most {@code maxCg} products), so the local
 * convergence on zero-residual problems is quadratic.
 */
final class LeastSquares implements Method {
    /** The system CG solves. */
    enum Form {
        PRIMAL, DUAL, AUTO
    }

    private final boolean marquardt;
    private final Form form;
    private final double lambda0;
    private final int maxCg;

    LeastSquares(boolean marquardt, Form form, double lambda0, int maxCg) {
        String who = marquardt ? "levenbergMarquardt" : "gaussNewton";
        if (form == null) {
            throw new IllegalArgumentException(who + ": the form is null");
        }
        this.marquardt = marquardt;
        this.form = form;
        this.lambda0 = Hyper.check(who, "lambda", lambda0, marquardt ? Hyper.Range.POSITIVE : Hyper.Range.NON_NEGATIVE);
        this.maxCg = Hyper.checkAtLeast(who, "maxCgIterations", maxCg, 1);
    }

    @Override
    public String name() {
        return marquardt ? "levenbergMarquardt" : "gaussNewton";
    }

    private static final class LsState extends State {
        /** lambda, nu. */
        final double[] damping = doubles("damping", 2);
        final double[] r;
        final double[] rNew;
        final double[] u;
        final double[] b;
        final double[] p;
        final double[] jp;
        final double[] xNew;
        final double[] gNew;
        final boolean dual;

        LsState(int n, int m, boolean dual, double lambda0) {
            super("leastSquares");
            damping[0] = lambda0;
            damping[1] = 2;
            this.dual = dual;
            r = new double[m];
            rNew = new double[m];
            u = new double[m];
            b = new double[Math.max(n, m)];
            p = new double[n];
            jp = new double[m];
            xNew = new double[n];
            gNew = new double[n];
        }
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireResiduals(name());
        start.requireUnbounded(name());
        int n = start.dimension();
        int m = start.residualCount();
        boolean dual = form == Form.DUAL || (form == Form.AUTO && m < n);
        return new LsState(n, m, dual, lambda0);
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        LsState st = (LsState) state;
        int n = it.dimension();
        int m = st.r.length;
        double[] x = it.x();
        double[] g = it.gradient();
        double f = it.value();
        it.residuals(x, st.r);
        double gNorm = Vec.norm(g, n);
        double tol = Math.min(0.1, gNorm);
        while (true) {
            double lambda = marquardt ? st.damping[0] : (st.dual ? 0 : 1e-12 * gNorm);
            solve(it, st, x, g, lambda, tol, n, m);
            it.jvp(x, st.p, st.jp);
            double predicted = -Vec.dot(st.r, st.jp, 0, m) - 0.5 * Vec.dot(st.jp, st.jp, 0, m);
            if (!marquardt) {
                double slope = Vec.dot(g, st.p, 0, n);
                if (!(slope < 0)) {
                    return Stop.Reason.NO_PROGRESS;
                }
                double t = 1;
                for (int k = 0; k < 60; k++) {
                    for (int i = 0; i < n; i++) {
                        st.xNew[i] = Math.fma(t, st.p[i], x[i]);
                    }
                    double fNew = it.valueAndGrad(st.xNew, st.gNew);
                    if (Double.isFinite(fNew) && fNew <= f + 1e-4 * t * slope && Vec.allFinite(st.gNew, 0, n)) {
                        it.moveTo(st.xNew, fNew, st.gNew);
                        it.stepLength(t);
                        return null;
                    }
                    t *= 0.5;
                }
                return Stop.Reason.LINE_SEARCH_FAILED;
            }
            for (int i = 0; i < n; i++) {
                st.xNew[i] = x[i] + st.p[i];
            }
            double fNew = it.valueAndGrad(st.xNew, st.gNew);
            double rho = Double.isFinite(fNew) && predicted > 0 ? (f - fNew) / predicted : -1;
            if (rho > 0 && Vec.allFinite(st.gNew, 0, n)) {
                double c = 2 * rho - 1;
                st.damping[0] = lambda * Math.max(1.0 / 3, 1 - c * c * c);
                st.damping[1] = 2;
                it.moveTo(st.xNew, fNew, st.gNew);
                it.stepLength(lambda);
                return null;
            }
            st.damping[0] = lambda * st.damping[1];
            st.damping[1] *= 2;
            if (!(st.damping[0] < 1e300)) {
                return Stop.Reason.NO_PROGRESS;
            }
        }
    }

    /** The step {@code p} for damping {@code lambda}, in the state's form. */
    private void solve(Iterate it, LsState st, double[] x, double[] g, double lambda, double tol, int n, int m) {
        if (st.dual) {
            double[] jt = new double[n];
            Operator jjt = Operator.of(m, (v, out) -> {
                it.vjp(x, v, jt);
                it.jvp(x, jt, out);
                if (lambda != 0) {
                    for (int i = 0; i < m; i++) {
                        out[i] = Math.fma(lambda, v[i], out[i]);
                    }
                }
            });
            double[] rhs = java.util.Arrays.copyOf(st.b, m);
            for (int i = 0; i < m; i++) {
                rhs[i] = -st.r[i];
            }
            java.util.Arrays.fill(st.u, 0);
            Krylov.cg(jjt, rhs, st.u, null, tol, maxCg);
            it.vjp(x, st.u, st.p);
        } else {
            Operator gn = Operator.gaussNewton(it::jvp, it::vjp, x, m);
            double[] rhs = java.util.Arrays.copyOf(st.b, n);
            for (int i = 0; i < n; i++) {
                rhs[i] = -g[i];
            }
            java.util.Arrays.fill(st.p, 0);
            Krylov.cg(lambda == 0 ? gn : gn.shifted(lambda), rhs, st.p, null, tol, maxCg);
        }
    }

    @Override
    public String toString() {
        return name() + "(" + form + ", lambda=" + lambda0 + ")";
    }
}
