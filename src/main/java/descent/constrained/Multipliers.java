package descent.constrained;

import descent.optim.State;

/**
 * The state of an augmented-Lagrangian run ({@link ConstrainedMethods#augmentedLagrangian}): the
 * Lagrange multipliers of the equality and inequality constraints and the penalty parameter,
 * found in a result by {@code result.state().find(Multipliers.class)}. At a solution they satisfy
 * the KKT conditions {@code grad f + sum_i lambda_i grad c_i + sum_j mu_j grad d_j = 0},
 * {@code mu >= 0}, {@code mu_j d_j = 0}.
 */
public final class Multipliers extends State {
    final double[] lambda;
    final double[] mu;
    /** Penalty rho, last constraint violation. */
    final double[] scalars = doubles("scalars", 2);
    final long[] counters = longs("counters", 2);

    Multipliers(int equalities, int inequalities) {
        super("augmentedLagrangian");
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

    /** The number of inner iterations, over all outer iterations so far. */
    public long innerIterations() {
        return counters[0];
    }

    /** The number of evaluations of constraint functions so far (each with its gradient). */
    public long constraintEvaluations() {
        return counters[1];
    }
}
