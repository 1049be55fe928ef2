package descent.pinn;

import descent.tensor.Key;
import descent.tensor.Random;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;

/**
 * The ball |x - c| &lt;= r in R^d; its boundary is the sphere |x - c| = r. Interior points are
 * uniform in volume by default; {@link #radiallyUniform()} gives the STDE paper's distribution.
 */
public final class Ball implements Domain {
    private final double[] center;
    private final double radius;
    private final boolean radial;

    Ball(double[] center, double radius) {
        this(center, radius, false);
    }

    private Ball(double[] center, double radius, boolean radial) {
        if (center.length == 0) {
            throw new IllegalArgumentException("ball: the center needs at least one coordinate");
        }
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("ball: the radius must be positive and finite, got " + radius);
        }
        this.center = center.clone();
        this.radius = radius;
        this.radial = radial;
    }

    /**
     * This ball with interior points drawn at a uniform radius s ~ U(0, r) in a uniform direction,
     * as in the STDE paper's experiments: in high dimension, volume-uniform points all lie near the
     * sphere (s = r U^(1/d)), where a solution vanishing on the boundary is nearly zero, while
     * radius-uniform points cover the whole interior. The density is not uniform in volume.
     */
    public Ball radiallyUniform() {
        return new Ball(center, radius, true);
    }

    /** Whether interior points are drawn at a uniform radius rather than uniformly in volume. */
    public boolean isRadiallyUniform() {
        return radial;
    }

    @Override
    public int dimension() {
        return center.length;
    }

    /**
     * Points c + s_i g_i / |g_i| for standard Gaussian rows g_i: uniform directions at the given
     * radii, built in the buffer of the draw itself (one allocation of n x d, which matters in high
     * dimension).
     */
    private Tensor scaledDirections(Key key, double[] radii) {
        int n = radii.length;
        int d = dimension();
        double[] g = Random.normal(key, Shape.of(n, d)).contiguousData();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += g[i * d + j] * g[i * d + j];
            }
            double scale = radii[i] / Math.sqrt(s);
            for (int j = 0; j < d; j++) {
                g[i * d + j] = center[j] + g[i * d + j] * scale;
            }
        }
        return Tensor.wrap(g, n, d);
    }

    /**
     * A uniform direction at radius r U^(1/d) (uniform in volume), or at radius r U when
     * {@link #radiallyUniform()}.
     */
    @Override
    public Tensor sample(Key key, int n) {
        Domain.checkCount("ball", n);
        Key[] k = key.split(2);
        Tensor u = Random.uniform(k[1], Shape.of(n));
        double[] r = (radial ? u : u.pow(1.0 / dimension())).mul(radius).toArray();
        return scaledDirections(k[0], r);
    }

    /** Uniform on the sphere |x - c| = r. */
    @Override
    public Tensor sampleBoundary(Key key, int n) {
        Domain.checkCount("sphere", n);
        double[] r = new double[n];
        java.util.Arrays.fill(r, radius);
        return scaledDirections(key, r);
    }

    /** 1 - |x - c|^2 / r^2: 0 on the sphere, 1 at the center (the STDE paper's ansatz for the unit ball). */
    @Override
    public Value boundaryFactor(Value x) {
        return x.sub(x.constant(Tensor.of(center))).square().sum(1).div(radius * radius).rsub(1);
    }

    @Override
    public String toString() {
        return "Ball(d = " + dimension() + ", r = " + radius + (radial ? ", radially uniform" : "") + ")";
    }
}
