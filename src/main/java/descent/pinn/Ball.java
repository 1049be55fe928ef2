package descent.pinn;

import descent.tensor.Key;
import descent.tensor.Random;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;

/** The ball |x - c| &lt;= r in R^d; its boundary is the sphere |x - c| = r. */
public final class Ball implements Domain {
    private final double[] center;
    private final double radius;

    Ball(double[] center, double radius) {
        if (center.length == 0) {
            throw new IllegalArgumentException("ball: the center needs at least one coordinate");
        }
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("ball: the radius must be positive and finite, got " + radius);
        }
        this.center = center.clone();
        this.radius = radius;
    }

    @Override
    public int dimension() {
        return center.length;
    }

    /** Directions uniform on the unit sphere: normalized standard Gaussians, [n, d]. */
    private Tensor directions(Key key, int n) {
        Tensor g = Random.normal(key, Shape.of(n, dimension()));
        return g.div(g.square().sum(1).sqrt().reshape(n, 1));
    }

    /** Uniform in the ball: a uniform direction at radius r U^(1/d). */
    @Override
    public Tensor sample(Key key, int n) {
        Domain.checkCount("ball", n);
        Key[] k = key.split(2);
        Tensor r = Random.uniform(k[1], Shape.of(n, 1)).pow(1.0 / dimension()).mul(radius);
        return directions(k[0], n).mul(r).add(Tensor.of(center));
    }

    /** Uniform on the sphere |x - c| = r. */
    @Override
    public Tensor sampleBoundary(Key key, int n) {
        Domain.checkCount("sphere", n);
        return directions(key, n).mul(radius).add(Tensor.of(center));
    }

    /** 1 - |x - c|^2 / r^2: 0 on the sphere, 1 at the center (the STDE paper's ansatz for the unit ball). */
    @Override
    public Value boundaryFactor(Value x) {
        return x.sub(x.constant(Tensor.of(center))).square().sum(1).div(radius * radius).rsub(1);
    }

    @Override
    public String toString() {
        return "Ball(d = " + dimension() + ", r = " + radius + ")";
    }
}
