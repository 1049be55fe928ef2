package descent.constrained;

import descent.optim.State;

/**
 * The state of an augmented-Lagrangian run ({@link ConstrainedMethods#augmentedLagrangian}) or of
 * an SQP run ({@link ConstrainedMethods#sqp}): the Lagrange multipliers of the equality and
 * inequality constraints and the penalty parameter (of the merit function, for SQP),
 * found in a result by {@code result.state().find(Multipliers.class)}. At a solution they satisfy
 * the KKT conditions {@code grad f + sum_i lambda_i grad c_i + sum_j mu_j grad d_j = 0},
 * {@code mu >= 0}, {@code mu_j d_j = 0}.
 */
public final class Multipliers extends State {
    final double[] lambda;
    final double[] mu;
    /** Penalty rho, then the last constraint violation (augmented Lagrangian) or the last Hessian shift (SQP). */
    final double[] scalars = doubles("scalars", 2);
    /** Inner iterations, constraint evaluations, and (SQP) constraint Hessian-vector products. */
    final long[] counters;

    Multipliers(int equalities, int inequalities) {
        this("augmentedLagrangian", equalities, inequalities, 2);
    }

    Multipliers(String kind, int equalities, int inequalities, int counters) {
        super(kind);
        this.counters = longs("counters", counters);
        lambda = doubles("lambda", equalities);
        mu = doubles("mu", inequalities);
    }

    /** The multipliers {@code lambda} of the equality constraints {@code c_i(x) = 0} (a copy). */
    public double[] equality() {
        return lambda.clone();
    }

    /** The multipliers {@code mu >= 0} of the inequality constraints {@code d_j(x) <= 0} (a copy). */
    public double[] inequality() {
        return mu.clone();
    }

    /** The current penalty parameter {@code rho}. */
    public double penalty() {
        return scalars[0];
    }

    /**
     * The number of inner iterations, over all outer iterations so far (for SQP: conjugate-gradient
     * iterations or MINRES products, each one Hessian-vector product of the Lagrangian).
     */
    public long innerIterations() {
        return counters[0];
    }

    /** The number of evaluations of constraint functions so far (each with its gradient). */
    public long constraintEvaluations() {
        return counters[1];
    }

    /** The number of Hessian-vector products of constraint functions so far (SQP; 0 for the augmented Lagrangian). */
    public long constraintProducts() {
        return counters.length > 2 ? counters[2] : 0;
    }
}
