package descent.constrained;

import descent.tensor.Rng;

/**
 * Consensus-based optimization (Pinnau, Totzeck, Tse and Martin, 2017) with anisotropic noise
 * (Carrillo, Jin, Li and Zhu, 2021): a derivative-free global search for {@code min f(x)} over
 * {@code R^n} by {@code N} interacting particles. Each iteration evaluates every particle, forms
 * the consensus point
 * <pre>
 * v = sum_i w_i X_i / sum_i w_i,   w_i = exp(-alpha (f(X_i) - min_j f(X_j))),
 * </pre>
 * (a Laplace-principle approximation of the best particle, exact as {@code alpha -> infinity})
 * and moves every particle by the Euler–Maruyama step
 * <pre>
 * X_i += -lambda dt (X_i - v) + sigma sqrt(dt) (X_i - v) * xi_i,   xi_i ~ N(0, I) elementwise,
 * </pre>
 * so particles drift to the consensus and explore in proportion to their distance from it, per
 * coordinate (which keeps the method effective in high dimension). A small {@code alpha} lets
 * the consensus average over many basins early on, which smooths the landscape; growing it
 * geometrically ({@link #alphaGrowth}) then sharpens the consensus onto the best particle, so
 * the search ends at a minimum rather than at a weighted mean near it. The particles start at
 * {@code x0 + spread N(0, I)}, from a generator seeded once, so a search is reproducible. The
 * outcome is the best point evaluated.
 *
 * <pre>{@code
 * SearchOutcome o = Cbo.of(f).particles(200).alpha(1e4).spread(2).seed(1).budget(200_000).target(1e-8).run(x0);
 * }</pre>
 */
public final class Cbo {
    private final ZerothOrder.Function f;
    private int particles = 100;
    private double alpha = 10;
    private double growth = 1.05;
    private double lambda = 1;
    private double sigma = 4;
    private double dt = 0.05;
    private double spread = 1;
    private long seed;
    private long budget = 100_000;
    private double target = Double.NEGATIVE_INFINITY;
    private double tolerance = 1e-12;

    private Cbo(ZerothOrder.Function f) {
        if (f == null) {
            throw new IllegalArgumentException("Cbo: the function is null");
        }
        this.f = f;
    }

    /**
     * A search of {@code f} with 100 particles, {@code alpha = 10} growing by 1.05 per iteration,
     * {@code lambda = 1}, {@code sigma = 4}, {@code dt = 0.05}, spread 1, seed 0 and 100000
     * evaluations. (With these constants and 200 particles the search finds the global minima of
     * Rastrigin and Ackley in 10-D from every one of ten seeds.)
     */
    public static Cbo of(ZerothOrder.Function f) {
        return new Cbo(f);
    }

