package descent.constrained;

/**
 * A mirror map: a strictly convex, differentiable distance-generating function {@code h} on a
 * closed convex domain, with its Bregman divergence
 * {@code D(y, x) = h(y) - h(x) - <grad h(x), y - x>} and the mirror-descent step
 * <pre>
 * next = argmin_{y in domain} <g, y> + D(y, x) / eta,
 * </pre>
 * which {@link ConstrainedMethods#mirrorDescent} iterates. {@link MirrorMaps} is the catalogue:
 * the entropy on the simplex (exponentiated gradient), the Euclidean distance on any
 * {@link ConvexSet} (projected gradient), the p-norm map and a weighted Euclidean map on a box.
 */
public interface MirrorMap {
    /** The map's name for messages, for example {@code "entropy(simplex(1.0))"}. */
    String name();

    /**
     * The domain, onto whose Euclidean projection a start point is moved, or null if it is all of
     * {@code R^n}.
     */
    ConvexSet domain();

    /**
     * Fails unless {@code x} (in the domain) is a point the map can start from (the entropy needs
     * every element positive).
     *
     * @throws IllegalArgumentException naming the map and the offending element
     */
    default void checkStart(double[] x) {
    }

    /** Writes {@code argmin_{y in domain} <g, y> + D(y, x) / eta} into {@code next}. */
    void step(double[] x, double[] g, double eta, double[] next);

    /** The Bregman divergence {@code D(y, x)}. */
    double divergence(double[] y, double[] x);

    /**
     * The optimality measure at {@code x} with gradient {@code g}, given the step {@code next}
     * just computed: by default the norm of the gradient mapping {@code |x - next| / eta}, zero
     * exactly at a stationary point of the constrained problem. Maps whose metric varies override
     * it with the dual gradient mapping {@code |grad h(x) - grad h(next)| / eta}.
     */
    default double measure(double[] x, double[] g, double[] next, double eta) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - next[i];
            s += d * d;
        }
        return Math.sqrt(s) / eta;
    }
}
