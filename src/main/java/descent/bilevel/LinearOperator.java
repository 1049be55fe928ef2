package descent.bilevel;

/** A square linear map {@code v -> A v} given by its products, as a {@link LinearSolver} uses it. */
@FunctionalInterface
public interface LinearOperator {
    /** Writes {@code A v} into {@code out} (both of the operator's dimension). */
    void apply(double[] v, double[] out);
}
