package descent.constrained;

/**
 * The catalogue of {@link MirrorMap}s for {@link ConstrainedMethods#mirrorDescent}.
 *
 * <pre>{@code
 * Method md = ConstrainedMethods.mirrorDescent(MirrorMaps.pNorm(1 + 1 / Math.log(n)), 0.1, 1e-8);
 * }</pre>
 */
public final class MirrorMaps {
    private MirrorMaps() {
    }

    /**
     * The negative entropy {@code h(x) = sum x_i log x_i} on the simplex {@code {x >= 0, sum x = radius}}:
     * the divergence is the Kullback–Leibler divergence and the step the multiplicative update of
     * exponentiated gradient; the measure is the Frank–Wolfe gap.
     */
    public static MirrorMap entropy(double radius) {
        return new EntropyMap(radius);
    }

    /** {@code h(x) = |x|^2 / 2} on all of {@code R^n}: mirror descent is gradient descent with a fixed step. */
    public static MirrorMap euclidean() {
        return new EuclideanMap(null);
    }

    /** {@code h(x) = |x|^2 / 2} on {@code set}: the step is {@code P(x - eta g)}, projected gradient with a fixed step. */
    public static MirrorMap euclidean(ConvexSet set) {
        if (set == null) {
            throw new IllegalArgumentException("MirrorMaps.euclidean: the set is null (use euclidean() for all of R^n)");
        }
        return new EuclideanMap(set);
    }

    /**
     * The p-norm map {@code h(x) = |x|_p^2 / 2} on {@code R^n} for {@code 1 < p <= 2} (Grove,
     * Littlestone and Schuurmans, 2001; Gentile, 2003), {@code (p - 1)}-strongly convex with
     * respect to {@code |.|_p}; with {@code p = 1 + 1/log n} it adapts mirror descent to sparse
     * solutions and l-infinity-bounded gradients.
     */
    public static MirrorMap pNorm(double p) {
        return new PNormMap(p);
    }

    /** The weighted map {@code h(x) = sum w_i x_i^2 / 2} ({@code w > 0}) on {@code R^n}: diagonally scaled gradient descent. */
    public static MirrorMap weighted(double[] w) {
        return new WeightedMap(w, null, null);
    }

    /**
     * The weighted map {@code h(x) = sum w_i x_i^2 / 2} on the box {@code [lower, upper]}, where its
     * Bregman projection is clipping each coordinate.
     */
    public static MirrorMap weighted(double[] w, double[] lower, double[] upper) {
        if (lower == null || upper == null) {
            throw new IllegalArgumentException("MirrorMaps.weighted: lower and upper are required (use weighted(w) for all of R^n)");
        }
        return new WeightedMap(w, lower, upper);
    }
}
