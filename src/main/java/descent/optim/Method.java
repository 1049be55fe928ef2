package descent.optim;

import descent.tensor.ParamLayout;

/**
 * An optimizer that evaluates the objective itself, as often as it needs per iteration: line-search
 * methods (L-BFGS, L-BFGS-B, BFGS, nonlinear conjugate gradients), Newton-type and trust-region
 * methods, Gauss–Newton and Levenberg–Marquardt. {@link Minimize#with(Method)} runs one like any
 * {@link Transform}, with the same history, callbacks, stopping criteria, non-finite checks and
 * checkpoints; {@link Methods} is the catalogue.
 *
 * <p>An iteration starts from the current point of the {@link Iterate} (evaluated: value and
 * gradient known), evaluates the objective wherever it needs through the iterate's counted
 * oracles, and ends by moving the iterate to the next point with its value and gradient
 * ({@link Iterate#moveTo}). All state that persists between iterations lives in the arrays of
 * its {@link State}, so checkpoints capture it.
 */
public interface Method {
    /** The method's name, for messages. */
    String name();

    /**
     * The initial state for parameters of this layout. {@code start} is the evaluated start point,
     * with the bounds and oracles of the run: a method that cannot handle them (bounds, a missing
     * Hessian-vector product) fails here, naming what it needs.
     */
    State init(ParamLayout layout, Iterate start);

    /**
     * One iteration from the current point of {@code it}: moves the iterate to the next point and
     * returns null, or returns the reason the run must stop (having moved or not: a method may
     * take a last step and stop, or stop where it is because it cannot proceed).
     */
    Stop.Reason step(Iterate it, State state);

    /** Stopping criteria that belong to the method (SciPy's tolerances for L-BFGS-B), checked beside the run's. */
    default Stop[] criteria() {
        return new Stop[0];
    }
}
