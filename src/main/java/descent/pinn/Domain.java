package descent.pinn;

import descent.tensor.Key;
import descent.tensor.Tensor;
import descent.tensor.Value;

/**
 * A region of R^d where a PDE holds, with uniform samplers for its interior and its boundary and a
 * smooth factor vanishing exactly on its boundary (for hard-constraint ansatzes
 * u = g + factor * network). Sampling is a pure function of the key.
 */
public interface Domain {
    /** The dimension d of the points. */
    int dimension();

    /**
     * {@code n} interior points: shape [n, d]; uniform random unless the domain was made to draw
     * otherwise (e.g. {@link Ball#radiallyUniform()}, {@link Box#hammersley()}).
     */
    Tensor sample(Key key, int n);

    /**
     * {@code n} held-out points for measuring errors, drawn at random and independent of the
     * training points: from the interior distribution of {@link #sample}, or uniformly when that is
     * a deterministic point set (such as {@link Box#hammersley()}); shape [n, d].
     */
    default Tensor sampleHeldOut(Key key, int n) {
        return sample(key, n);
    }

    /** {@code n} points drawn uniformly (by surface measure) from the boundary: shape [n, d]. */
    Tensor sampleBoundary(Key key, int n);

    /** A smooth function of the points [N, d] that is 0 on the boundary and positive inside: [N]. */
    Value boundaryFactor(Value x);

    /** An axis-aligned box [lo_i, hi_i]. */
    static Box box(double[] lo, double[] hi) {
        return new Box(lo, hi);
    }

    /** The interval [a, b] (a box in one dimension). */
    static Box interval(double a, double b) {
        return new Box(new double[] {a}, new double[] {b});
    }

    /** The ball of the given center and radius. */
    static Ball ball(double[] center, double radius) {
        return new Ball(center, radius);
    }

    /** The unit ball around the origin of R^d. */
    static Ball unitBall(int d) {
        return new Ball(new double[d], 1);
    }

    /** The space-time cylinder of {@code space} and the time interval [t0, t1]; time is the last coordinate. */
    static SpaceTime spaceTime(Domain space, double t0, double t1) {
        return new SpaceTime(space, t0, t1);
    }

    /** Fails unless {@code n} is a valid number of points. */
    static void checkCount(String op, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(op + ": the number of points must be at least 1, got " + n);
        }
    }
}
