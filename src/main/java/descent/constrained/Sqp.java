package descent.constrained;

import descent.curvature.Krylov;
import descent.curvature.Operator;
import descent.optim.HessianObjective;
import descent.optim.Iterate;
import descent.optim.Method;
import descent.optim.State;
import descent.optim.Stop;
import descent.tensor.ParamLayout;

import java.util.Arrays;

/**
 * An inexact Newton–KKT (SQP) method for {@code min f(x)} subject to {@code c_i(x) = 0},
 * {@code i = 1..m}, with Hessian-vector products only (Nocedal and Wright, Sections 16.3, 18.1
 * and 18.3; Gould, Hribar and Nocedal, 2001). At {@code (x, lambda)} with Jacobian {@code A}, the
 * step solves the KKT system
 * <pre>
 * [ H  A' ] [ p        ]     [ grad f ]
 * [ A  0  ] [ lambda+ ] = - [ c      ],   H = hess f + sum_i lambda_i hess c_i (+ delta I),
 * </pre>
 * by projected conjugate gradients: a normal step {@code -A'(AA')^{-1} c}, then CG on
 * {@code H} restricted to the null space of {@code A}, stopped at a relative residual
 * {@code min(0.5, sqrt(kkt))} (which keeps Newton's superlinear rate) and truncated at negative
 * curvature; if the first CG direction already has non-positive curvature, {@code delta} grows
 * (from {@code 1e-4}, times 8) and CG restarts, and later iterations start from a third of the last
 * {@code delta}; or, with {@link ConstrainedMethods.KktSolver#MINRES}, by MINRES on the whole
 * symmetric indefinite system to the same relative residual, with {@code delta} grown while the
 * step's null-space component has non-positive curvature. {@code H v} is one Hessian-vector product of {@code f} (the run's
 * {@link HessianObjective}, counted in the result) plus one per constraint with a non-zero
 * multiplier. The new multipliers are the least-squares ones {@code -(AA')^{-1} A (grad f + H p)}.
 *
 * <p>Steps in {@code (x, lambda)} are globalized by backtracking (Armijo, factor 1/2) on the
 * augmented Lagrangian merit function {@code phi(x, lambda) = f + lambda'c + rho |c|^2 / 2} of
 * Gill, Murray, Saunders and Wright (1986), with {@code rho} raised until the step is a descent
 * direction with slope at most {@code -max(p'Hp, 0) / 2}; where merit values agree to rounding, a
 * trial point is accepted if it lowers the KKT residual instead. The first multipliers are the
 * least-squares ones at the start. The measure is the KKT residual
 * {@code max(|grad f + A' lambda|_inf, |c|_inf)}; the run stops with {@code STATIONARY} when the
 * violation and the Lagrangian's gradient are within their tolerances, with {@code NO_PROGRESS}
 * when a feasible point no longer moves in floating point or the merit function no longer resolves
 * a decrease, and fails with a
 * clear error where the constraint gradients are linearly dependent.
 */
final class Sqp implements Method {
    private static final String WHO = "sqp";
    private static final double MAX_DELTA = 1e12;
    private final HessianObjective[] constraints;
    private final double violationTolerance;
    private final double gradientTolerance;
    private final int maxCg;
    private final ConstrainedMethods.KktSolver solver;

    Sqp(HessianObjective[] constraints, double violationTolerance, double gradientTolerance, int maxCg,
        ConstrainedMethods.KktSolver solver) {
        if (constraints == null || constraints.length == 0) {
            throw new IllegalArgumentException(WHO + ": needs at least one equality constraint");
        }
        for (int i = 0; i < constraints.length; i++) {
            if (constraints[i] == null) {
                throw new IllegalArgumentException(WHO + ": equality constraint " + i + " is null");
            }
        }
        if (maxCg < 1) {
            throw new IllegalArgumentException(WHO + ": maxCg (the KKT solver's iterations per step) must be >= 1, got " + maxCg);
        }
        if (solver == null) {
            throw new IllegalArgumentException(WHO + ": the KKT solver is null");
        }
        this.solver = solver;
        this.constraints = constraints.clone();
        this.violationTolerance = Arg.positive(WHO, "violationTolerance", violationTolerance);
        this.gradientTolerance = Arg.positive(WHO, "gradientTolerance", gradientTolerance);
        this.maxCg = maxCg;
    }

