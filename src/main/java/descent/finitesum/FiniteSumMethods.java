package descent.finitesum;

import descent.optim.Method;

/**
 * The catalogue of stochastic methods for finite sums {@code f = (1/n) sum_i f_i}
 * ({@link FiniteSum}), each a {@link Method} run on the sum's mean objective:
 * {@code Minimize.with(method).steps(epochs).run(sum.objective(), x0)}. One {@code Minimize}
 * iteration is an epoch of {@code innerSteps} stochastic steps (0 means {@code n / batch}) on
 * mini-batches drawn uniformly with replacement from a generator seeded with {@code seed}; the
 * history records the full objective and gradient norm after each epoch, so its slope on a log
 * scale is the rate per epoch, and checkpoints resume bit for bit. The run's
 * {@link FiniteSumState} counts the per-term gradients each method evaluated.
 *
 * <pre>{@code
 * FiniteSum sum = FiniteSum.of(logisticTerm, d, features, labels);
 * Result r = Minimize.with(FiniteSumMethods.svrg(sum, 0.1, 1, 0, 42)).steps(30).run(sum.objective(), new double[d]);
 * }</pre>
 */
public final class FiniteSumMethods {
    private FiniteSumMethods() {
    }

    /** Plain SGD with a constant step (the baseline). */
    public static Method sgd(FiniteSum sum, double step, int batch, int innerSteps, long seed) {
        return new Sgd(sum, step, batch, innerSteps, seed);
    }

    /** SVRG: a snapshot and its full gradient per epoch, uniform sampling. */
    public static Method svrg(FiniteSum sum, double step, int batch, int innerSteps, long seed) {
        return new Svrg(sum, step, batch, innerSteps, false, 0, seed);
    }

    /** SVRG with terms drawn in proportion to their gradient norms at the snapshot (importance sampling, reweighted to stay unbiased). */
    public static Method svrgImportance(FiniteSum sum, double step, int batch, int innerSteps, long seed) {
        return new Svrg(sum, step, batch, innerSteps, true, 0, seed);
    }

    /** Loopless SVRG: the snapshot moves to the current point with probability {@code probability} after each step (1 / n is usual). */
    public static Method looplessSvrg(FiniteSum sum, double step, double probability, int batch, int innerSteps, long seed) {
        if (!(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException("looplessSvrg: probability must be in (0, 1], got " + probability);
        }
        return new Svrg(sum, step, batch, innerSteps, false, probability, seed);
    }

    /** SAGA: a table of per-term gradients, one full pass to fill it at the start. */
    public static Method saga(FiniteSum sum, double step, int batch, int innerSteps, long seed) {
        return new Saga(sum, step, batch, innerSteps, seed);
    }

    /** SARAH (SPIDER's recursive estimator with a constant step, restarted from a full gradient every epoch). */
    public static Method sarah(FiniteSum sum, double step, int batch, int innerSteps, long seed) {
        return new Sarah(sum, step, batch, innerSteps, seed);
    }

    /** STORM: recursive momentum {@code a} in (0, 1], no full gradients. */
    public static Method storm(FiniteSum sum, double step, double a, int batch, int innerSteps, long seed) {
        return new Storm(sum, step, a, batch, innerSteps, seed);
    }
}
