package descent.constrained;

import descent.tensor.Rng;

import java.util.Arrays;

/**
 * CMA-ES, the covariance matrix adaptation evolution strategy with weighted recombination,
 * cumulative step-size adaptation and rank-one plus rank-mu covariance updates, in the form and
 * with the default constants of Hansen's tutorial ("The CMA Evolution Strategy: A Tutorial",
 * 2016): a derivative-free global search for {@code min f(x)} over {@code R^n}. Each generation
 * samples {@code lambda} points {@code m + sigma B D z}, {@code z ~ N(0, I)}, from a generator
 * seeded once, so a run is reproducible.
 *
 * <pre>{@code
 * CmaEs.Outcome o = CmaEs.of(f).sigma(2).population(200).seed(1).budget(200_000).target(1e-8).run(x0);
 * }</pre>
 */
public final class CmaEs {
    /** Why a search ended, where it ended, and what it cost. */
    public record Outcome(double[] x, double value, long evaluations, long generations, String reason) {
    }

    private final ZerothOrder.Function f;
    private double sigma = 1;
    private int lambda = -1;
    private long seed;
    private long budget = 100_000;
    private double target = Double.NEGATIVE_INFINITY;
    private double tolerance = 1e-12;

    private CmaEs(ZerothOrder.Function f) {
        if (f == null) {
            throw new IllegalArgumentException("CmaEs: the function is null");
        }
        this.f = f;
    }

    /** A search of {@code f} with {@code sigma = 1}, the default population {@code 4 + 3 ln n}, seed 0, 100000 evaluations. */
    public static CmaEs of(ZerothOrder.Function f) {
        return new CmaEs(f);
    }

    /** The initial step size (about a quarter of the search domain's width). */
    public CmaEs sigma(double sigma) {
        this.sigma = Arg.positive("CmaEs", "sigma", sigma);
        return this;
    }

    /** The population {@code lambda >= 4}; large populations find the global minimum of multimodal functions. */
    public CmaEs population(int lambda) {
        if (lambda < 4) {
            throw new IllegalArgumentException("CmaEs: the population must be >= 4, got " + lambda);
        }
        this.lambda = lambda;
        return this;
    }

