package descent.constrained;

/**
 * A closed convex set {@code C} of vectors, given by its Euclidean projection
 * {@code P(x) = argmin_{y in C} |y - x|} and, where the set is bounded and the minimizer cheap, by
 * its linear minimization oracle {@code LMO(g) = argmin_{s in C} <g, s>} (the step direction of
 * Frank–Wolfe). {@link Sets} is the catalogue.
 *
 * <p>Every operation acts on a slice {@code [offset, offset + length)} of a flat vector, in place,
 * so the sets of a {@link Sets#product} constrain the leaves of a parameter vector without copies.
 * A set with a fixed dimension (a box given by arrays, a hyperplane) fails on a slice of any other
 * length, naming itself and both lengths.
 */
public interface ConvexSet {
    /** The set's name for messages, for example {@code "l1Ball(2.0)"}. */
    String name();

    /** The dimension the set requires, or -1 if it is defined in every dimension. */
    int dimension();

    /** Replaces {@code x[offset, offset + length)} by its projection onto the set. */
    void project(double[] x, int offset, int length);

    /** Replaces {@code x} by its projection onto the set. */
    default void project(double[] x) {
        project(x, 0, x.length);
    }

    /**
     * True if {@code x[offset, offset + length)} lies in the set up to {@code tolerance} (absolute,
     * on each defining inequality or equality).
     */
    boolean contains(double[] x, int offset, int length, double tolerance);

    /** True if {@code x} lies in the set up to {@code tolerance}. */
    default boolean contains(double[] x, double tolerance) {
        return contains(x, 0, x.length, tolerance);
    }

    /** True if the set has a linear minimization oracle ({@link #lmo}). */
    default boolean hasLmo() {
        return false;
    }

    /**
     * Writes into {@code s[offset, offset + length)} a minimizer of {@code <g, s>} over the set,
     * for {@code g = g[offset, offset + length)}.
     *
     * @throws UnsupportedOperationException if the set is unbounded or has no cheap oracle
     */
    default void lmo(double[] g, double[] s, int offset, int length) {
        throw new UnsupportedOperationException(name() + " has no linear minimization oracle (it is unbounded or its "
                + "oracle is not cheap); Frank–Wolfe needs a bounded set such as a box, a ball or the simplex");
    }

    /** {@link #lmo(double[], double[], int, int)} over whole vectors. */
    default void lmo(double[] g, double[] s) {
        if (g.length != s.length) {
            throw new IllegalArgumentException(name() + ".lmo: gradient of " + g.length + " elements, output of " + s.length);
        }
        lmo(g, s, 0, g.length);
    }
}
