package descent.pinn;

import descent.tensor.Key;
import descent.tensor.Random;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;

/**
 * A space-time cylinder: a spatial domain times the time interval [t0, t1]. Points have the d
 * spatial coordinates followed by the time, shape [N, d + 1]. The boundary is the spatial
 * boundary at all times; the initial slice is the spatial domain at t0.
 */
public final class SpaceTime implements Domain {
    private final Domain space;
    private final double t0;
    private final double t1;

    SpaceTime(Domain space, double t0, double t1) {
        if (!(t0 < t1) || Double.isInfinite(t0) || Double.isInfinite(t1)) {
            throw new IllegalArgumentException("spaceTime: the time interval [" + t0 + ", " + t1 + "] is empty or unbounded");
        }
        this.space = space;
        this.t0 = t0;
        this.t1 = t1;
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
        Key[] k = key.split(2);
        return withTimes(space.sample(k[0], n), Random.uniform(k[1], Shape.of(n), t0, t1));
    }

    @Override
    public Tensor sampleBoundary(Key key, int n) {
        Key[] k = key.split(2);
        return withTimes(space.sampleBoundary(k[0], n), Random.uniform(k[1], Shape.of(n), t0, t1));
    }

    /** {@code n} points of the spatial domain at the initial time: [n, d + 1]. */
    public Tensor sampleInitial(Key key, int n) {
        return withTimes(space.sample(key, n), Tensor.full(t0, n));
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
        return space + " x [" + t0 + ", " + t1 + "]";
    }
}
