package descent.constrained;

import descent.tensor.Rng;

/**
 * Simulated annealing (Kirkpatrick, Gelatt and Vecchi, 1983) as a baseline for derivative-free
 * global search: Gaussian proposals {@code y = x + s N(0, I)}, accepted by the Metropolis rule
 * (always if {@code f(y) <= f(x)}, else with probability {@code exp(-(f(y) - f(x)) / T)}), the
 * temperature cooled geometrically, {@code T <- c T} per proposal. Proposals alternate between
 * two scales: the initial scale, which keeps jumps between basins possible at every temperature,
 * and a local scale {@code s} adapted every 50 of its proposals toward an acceptance rate of 0.3
 * (multiplied or divided by 1.2), so that once the temperature is low the search contracts onto
 * the minimum it is in, like a (1+1) evolution strategy; with the local scale alone, the search
 * froze in a side basin of 2-D Rastrigin from 7 of 10 seeds. One call of {@code f} per proposal,
 * plus one at the start; the
 * outcome is the best point evaluated. Random numbers come from a generator seeded once.
 *
 * <pre>{@code
 * SearchOutcome o = SimulatedAnnealing.of(f).step(1).temperature(10).cooling(0.9997).seed(1).budget(60_000).target(1e-8).run(x0);
 * }</pre>
 */
public final class SimulatedAnnealing {
    private static final int WINDOW = 50;
    private final ZerothOrder.Function f;
    private double step = 1;
    private double temperature = 10;
    private double cooling = 0.9997;
    private long seed;
    private long budget = 100_000;
    private double target = Double.NEGATIVE_INFINITY;
    private double tolerance = 1e-12;

    private SimulatedAnnealing(ZerothOrder.Function f) {
        if (f == null) {
            throw new IllegalArgumentException("SimulatedAnnealing: the function is null");
        }
        this.f = f;
    }

    /**
     * An annealing of {@code f} with proposal scale 1, initial temperature 10, cooling 0.9997 per
     * proposal, seed 0 and 100000 evaluations.
     */
    public static SimulatedAnnealing of(ZerothOrder.Function f) {
        return new SimulatedAnnealing(f);
    }

    /** The initial proposal scale {@code s > 0}. */
    public SimulatedAnnealing step(double s) {
        this.step = Arg.positive("SimulatedAnnealing", "step", s);
        return this;
    }

    /** The initial temperature {@code T > 0}, in units of {@code f}. */
    public SimulatedAnnealing temperature(double t) {
        this.temperature = Arg.positive("SimulatedAnnealing", "temperature", t);
        return this;
    }

    /** The cooling factor {@code 0 < c < 1} applied after every proposal. */
    public SimulatedAnnealing cooling(double c) {
        if (!(c > 0 && c < 1)) {
            throw new IllegalArgumentException("SimulatedAnnealing: cooling must be in (0, 1), got " + c);
        }
        this.cooling = c;
        return this;
    }

    /** The seed of the generator. */
    public SimulatedAnnealing seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** At most {@code budget} evaluations of {@code f}. */
    public SimulatedAnnealing budget(long budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("SimulatedAnnealing: the budget must be >= 1, got " + budget);
        }
        this.budget = budget;
        return this;
    }

    /** Stop once {@code f(x) <= target}. */
    public SimulatedAnnealing target(double target) {
        this.target = target;
        return this;
    }

    /** Stop once the local proposal scale is below {@code tolerance}. */
    public SimulatedAnnealing tolerance(double tolerance) {
        this.tolerance = Arg.positive("SimulatedAnnealing", "tolerance", tolerance);
        return this;
    }

    /**
     * Runs the annealing from {@code x0}.
     *
     * @throws IllegalArgumentException if {@code x0} is empty or not finite
     * @throws IllegalStateException    if {@code f} returns NaN (naming the evaluation)
     */
    public SearchOutcome run(double[] x0) {
        int n = Arg.finite("SimulatedAnnealing.run", "x0", x0).length;
        if (n == 0) {
            throw new IllegalArgumentException("SimulatedAnnealing.run: the start point is empty");
        }
        Rng rng = new Rng(seed);
        double[] x = x0.clone();
        double[] y = new double[n];
        long evaluations = 1;
        double fx = check(f.value(x.clone()), evaluations);
        double[] best = x.clone();
        double bestValue = fx;
        double s = step;
        double t = temperature;
        int accepted = 0;
        for (long k = 0; ; k++) {
            if (bestValue <= target) {
                return new SearchOutcome(best, bestValue, evaluations, k, "target");
            }
            if (s < tolerance) {
                return new SearchOutcome(best, bestValue, evaluations, k, "tolerance");
            }
            if (evaluations >= budget) {
                return new SearchOutcome(best, bestValue, evaluations, k, "budget");
            }
            boolean local = k % 2 == 0;
            double scale = local ? s : step;
            for (int i = 0; i < n; i++) {
                y[i] = x[i] + scale * rng.nextGaussian();
            }
            evaluations++;
            double fy = check(f.value(y.clone()), evaluations);
            if (fy <= fx || rng.nextDouble() < Math.exp(-(fy - fx) / t)) {
                System.arraycopy(y, 0, x, 0, n);
                fx = fy;
                if (local) {
                    accepted++;
                }
                if (fy < bestValue) {
                    bestValue = fy;
                    best = y.clone();
                }
            }
            t *= cooling;
            if ((k + 1) % (2 * WINDOW) == 0) {
                s = accepted > 0.3 * WINDOW ? s * 1.2 : s / 1.2;
                accepted = 0;
            }
        }
    }

    private static double check(double v, long evaluation) {
        if (Double.isNaN(v)) {
            throw new IllegalStateException("SimulatedAnnealing: the function is NaN at evaluation " + evaluation);
        }
        return v;
    }
}
