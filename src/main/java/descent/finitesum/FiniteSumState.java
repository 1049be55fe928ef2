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
    private final java.util.Map<String, Object> named = new java.util.HashMap<>();
    final int[] indices;
    final double[] rowsA;
    final double[] rowsB;
    final double[] point;
    final double[] gradient;

    FiniteSumState(String kind, long seed, int chunk, int dimension) {
        super(kind);
        System.arraycopy(new Rng(seed).state(), 0, rng, 0, 4);
        indices = new int[chunk];
        rowsA = new double[chunk * dimension];
        rowsB = new double[chunk * dimension];
        point = new double[dimension];
        gradient = new double[dimension];
    }

    /** Registers (for checkpoints) and returns a method array of {@code n} doubles, found again by {@link #doubles(String)}. */
    double[] array(String name, int n) {
        double[] a = doubles(name, n);
        named.put(name, a);
        return a;
    }

    /** A method's scratch array of {@code n} doubles, not saved by checkpoints, found again by {@link #doubles(String)}. */
    double[] scratch(String name, int n) {
        double[] a = new double[n];
        named.put(name, a);
        return a;
    }

    /** Registers and returns a method array of {@code n} longs, found again by {@link #longs(String)}. */
    long[] flags(String name, int n) {
        long[] a = longs(name, n);
        named.put(name, a);
        return a;
    }

    double[] doubles(String name) {
        return (double[]) named.get(name);
    }

    long[] longs(String name) {
        return (long[]) named.get(name);
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