    /** The seed of the sampling generator. */
    public CmaEs seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** At most {@code budget} evaluations of {@code f}. */
    public CmaEs budget(long budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("CmaEs: the budget must be >= 1, got " + budget);
        }
        this.budget = budget;
        return this;
    }

    /** Stop once {@code f(x) <= target}. */
    public CmaEs target(double target) {
        this.target = target;
        return this;
    }

    /** Stop once {@code sigma} times the largest standard deviation of the search distribution is below {@code tolerance}. */
    public CmaEs tolerance(double tolerance) {
        this.tolerance = Arg.positive("CmaEs", "tolerance", tolerance);
        return this;
    }

    /**
     * Runs the search from the mean {@code x0}.
     *
     * @throws IllegalArgumentException if {@code x0} is empty or not finite
     * @throws IllegalStateException    if {@code f} returns NaN (naming the point's evaluation)
     */
    public Outcome run(double[] x0) {
        int n = Arg.finite("CmaEs.run", "x0", x0).length;
        if (n == 0) {
            throw new IllegalArgumentException("CmaEs.run: the start point is empty");
        }
        int lam = lambda > 0 ? lambda : 4 + (int) Math.floor(3 * Math.log(n));
        int mu = lam / 2;
        double[] w = new double[mu];
        double sw = 0;
        for (int i = 0; i < mu; i++) {
            w[i] = Math.log(mu + 0.5) - Math.log(i + 1);
            sw += w[i];
        }
        double sw2 = 0;
        for (int i = 0; i < mu; i++) {
            w[i] /= sw;
            sw2 += w[i] * w[i];
        }
        double mueff = 1 / sw2;
        double cs = (mueff + 2) / (n + mueff + 5);
        double ds = 1 + 2 * Math.max(0, Math.sqrt((mueff - 1) / (n + 1)) - 1) + cs;
        double cc = (4 + mueff / n) / (n + 4 + 2 * mueff / n);
        double c1 = 2 / ((n + 1.3) * (n + 1.3) + mueff);
        double cmu = Math.min(1 - c1, 2 * (mueff - 2 + 1 / mueff) / ((n + 2) * (n + 2) + mueff));
        double chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));

        Rng rng = new Rng(seed);
        double[] m = x0.clone();
        double s = sigma;
        double[] c = new double[n * n];
        double[] b = new double[n * n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            c[i * n + i] = 1;
            b[i * n + i] = 1;
            d[i] = 1;
        }
        double[] ps = new double[n];
        double[] pc = new double[n];
        double[][] ys = new double[lam][n];
        double[][] xs = new double[lam][n];
        double[] fs = new double[lam];
        Integer[] order = new Integer[lam];
        double[] best = m.clone();
        double bestValue = Double.POSITIVE_INFINITY;
        long evaluations = 0;
        long generation = 0;
        long eigenAt = 0;
        double[] z = new double[n];
        double[] yw = new double[n];
        double[] tmp = new double[n];
        while (true) {
            for (int k = 0; k < lam; k++) {
                for (int i = 0; i < n; i++) {
                    z[i] = d[i] * rng.nextGaussian();
                }
                for (int i = 0; i < n; i++) {
                    double v = 0;
                    for (int j = 0; j < n; j++) {
                        v += b[i * n + j] * z[j];
                    }
                    ys[k][i] = v;
                    xs[k][i] = m[i] + s * v;
                }
                double fx = f.value(xs[k]);
                evaluations++;
                if (Double.isNaN(fx)) {
                    throw new IllegalStateException("CmaEs: the function is NaN at evaluation " + evaluations);
                }
                fs[k] = fx;
                order[k] = k;
                if (fx < bestValue) {
                    bestValue = fx;
                    best = xs[k].clone();
                }
            }
            generation++;
            if (bestValue <= target) {
                return new Outcome(best, bestValue, evaluations, generation, "target");
            }
            if (evaluations + lam > budget) {
                return new Outcome(best, bestValue, evaluations, generation, "budget");
            }
            Arrays.sort(order, (p, q) -> Double.compare(fs[p], fs[q]));
            Arrays.fill(yw, 0);
            for (int r = 0; r < mu; r++) {
                double[] y = ys[order[r]];
                for (int i = 0; i < n; i++) {
                    yw[i] += w[r] * y[i];
                }
            }
            for (int i = 0; i < n; i++) {
                m[i] += s * yw[i];
            }
            // C^{-1/2} y_w = B D^{-1} B' y_w
            for (int j = 0; j < n; j++) {
                double v = 0;
                for (int i = 0; i < n; i++) {
                    v += b[i * n + j] * yw[i];
                }
                tmp[j] = v / d[j];
            }
            double psNorm = 0;
            double kcs = Math.sqrt(cs * (2 - cs) * mueff);
            for (int i = 0; i < n; i++) {
                double v = 0;
                for (int j = 0; j < n; j++) {
                    v += b[i * n + j] * tmp[j];
                }
                ps[i] = (1 - cs) * ps[i] + kcs * v;
                psNorm += ps[i] * ps[i];
            }
            psNorm = Math.sqrt(psNorm);
            boolean hs = psNorm / Math.sqrt(1 - Math.pow(1 - cs, 2 * generation)) < (1.4 + 2.0 / (n + 1)) * chiN;
            double kcc = Math.sqrt(cc * (2 - cc) * mueff);
            for (int i = 0; i < n; i++) {
                pc[i] = (1 - cc) * pc[i] + (hs ? kcc * yw[i] : 0);
            }
            double keep = 1 - c1 - cmu + (hs ? 0 : c1 * cc * (2 - cc));
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double rankMu = 0;
                    for (int r = 0; r < mu; r++) {
                        double[] y = ys[order[r]];
                        rankMu += w[r] * y[i] * y[j];
                    }
                    double v = keep * c[i * n + j] + c1 * pc[i] * pc[j] + cmu * rankMu;
                    c[i * n + j] = v;
                    c[j * n + i] = v;
                }
            }
            s *= Math.exp((cs / ds) * (psNorm / chiN - 1));
            if (generation - eigenAt >= Math.max(1, lam / ((c1 + cmu) * n * 10))) {
                eigenAt = generation;
                SymmetricEigen e = new SymmetricEigen(c, 0, n);
                System.arraycopy(e.vectors, 0, b, 0, n * n);
                for (int i = 0; i < n; i++) {
                    d[i] = Math.sqrt(Math.max(e.values[i], 1e-300));
                }
            }
            double dmax = 0;
            for (double v : d) {
                dmax = Math.max(dmax, v);
            }
            if (!(s * dmax >= tolerance)) {
                return new Outcome(best, bestValue, evaluations, generation, "tolerance");
            }
        }
    }
}
