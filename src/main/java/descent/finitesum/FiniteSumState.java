package descent.finitesum;

import descent.optim.State;
import descent.tensor.Rng;

/**
 * The state of a finite-sum method's run ({@link FiniteSumMethods}): the sampling generator, the
 * count of epochs and of per-term gradients the method evaluated, and the method's own arrays
 * (snapshot and its full gradient, the SAGA table, the previous point and estimator), all saved
 * and restored by checkpoints.
 */
public final class FiniteSumState extends State {
    private final long[] rng = longs("rng", 4);
    private final long[] counts = longs("counts", 2);

    FiniteSumState(String kind, long seed) {
        super(kind);
        System.arraycopy(new Rng(seed).state(), 0, rng, 0, 4);
    }

    /** Registers a method array of {@code n} doubles. */
    double[] array(String name, int n) {
        return doubles(name, n);
    }

    /** Registers a method array of {@code n} longs. */
    long[] flags(String name, int n) {
        return longs(name, n);
    }

    Rng rng() {
        return Rng.fromState(rng);
    }

    void save(Rng r) {
        System.arraycopy(r.state(), 0, rng, 0, 4);
    }

    void countTerms(long k) {
        counts[1] += k;
    }

    void countEpoch() {
        counts[0]++;
    }

    /** Epochs run (iterations of {@code Minimize}). */
    public long epochs() {
        return counts[0];
    }

    /**
     * Per-term gradients the method evaluated (a full pass counts {@code n}); the evaluation of
     * the full objective after each epoch, which {@code Minimize} records in the history, is not included.
     */
    public long termGradients() {
        return counts[1];
    }
}
