package descent.pinn;

import descent.tensor.Key;
import descent.tensor.Random;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;

/**
 * A space-time cylinder: a spatial domain times the time interval [t0, t1]. Points have the d
 * spatial coordinates followed by the time, shape [N, d + 1]. The boundary is the spatial
 * boundary at all times; the initial slice is the spatial domain at t0. Points are uniform random
 * by default; {@link #hammersley()} gives quasi-random ones.
 */
public final class SpaceTime implements Domain {
    private final Domain space;
    private final double t0;
    private final double t1;
    private final boolean hammersley;

    SpaceTime(Domain space, double t0, double t1) {
        this(space, t0, t1, false);
    }

    private SpaceTime(Domain space, double t0, double t1, boolean hammersley) {
        if (!(t0 < t1) || Double.isInfinite(t0) || Double.isInfinite(t1)) {
            throw new IllegalArgumentException("spaceTime: the time interval [" + t0 + ", " + t1 + "] is empty or unbounded");
        }
        this.space = space;
        this.t0 = t0;
        this.t1 = t1;
        this.hammersley = hammersley;
    }

    /**
     * This cylinder with DeepXDE's default training points: the interior points are the
     * Hammersley set of the box (space, time) (time the grid coordinate i / (n + 1)), the initial
     * points the space's Hammersley set at t0, and the boundary points' times the van der Corput
     * sequence (on random points of the spatial boundary). Interior and initial points then ignore
     * their keys. Needs a box as the spatial domain.
     *
     * @throws IllegalArgumentException if the spatial domain is not a {@link Box}
     */
    public SpaceTime hammersley() {
        if (!(space instanceof Box)) {
            throw new IllegalArgumentException("spaceTime.hammersley: needs a box as the spatial domain, got " + space);
        }
        return new SpaceTime(space, t0, t1, true);
    }

    /** Whether the points are quasi-random ({@link #hammersley()}) rather than uniform random. */
    public boolean isHammersley() {
        return hammersley;
    }

    private Box box() {
        int d = space.dimension();
        double[] lo = new double[d + 1];
        double[] hi = new double[d + 1];
        Box b = (Box) space;
        for (int i = 0; i < d; i++) {
            lo[i] = b.lowerBound(i);
            hi[i] = b.upperBound(i);
        }
        lo[d] = t0;
        hi[d] = t1;
        return new Box(lo, hi);
    }

    /** The spatial domain. */
    public Domain space() {
        return space;
    }

    /** The initial time. */
    public double start() {
        return t0;
    }

    /** The final time. */
    public double end() {
        return t1;
    }

    @Override
    public int dimension() {
        return space.dimension() + 1;
    }

    private Tensor withTimes(Tensor x, Tensor t) {
        return Tensor.concat(1, x, t.reshape(t.size(), 1));
    }

    @Override
    public Tensor sample(Key key, int n) {
        if (hammersley) {
            Domain.checkCount("spaceTime", n);
            return box().scale(Hammersley.unitCube(n, dimension()), n);
        }
        Key[] k = key.split(2);
        return withTimes(space.sample(k[0], n), Random.uniform(k[1], Shape.of(n), t0, t1));
    }

    /** Held-out points of the space at uniform random times, also when the training points are the Hammersley set. */
    @Override
    public Tensor sampleHeldOut(Key key, int n) {
        Key[] k = key.split(2);
        return withTimes(space.sampleHeldOut(k[0], n), Random.uniform(k[1], Shape.of(n), t0, t1));
    }

    @Override
    public Tensor sampleBoundary(Key key, int n) {
        Key[] k = key.split(2);
        Tensor t = hammersley ? Tensor.wrap(Hammersley.interval(n, t0, t1), n) : Random.uniform(k[1], Shape.of(n), t0, t1);
        return withTimes(space.sampleBoundary(k[0], n), t);
    }

    /** {@code n} points of the spatial domain at the initial time: [n, d + 1]. */
    public Tensor sampleInitial(Key key, int n) {
        Tensor x = hammersley ? ((Box) space).hammersley().sample(key, n) : space.sample(key, n);
        return withTimes(x, Tensor.full(t0, n));
    }

    /** The spatial boundary factor times (t - t0) / (t1 - t0): zero on the boundary and at the initial time. */
    @Override
    public Value boundaryFactor(Value x) {
        int d = space.dimension();
        Value t = x.slice(1, d, d + 1).reshape(x.shape().dim(0)).sub(t0).div(t1 - t0);
        return space.boundaryFactor(x.slice(1, 0, d)).mul(t);
    }

    @Override
    public String toString() {
        return space + " x [" + t0 + ", " + t1 + "]" + (hammersley ? " (Hammersley)" : "");
    }
}