    /** The number of particles {@code N >= 2}. */
    public Cbo particles(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("Cbo: particles must be >= 2, got " + n);
        }
        this.particles = n;
        return this;
    }

    /** The weight exponent {@code alpha > 0}: larger values make the consensus closer to the best particle. */
    public Cbo alpha(double alpha) {
        this.alpha = Arg.positive("Cbo", "alpha", alpha);
        return this;
    }

    /** Multiplies {@code alpha} by {@code growth >= 1} after every iteration (up to 1e15). */
    public Cbo alphaGrowth(double growth) {
        if (!(growth >= 1) || growth == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("Cbo: alphaGrowth must be finite and >= 1, got " + growth);
        }
        this.growth = growth;
        return this;
    }

    /** The drift rate {@code lambda > 0} toward the consensus. */
    public Cbo lambda(double lambda) {
        this.lambda = Arg.positive("Cbo", "lambda", lambda);
        return this;
    }

    /**
     * The noise scale {@code sigma >= 0}. With multiplicative noise the distance of a particle to
     * the consensus still shrinks almost surely for large {@code sigma} (its logarithm drifts by
     * {@code -lambda - sigma^2 / 2}), but with heavy tails that keep exploring longer.
     */
    public Cbo sigma(double sigma) {
        this.sigma = Arg.nonNegative("Cbo", "sigma", sigma);
        return this;
    }

    /** The time step {@code dt > 0}. */
    public Cbo dt(double dt) {
        this.dt = Arg.positive("Cbo", "dt", dt);
        return this;
    }

    /** The standard deviation of the initial particles around {@code x0}. */
    public Cbo spread(double spread) {
        this.spread = Arg.positive("Cbo", "spread", spread);
        return this;
    }

    /** The seed of the generator. */
    public Cbo seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** At most {@code budget} evaluations of {@code f}. */
    public Cbo budget(long budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("Cbo: the budget must be >= 1, got " + budget);
        }
        this.budget = budget;
        return this;
    }

    /** Stop once {@code f(x) <= target}. */
    public Cbo target(double target) {
        this.target = target;
        return this;
    }

    /** Stop once every particle is within {@code tolerance} of the consensus in every coordinate. */
    public Cbo tolerance(double tolerance) {
        this.tolerance = Arg.positive("Cbo", "tolerance", tolerance);
        return this;
    }

    /**
     * Runs the search with particles spread around {@code x0}.
     *
     * @throws IllegalArgumentException if {@code x0} is empty or not finite
     * @throws IllegalStateException    if {@code f} returns NaN (naming the evaluation)
     */
    public SearchOutcome run(double[] x0) {
        int n = Arg.finite("Cbo.run", "x0", x0).length;
        if (n == 0) {
            throw new IllegalArgumentException("Cbo.run: the start point is empty");
        }
        Rng rng = new Rng(seed);
        double[][] xs = new double[particles][n];
        for (double[] p : xs) {
            for (int k = 0; k < n; k++) {
                p[k] = x0[k] + spread * rng.nextGaussian();
            }
        }
        double[] fs = new double[particles];
        double[] w = new double[particles];
        double[] v = new double[n];
        double[] best = x0.clone();
        double bestValue = Double.POSITIVE_INFINITY;
        long evaluations = 0;
        double drift = lambda * dt;
        double noise = sigma * Math.sqrt(dt);
        double a = alpha;
        for (long iteration = 0; ; iteration++) {
            if (evaluations + particles > budget) {
                return new SearchOutcome(best, bestValue, evaluations, iteration, "budget");
            }
            double fmin = Double.POSITIVE_INFINITY;
            for (int i = 0; i < particles; i++) {
                double fi = f.value(xs[i].clone());
                evaluations++;
                if (Double.isNaN(fi)) {
                    throw new IllegalStateException("Cbo: the function is NaN at evaluation " + evaluations);
                }
                fs[i] = fi;
                if (fi < fmin) {
                    fmin = fi;
                }
                if (fi < bestValue) {
                    bestValue = fi;
                    best = xs[i].clone();
                }
            }
            if (bestValue <= target) {
                return new SearchOutcome(best, bestValue, evaluations, iteration + 1, "target");
            }
            double sw = 0;
            for (int i = 0; i < particles; i++) {
                w[i] = Math.exp(-a * (fs[i] - fmin));
                sw += w[i];
            }
            java.util.Arrays.fill(v, 0);
            for (int i = 0; i < particles; i++) {
                double wi = w[i] / sw;
                for (int k = 0; k < n; k++) {
                    v[k] += wi * xs[i][k];
                }
            }
            double width = 0;
            for (double[] p : xs) {
                for (int k = 0; k < n; k++) {
                    double d = p[k] - v[k];
                    width = Math.max(width, Math.abs(d));
                    p[k] -= drift * d - noise * d * rng.nextGaussian();
                }
            }
            a = Math.min(a * growth, 1e15);
            if (width < tolerance) {
                return new SearchOutcome(best, bestValue, evaluations, iteration + 1, "tolerance");
            }
        }
    }
}
