package descent.pinn;

import descent.tensor.Key;
import descent.tensor.Random;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;

import java.util.Arrays;

/**
 * An axis-aligned box prod_i [lo_i, hi_i], also the interval [a, b] in one dimension. Interior
 * points are uniform random by default; {@link #hammersley()} gives the quasi-random Hammersley set
 * instead.
 */
public final class Box implements Domain {
    private final double[] lo;
    private final double[] hi;
    private final boolean hammersley;

    Box(double[] lo, double[] hi) {
        this(lo, hi, false);
    }

    private Box(double[] lo, double[] hi, boolean hammersley) {
        if (lo.length == 0 || lo.length != hi.length) {
            throw new IllegalArgumentException("box: lower and upper corners need the same positive length, got " + lo.length
                    + " and " + hi.length);
        }
        for (int i = 0; i < lo.length; i++) {
            if (!(lo[i] < hi[i]) || Double.isInfinite(lo[i]) || Double.isInfinite(hi[i])) {
                throw new IllegalArgumentException("box: side " + i + " is [" + lo[i] + ", " + hi[i] + "], which is empty or unbounded");
            }
        }
        this.lo = lo.clone();
        this.hi = hi.clone();
        this.hammersley = hammersley;
    }

    /**
     * This box with interior points from the Hammersley set (DeepXDE's default training
     * distribution) instead of uniform random ones: {@link #sample} then ignores its key and gives
     * the same n points for the same n, spread more evenly than random points (no clusters, no
     * gaps), so a fixed set of collocation points covers thin features such as shocks better.
     * Boundary points stay random.
     */
    public Box hammersley() {
        return new Box(lo, hi, true);
    }

    /** Whether interior points are the Hammersley set rather than uniform random. */
    public boolean isHammersley() {
        return hammersley;
    }

    /** The unit-cube points {@code p} [n, d] mapped onto the box. */
    Tensor scale(double[] p, int n) {
        int d = dimension();
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < d; i++) {
                p[r * d + i] = lo[i] + (hi[i] - lo[i]) * p[r * d + i];
            }
        }
        return Tensor.wrap(p, n, d);
    }

    @Override
    public int dimension() {
        return lo.length;
    }

    double lowerBound(int axis) {
        return lo[axis];
    }

    double upperBound(int axis) {
        return hi[axis];
    }

    private Tensor lower() {
        return Tensor.of(lo);
    }

    private Tensor width() {
        return Tensor.of(hi).sub(lower());
    }

    /** Uniform random points, or the first n points of the Hammersley set when {@link #hammersley()}. */
    @Override
    public Tensor sample(Key key, int n) {
        Domain.checkCount("box", n);
        return hammersley ? scale(Hammersley.unitCube(n, dimension()), n) : uniform(key, n);
    }

    /** Uniform random points, also when the training points are the Hammersley set. */
    @Override
    public Tensor sampleHeldOut(Key key, int n) {
        Domain.checkCount("box", n);
        return uniform(key, n);
    }

    private Tensor uniform(Key key, int n) {
        return Random.uniform(key, Shape.of(n, dimension())).mul(width()).add(lower());
    }

    /**
     * Boundary points: a face chosen with probability proportional to its area, then a uniform
     * point on it. In one dimension, the two end points with probability 1/2 each.
     */
    @Override
    public Tensor sampleBoundary(Key key, int n) {
        Domain.checkCount("box boundary", n);
        int d = dimension();
        Key[] k = key.split(3);
        double[] w = width().toArray();
        double[] area = new double[d];
        double total = 0;
        for (int i = 0; i < d; i++) {
            area[i] = 1;
            for (int j = 0; j < d; j++) {
                if (j != i) {
                    area[i] *= w[j];
                }
            }
            total += 2 * area[i];
        }
        double[] face = Random.uniform(k[0], Shape.of(n)).mul(total).toArray();
        double[] side = Random.uniform(k[1], Shape.of(n)).toArray();
        double[] p = uniform(k[2], n).toArray();
        for (int r = 0; r < n; r++) {
            double u = face[r];
            int axis = 0;
            while (axis < d - 1 && u >= 2 * area[axis]) {
                u -= 2 * area[axis];
                axis++;
            }
            p[r * d + axis] = side[r] < 0.5 ? lo[axis] : hi[axis];
        }
        return Tensor.copyOf(p, n, d);
    }

    /** prod_i 4 (x_i - lo_i)(hi_i - x_i) / w_i^2: 0 on every face, 1 at the center. */
    @Override
    public Value boundaryFactor(Value x) {
        Value w = x.constant(width());
        Value l = x.constant(lower());
        Value t = x.sub(l).div(w);
        Value f = t.mul(t.rsub(1)).mul(4);
        return dimension() == 1 ? f.reshape(f.shape().dim(0)) : prod(f);
    }

    private static Value prod(Value f) {
        int d = f.shape().dim(1);
        Value r = f.slice(1, 0, 1);
        for (int i = 1; i < d; i++) {
            r = r.mul(f.slice(1, i, i + 1));
        }
        return r.reshape(f.shape().dim(0));
    }

    /**
     * Latin hypercube sample: along every axis, each of the n equal slices holds exactly one point
     * (uniform within its slice), the slices matched at random across axes.
     */
    public Tensor latinHypercube(Key key, int n) {
        Domain.checkCount("latinHypercube", n);
        int d = dimension();
        Key[] k = key.split(d + 1);
        double[] u = Random.uniform(k[d], Shape.of(n, d)).toArray();
        double[] p = new double[n * d];
        for (int i = 0; i < d; i++) {
            double[] perm = Random.permutation(k[i], n).toArray();
            for (int r = 0; r < n; r++) {
                p[r * d + i] = lo[i] + (hi[i] - lo[i]) * (perm[r] + u[r * d + i]) / n;
            }
        }
        return Tensor.copyOf(p, n, d);
    }

    /** The regular grid with {@code perAxis} points per axis, ends included: shape [perAxis^d, d]. */
    public Tensor grid(int perAxis) {
        if (perAxis < 2) {
            throw new IllegalArgumentException("grid: needs at least 2 points per axis, got " + perAxis);
        }
        int d = dimension();
        long count = 1;
        for (int i = 0; i < d; i++) {
            count *= perAxis;
            if (count > Integer.MAX_VALUE / d) {
                throw new IllegalArgumentException("grid: " + perAxis + "^" + d + " points are too many");
            }
        }
        int n = (int) count;
        double[] p = new double[n * d];
        int[] idx = new int[d];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < d; i++) {
                p[r * d + i] = idx[i] == perAxis - 1 ? hi[i] : lo[i] + (hi[i] - lo[i]) * idx[i] / (perAxis - 1);
            }
            for (int i = d - 1; i >= 0 && ++idx[i] == perAxis; i--) {
                idx[i] = 0;
            }
        }
        return Tensor.copyOf(p, n, d);
    }

    @Override
    public String toString() {
        return "Box" + Arrays.toString(lo) + Arrays.toString(hi) + (hammersley ? " (Hammersley)" : "");
    }
}