    @Override
    public String name() {
        return WHO + "(" + constraints.length + " equalities" + (solver == ConstrainedMethods.KktSolver.MINRES ? ", minres" : "") + ")";
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireUnbounded(name());
        start.requireHessian(name());
        int m = constraints.length;
        int n = start.dimension();
        if (m >= n) {
            throw new IllegalArgumentException(name() + ": " + m + " equality constraints on " + n
                    + " parameters leave no freedom; the method needs m < n");
        }
        Multipliers st = new Multipliers(WHO, m, 0, 3);
        st.scalars[0] = 1;
        st.scalars[1] = 0;
        double[] c = new double[m];
        ConstraintJacobian a = new ConstraintJacobian(m, n);
        evaluate(st, start.x(), c, a);
        factor(a, start.x());
        a.leastSquares(start.gradient(), st.lambda);
        for (int i = 0; i < m; i++) {
            st.lambda[i] = -st.lambda[i];
        }
        return st;
    }

    /** Evaluates every constraint and its gradient at {@code x}; returns false if one is not finite. */
    private boolean evaluate(Multipliers st, double[] x, double[] c, ConstraintJacobian a) {
        boolean finite = true;
        for (int i = 0; i < c.length; i++) {
            st.counters[1]++;
            c[i] = constraints[i].valueAndGrad(x, a.rows[i]);
            finite &= Double.isFinite(c[i]);
        }
        return finite;
    }

    private void factor(ConstraintJacobian a, double[] x) {
        if (!a.factor()) {
            throw new IllegalStateException(name() + ": the constraint gradients are linearly dependent at the point "
                    + Arrays.toString(x.length > 8 ? Arrays.copyOf(x, 8) : x) + " (LICQ fails); the KKT system is singular");
        }
    }

