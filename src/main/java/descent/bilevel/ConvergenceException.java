package descent.bilevel;

/**
 * An iterative solver inside a derivative (an inner optimization or fixed-point solver, or the
 * linear solve of implicit differentiation) did not reach its tolerance, or met a singular
 * system: the derivative it was computing would be wrong, so none is returned. The message names
 * the solver, the iterations spent and the residual reached.
 */
public final class ConvergenceException extends RuntimeException {
    private final int iterations;
    private final double residual;

    /** A failure after {@code iterations} iterations with the residual norm {@code residual}. */
    public ConvergenceException(String message, int iterations, double residual) {
        super(message);
        this.iterations = iterations;
        this.residual = residual;
    }

    /** Iterations the solver spent. */
    public int iterations() {
        return iterations;
    }

    /** The residual norm it reached (NaN where none applies). */
    public double residual() {
        return residual;
    }
}
