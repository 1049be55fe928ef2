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
 * The augmented Lagrangian method (method of multipliers; Nocedal and Wright, Framework 17.3 and
 * Section 17.4; Bertsekas, 1982) for {@code min f(x)} subject to {@code c_i(x) = 0} and
 * {@code d_j(x) <= 0}. Each outer iteration minimizes, with the inner {@link Method} run by
 * {@link Minimize}, the augmented Lagrangian
 * <pre>
 * L(x) = f(x) + sum_i (lambda_i c_i(x) + rho c_i(x)^2 / 2)
 *             + sum_j (max(0, mu_j + rho d_j(x))^2 - mu_j^2) / (2 rho),
 * </pre>
 * then updates {@code lambda_i += rho c_i(x)}, {@code mu_j = max(0, mu_j + rho d_j(x))}, and
 * multiplies {@code rho} by 10 (at most to 1e10) when the constraint violation is above its
 * tolerance and did not fall below a quarter of the previous one. The inner tolerance on {@code |grad L|} tightens with the
 * violation, down to the outer tolerance. The iterate's value is {@code f}; the measure is the
 * violation {@code max(max_i |c_i|, max_j max(d_j, 0))}. The run stops when the violation and the
 * infinity norm of the Lagrangian's gradient are both at most their tolerances, and with
 * {@code NO_PROGRESS} when the inner method can no longer move a feasible point (the gradient
 * tolerance lies below what differences of the objective's values resolve), or
 * {@code LINE_SEARCH_FAILED} when it cannot move an infeasible one even at the largest penalty.
 */
final class AugmentedLagrangian implements Method {
    private static final double MAX_RHO = 1e10;
    private final Objective[] equalities;
    private final Objective[] inequalities;
    private final Method inner;
    private final double rho0;
    private final double violationTolerance;
    private final double gradientTolerance;
    private final int innerSteps;

    AugmentedLagrangian(Objective[] equalities, Objective[] inequalities, Method inner, double rho0, double violationTolerance,
                        double gradientTolerance, int innerSteps) {
        String who = "augmentedLagrangian";
        if (equalities == null || inequalities == null || inner == null) {
            throw new IllegalArgumentException(who + ": the constraint arrays (possibly empty) and the inner method are required");
        }
        if (equalities.length + inequalities.length == 0) {
            throw new IllegalArgumentException(who + ": no constraints; run the inner method directly");
        }
        for (int i = 0; i < equalities.length; i++) {
            if (equalities[i] == null) {
                throw new IllegalArgumentException(who + ": equality constraint " + i + " is null");
            }
        }
        for (int j = 0; j < inequalities.length; j++) {
            if (inequalities[j] == null) {
                throw new IllegalArgumentException(who + ": inequality constraint " + j + " is null");
            }
        }
        if (innerSteps < 1) {
            throw new IllegalArgumentException(who + ": innerSteps must be >= 1, got " + innerSteps);
        }
        this.equalities = equalities.clone();
        this.inequalities = inequalities.clone();
        this.inner = inner;
        this.rho0 = Arg.positive(who, "rho", rho0);
        this.violationTolerance = Arg.positive(who, "violationTolerance", violationTolerance);
        this.gradientTolerance = Arg.positive(who, "gradientTolerance", gradientTolerance);
        this.innerSteps = innerSteps;
    }

    @Override
    public String name() {
        return "augmentedLagrangian(" + equalities.length + " equalities, " + inequalities.length + " inequalities, " + inner.name()
                + ")";
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireUnbounded(name());
        Multipliers st = new Multipliers(equalities.length, inequalities.length);
        st.scalars[0] = rho0;
        st.scalars[1] = Double.POSITIVE_INFINITY;
        return st;
    }

    /**
     * Returns {@code fx} plus the constraint terms of the Lagrangian at {@code x} (of the augmented
     * Lagrangian if {@code augmented}) and adds their gradients to {@code g}, which holds
     * {@code grad f(x)} on entry.
     */
    private double lagrangian(Multipliers st, double[] x, double fx, double[] g, double[] scratch, boolean augmented) {
        double rho = st.scalars[0];
        double value = fx;
        for (int i = 0; i < equalities.length; i++) {
            double c = constraint(equalities[i], "equality", i, x, scratch, st);
            double w = st.lambda[i] + (augmented ? rho * c : 0);
            value += st.lambda[i] * c + (augmented ? rho * c * c / 2 : 0);
            axpy(w, scratch, g);
        }
        for (int j = 0; j < inequalities.length; j++) {
            double d = constraint(inequalities[j], "inequality", j, x, scratch, st);
            double mu = st.mu[j];
            if (augmented) {
                double s = Math.max(0, mu + rho * d);
                value += (s * s - mu * mu) / (2 * rho);
                axpy(s, scratch, g);
            } else {
                value += mu * d;
                axpy(mu, scratch, g);
            }
        }
        return value;
    }

    private static double constraint(Objective c, String kind, int i, double[] x, double[] grad, Multipliers st) {
        st.counters[1]++;
        double v = c.valueAndGrad(x, grad);
        if (!Double.isFinite(v)) {
            throw new IllegalStateException("augmentedLagrangian: " + kind + " constraint " + i + " is " + v + " at the point "
                    + java.util.Arrays.toString(x.length > 8 ? java.util.Arrays.copyOf(x, 8) : x));
        }
        return v;
    }

    private static void axpy(double a, double[] x, double[] y) {
        if (a != 0) {
            for (int k = 0; k < y.length; k++) {
                y[k] += a * x[k];
            }
        }
    }

    private double violation(Multipliers st, double[] x, double[] scratch) {
        double v = 0;
        for (int i = 0; i < equalities.length; i++) {
            v = Math.max(v, Math.abs(constraint(equalities[i], "equality", i, x, scratch, st)));
        }
        for (int j = 0; j < inequalities.length; j++) {
            v = Math.max(v, Math.max(0, constraint(inequalities[j], "inequality", j, x, scratch, st)));
        }
        return v;
    }

    private static double normInf(double[] g) {
        double m = 0;
        for (double v : g) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        Multipliers st = (Multipliers) state;
        int n = it.dimension();
        double[] scratch = new double[n];
        double[] gl = it.gradient().clone();
        lagrangian(st, it.x(), it.value(), gl, scratch, false);
        double violation = violation(st, it.x(), scratch);
        it.measure(violation);
        if (violation <= violationTolerance && normInf(gl) <= gradientTolerance) {
            return Stop.Reason.STATIONARY;
        }
        double innerTolerance = Math.max(gradientTolerance, Math.min(1e-3, 0.1 * violation));
        Objective augmented = (x, g) -> {
            double f = it.valueAndGrad(x, g);
            if (!Double.isFinite(f)) {
                return f;
            }
            return lagrangian(st, x, f, g, new double[x.length], true);
        };
        Result r = Minimize.with(inner).steps(innerSteps).stopWhen(Stop.gradientNorm(innerTolerance)).run(augmented, it.x());
        st.counters[0] += r.iterations();
        double[] x = r.x();
        double rho = st.scalars[0];
        double newViolation = 0;
        for (int i = 0; i < equalities.length; i++) {
            double c = constraint(equalities[i], "equality", i, x, scratch, st);
            st.lambda[i] += rho * c;
            newViolation = Math.max(newViolation, Math.abs(c));
        }
        for (int j = 0; j < inequalities.length; j++) {
            double d = constraint(inequalities[j], "inequality", j, x, scratch, st);
            st.mu[j] = Math.max(0, st.mu[j] + rho * d);
            newViolation = Math.max(newViolation, Math.max(0, d));
        }
        if (newViolation > violationTolerance && newViolation > 0.25 * Math.min(violation, st.scalars[1])) {
            st.scalars[0] = Math.min(rho * 10, MAX_RHO);
        }
        st.scalars[1] = newViolation;
        if (java.util.Arrays.equals(x, it.x())) {
            if (newViolation <= violationTolerance) {
                return Stop.Reason.NO_PROGRESS;
            }
            if (rho >= MAX_RHO) {
                return Stop.Reason.LINE_SEARCH_FAILED;
            }
        }
        double[] g = new double[n];
        double f = it.valueAndGrad(x, g);
        it.moveTo(x, f, g);
        return null;
    }
}