    /** {@code out = (hess f + sum_i lambda_i hess c_i + delta I) v} at {@code x}. */
    private void hessian(Iterate it, Multipliers st, double[] x, double[] v, double delta, double[] out, double[] tmp) {
        it.hvp(x, v, out);
        for (int i = 0; i < constraints.length; i++) {
            double l = st.lambda[i];
            if (l != 0) {
                st.counters[2]++;
                constraints[i].hvp(x, v, tmp);
                for (int k = 0; k < out.length; k++) {
                    out[k] += l * tmp[k];
                }
            }
        }
        if (delta != 0) {
            for (int k = 0; k < out.length; k++) {
                out[k] += delta * v[k];
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double normInf(double[] a) {
        double s = 0;
        for (double v : a) {
            s = Math.max(s, Math.abs(v));
        }
        return s;
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        Multipliers st = (Multipliers) state;
        double[] x = it.x();
        double[] gf = it.gradient();
        int n = x.length;
        int m = constraints.length;
        double[] c = new double[m];
        ConstraintJacobian a = new ConstraintJacobian(m, n);
        if (!evaluate(st, x, c, a)) {
            throw new IllegalStateException(name() + ": a constraint is not finite at the point "
                    + Arrays.toString(n > 8 ? Arrays.copyOf(x, 8) : x) + ": " + Arrays.toString(c));
        }
        factor(a, x);
        double[] gl = gf.clone();
        a.addTransposeTimes(st.lambda, gl);
        double violation = normInf(c);
        double stationarity = normInf(gl);
        double kkt = Math.max(violation, stationarity);
        it.measure(kkt);
        if (violation <= violationTolerance && stationarity <= gradientTolerance) {
            return Stop.Reason.STATIONARY;
        }

        double[] p = new double[n];
        double[] hp = new double[n];
        double[] r = new double[n];
        double delta = solver == ConstrainedMethods.KktSolver.MINRES ? minres(it, st, a, c, kkt, p, hp, r)
                : projectedCg(it, st, a, c, kkt, violation > 0, p, hp, r);
        if (Double.isNaN(delta)) {
            return Stop.Reason.LINE_SEARCH_FAILED;
        }
        st.scalars[1] = delta;

        // The new multipliers and the step q = lambda+ - lambda.
        double[] q = new double[m];
        a.leastSquares(r, q);
        for (int i = 0; i < m; i++) {
            q[i] = -q[i] - st.lambda[i];
        }
        double[] ap = new double[m];
        a.times(p, ap);
        double slope0 = dot(gf, p) + dot(st.lambda, ap) + dot(q, c);
        double cap = dot(c, ap);
        double php = Math.max(dot(p, hp), 0);
        double rho = st.scalars[0];
        if (cap < 0 && slope0 + rho * cap > -0.5 * php) {
            rho = Math.max(2 * rho, 2 * (slope0 + 0.5 * php) / -cap);
            st.scalars[0] = rho;
        }
        double slope = slope0 + rho * cap;
        double f = it.value();
        double phi = f + dot(st.lambda, c) + 0.5 * rho * dot(c, c);
        if (!(slope < 0)) {
            return violation <= violationTolerance ? Stop.Reason.NO_PROGRESS : Stop.Reason.LINE_SEARCH_FAILED;
        }

        double pnorm = Math.sqrt(dot(p, p));
        double t = Math.min(1, 10 * Math.max(1, Math.sqrt(dot(x, x))) / pnorm);
        double[] xt = new double[n];
        double[] gt = new double[n];
        double[] ct = new double[m];
        double[] lt = new double[m];
        ConstraintJacobian trialJacobian = new ConstraintJacobian(m, n);
        for (int trial = 0; ; trial++) {
            if (trial == 60) {
                return violation <= violationTolerance ? Stop.Reason.NO_PROGRESS : Stop.Reason.LINE_SEARCH_FAILED;
            }
            for (int k = 0; k < n; k++) {
                xt[k] = x[k] + t * p[k];
            }
            for (int i = 0; i < m; i++) {
                lt[i] = st.lambda[i] + t * q[i];
            }
            double ft = it.valueAndGrad(xt, gt);
            if (Double.isFinite(ft) && evaluate(st, xt, ct, trialJacobian)) {
                double phit = ft + dot(lt, ct) + 0.5 * rho * dot(ct, ct);
                if (phit <= phi + 1e-4 * t * slope || roundingLevel(phi, phit, gt, trialJacobian, lt, ct, kkt)) {
                    System.arraycopy(lt, 0, st.lambda, 0, m);
                    boolean stalled = Arrays.equals(xt, x);
                    it.stepLength(t);
                    it.moveTo(xt, ft, gt);
                    return stalled && violation <= violationTolerance ? Stop.Reason.NO_PROGRESS : null;
                }
            }
            t *= 0.5;
        }
    }

    /**
     * The projected-CG solve of the KKT system at {@code x}: writes the step {@code p},
     * {@code H p} and the residual {@code grad f + H p}; returns the Hessian shift used, or NaN if
     * it grew past {@code MAX_DELTA}.
     */
    private double projectedCg(Iterate it, Multipliers st, ConstraintJacobian a, double[] c, double kkt, boolean normal, double[] p,
                               double[] hp, double[] r) {
        double[] x = it.x();
        double[] gf = it.gradient();
        int n = x.length;
        double[] y = new double[n];
        double[] d = new double[n];
        double[] hd = new double[n];
        double[] tmp = new double[n];
        double[] pn = new double[n];
        a.normalStep(c, pn);
        double delta = 0;
        double lastDelta = st.scalars[1];
        solve:
        while (true) {
            System.arraycopy(pn, 0, p, 0, n);
            if (normal) {
                hessian(it, st, x, pn, delta, hp, tmp);
            } else {
                Arrays.fill(hp, 0);
            }
            for (int k = 0; k < n; k++) {
                r[k] = gf[k] + hp[k];
            }
            a.project(r, y);
            double ry = dot(r, y);
            double stop = Math.min(0.5, Math.sqrt(kkt)) * Math.sqrt(Math.max(ry, 0));
            for (int k = 0; k < n; k++) {
                d[k] = -y[k];
            }
            for (int iter = 0; iter < maxCg; iter++) {
                if (Math.sqrt(Math.max(ry, 0)) <= stop || ry <= 0) {
                    break;
                }
                hessian(it, st, x, d, delta, hd, tmp);
                st.counters[0]++;
                double curvature = dot(d, hd);
                if (curvature <= 1e-12 * dot(d, d)) {
                    if (iter > 0) {
                        break;
                    }
                    delta = delta == 0 ? Math.max(1e-4, lastDelta / 3) : 8 * delta;
                    if (delta > MAX_DELTA) {
                        return Double.NaN;
                    }
                    continue solve;
                }
                double alpha = ry / curvature;
                for (int k = 0; k < n; k++) {
                    p[k] += alpha * d[k];
                    hp[k] += alpha * hd[k];
                    r[k] += alpha * hd[k];
                }
                a.project(r, y);
                double ryNext = dot(r, y);
                double beta = ryNext / ry;
                ry = ryNext;
                for (int k = 0; k < n; k++) {
                    d[k] = -y[k] + beta * d[k];
                }
            }
            break;
        }
        return delta;
    }

    /**
     * The MINRES solve of the whole KKT system {@code [H A'; A 0] [p; q] = -[grad f + A' lambda; c]}
     * (symmetric indefinite; {@code q} the change of the multipliers, so that the right-hand side
     * is the KKT residual and a relative tolerance on it is the forcing term of an inexact Newton
     * method) to the relative residual {@code eta = min(0.5, sqrt(kkt))}, at most {@code maxCg}
     * products. Where the step leaves the linearized constraints {@code |A p + c| > |c| / 2}, it
     * need not lower the violation and the merit function may not descend along it, so the
     * solve is repeated with {@code eta} a hundred times smaller. The shift {@code delta} grows
     * (as for projected CG) while the step's component in the null space of {@code A}, {@code t},
     * has {@code t'Ht <= 1e-12 |t|^2}: the reduced Hessian is then not positive definite along
     * the step, and the step would lead toward a saddle or a maximum of the model. Writes
     * {@code p}, {@code H p} and {@code grad f + H p}; returns the shift, or NaN if it grew past
     * {@code MAX_DELTA}.
     *
     * @throws IllegalStateException if MINRES breaks down (a non-finite step, or a true residual
     *                               far above the one it reports: the KKT matrix is singular)
     */
    private double minres(Iterate it, Multipliers st, ConstraintJacobian a, double[] c, double kkt, double[] p, double[] hp, double[] r) {
        double[] x = it.x();
        double[] gf = it.gradient();
        int n = x.length;
        int m = c.length;
        double[] rhs = new double[n + m];
        double[] gl = gf.clone();
        a.addTransposeTimes(st.lambda, gl);
        for (int k = 0; k < n; k++) {
            rhs[k] = -gl[k];
        }
        for (int i = 0; i < m; i++) {
            rhs[n + i] = -c[i];
        }
        double[] v = new double[n];
        double[] hv = new double[n];
        double[] tmp = new double[n];
        double[] tangent = new double[n];
        double[] normalPart = new double[n];
        double[] ht = new double[n];
        double[] av = new double[m];
        double delta = 0;
        double lastDelta = st.scalars[1];
        double eta = Math.min(0.5, Math.sqrt(kkt));
        double cc = Math.sqrt(dot(c, c));
        while (true) {
            double shift = delta;
            Operator kktOperator = Operator.of(n + m, (z, out) -> {
                System.arraycopy(z, 0, v, 0, n);
                hessian(it, st, x, v, shift, hv, tmp);
                System.arraycopy(z, n, av, 0, m);
                a.addTransposeTimes(av, hv);
                System.arraycopy(hv, 0, out, 0, n);
                a.times(v, av);
                System.arraycopy(av, 0, out, n, m);
            });
            double[] z = new double[n + m];
            Krylov.Solution sol = Krylov.minres(kktOperator, rhs, z, null, eta, maxCg);
            st.counters[0] += sol.iterations();
            for (int k = 0; k < n + m; k++) {
                if (!Double.isFinite(z[k])) {
                    throw new IllegalStateException(name() + ": MINRES broke down on the KKT system after " + sol.iterations()
                            + " products (residual " + sol.residualNorm() + ", Hessian shift " + shift
                            + "): the KKT matrix is singular at the point " + Arrays.toString(n > 8 ? Arrays.copyOf(x, 8) : x));
                }
            }
            System.arraycopy(z, 0, p, 0, n);
            a.times(p, av);
            double linearized = 0;
            for (int i = 0; i < m; i++) {
                linearized += (av[i] + c[i]) * (av[i] + c[i]);
            }
            if (Math.sqrt(linearized) > 0.5 * cc && eta > 1e-12 && sol.converged()) {
                eta *= 1e-2;
                continue;
            }
            a.project(p, tangent);
            hessian(it, st, x, tangent, delta, ht, tmp);
            double tt = dot(tangent, tangent);
            if (tt > 0 && dot(tangent, ht) <= 1e-12 * tt) {
                delta = delta == 0 ? Math.max(1e-4, lastDelta / 3) : 8 * delta;
                if (delta > MAX_DELTA) {
                    return Double.NaN;
                }
                continue;
            }
            for (int k = 0; k < n; k++) {
                normalPart[k] = p[k] - tangent[k];
            }
            hessian(it, st, x, normalPart, delta, hp, tmp);
            for (int k = 0; k < n; k++) {
                hp[k] += ht[k];
                r[k] = gf[k] + hp[k];
            }
            // The true residual of the KKT system, from products already made.
            System.arraycopy(z, n, av, 0, m);
            double[] top = hp.clone();
            a.addTransposeTimes(av, top);
            double residual = 0;
            for (int k = 0; k < n; k++) {
                residual += (top[k] + gl[k]) * (top[k] + gl[k]);
            }
            residual = Math.sqrt(residual + linearized);
            double scale = Math.sqrt(dot(rhs, rhs));
            if (sol.converged() && residual > (2 * eta + 1e-10) * scale) {
                throw new IllegalStateException(name() + ": MINRES broke down on the KKT system: it reported the residual "
                        + sol.residualNorm() + " after " + sol.iterations() + " products, the true residual is " + residual + " of "
                        + scale + " (Hessian shift " + shift + "): the KKT matrix is singular at the point "
                        + Arrays.toString(n > 8 ? Arrays.copyOf(x, 8) : x));
            }
            return delta;
        }
    }

    /**
     * Where the merit values agree to 1e-12 relative, their difference is rounding and cannot
     * confirm a decrease; the trial point is then accepted if its KKT residual is smaller than
     * {@code kkt}, the current one.
     */
    private static boolean roundingLevel(double phi, double phit, double[] g, ConstraintJacobian a, double[] lambda, double[] c,
                                         double kkt) {
        if (Math.abs(phit - phi) > 1e-12 * (1 + Math.abs(phi))) {
            return false;
        }
        double[] gl = g.clone();
        a.addTransposeTimes(lambda, gl);
        return Math.max(normInf(gl), normInf(c)) < kkt;
    }
}
