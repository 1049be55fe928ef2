package descent.constrained;

/**
 * The end of a derivative-free global search ({@link Cbo}, {@link SimulatedAnnealing}): the best
 * point found and its value, the number of calls of the function, the iterations, and why the
 * search stopped ({@code "target"}, {@code "budget"} or {@code "tolerance"}).
 */
public record SearchOutcome(double[] x, double value, long evaluations, long iterations, String reason) {
}
