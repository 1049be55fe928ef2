package descent.coordinate;

import descent.optim.State;
import descent.tensor.Rng;

/**
 * The state of a coordinate or block-coordinate run: the count of coordinate (or block) updates,
 * the position of a cyclic sweep, the generator of randomized selection, the last block picked and
 * the per-block Lipschitz estimates of block gradient descent, all saved by checkpoints.
 */
public final class CoordinateState extends State {
    private final long[] counts = longs("counts", 2);
    private final long[] rng = longs("rng", 4);
    private final long[] last = longs("selected", 1);
    /** Per-block Lipschitz estimates of block gradient descent (empty otherwise). */
    final double[] lipschitz;
    /** Block boundaries of a block-coordinate run (block {@code b} is {@code [offsets[b], offsets[b + 1])}), null otherwise. */
    int[] offsets;
    /** Block gradient descent's trial point and its gradient, reused every step (null otherwise). */
    double[] trial;
    double[] trialGradient;

    CoordinateState(String kind, long seed) {
        this(kind, seed, 0);
    }

    CoordinateState(String kind, long seed, int blocks) {
        super(kind);
        System.arraycopy(new Rng(seed).state(), 0, rng, 0, 4);
        lipschitz = doubles("lipschitz", blocks);
        last[0] = -1;
    }

    /** Number of coordinate (or block) updates made. */
    public long updates() {
        return counts[0];
    }

    void counted() {
        counts[0]++;
    }

    /** Counts an update of block (or coordinate) {@code b} and records it as the last one picked. */
    void selected(int b) {
        counts[0]++;
        last[0] = b;
    }

    /**
     * The block (leaf index) updated by the last step of block gradient descent
     * ({@link CoordinateMethods#blockGradient}), -1 before its first update or for other methods.
     */
    public int lastBlock() {
        return (int) last[0];
    }

    /** The current per-block Lipschitz estimates of block gradient descent (a copy; empty for other methods). */
    public double[] lipschitzEstimates() {
        return lipschitz.clone();
    }

    /** The next index of a cyclic sweep over {@code n}. */
    int nextCyclic(int n) {
        int i = (int) (counts[1] % n);
        counts[1]++;
        return i;
    }

    int nextRandom(int n) {
        Rng r = Rng.fromState(rng);
        int i = r.nextInt(n);
        System.arraycopy(r.state(), 0, rng, 0, 4);
        return i;
    }

    /**
     * The block of {@link #offsets} to update under {@code rule}: the next of a cyclic sweep, a
     * random one, or the one with the largest squared gradient norm |g_B|^2, divided by the
     * block's Lipschitz estimate when {@code scaled} (the first on ties).
     */
    int selectBlock(CoordinateMethods.Rule rule, double[] g, boolean scaled) {
        int blocks = offsets.length - 1;
        switch (rule) {
            case CYCLIC:
                return nextCyclic(blocks);
            case RANDOMIZED:
                return nextRandom(blocks);
            default:
                int best = 0;
                double score = -1;
                for (int b = 0; b < blocks; b++) {
                    double s = normSquared(g, offsets[b], offsets[b + 1]);
                    if (scaled) {
                        s /= lipschitz[b];
                    }
                    if (s > score) {
                        score = s;
                        best = b;
                    }
                }
                return best;
        }
    }

    /** |g[lo, hi)|^2, summed in order. */
    static double normSquared(double[] g, int lo, int hi) {
        double s = 0;
        for (int i = lo; i < hi; i++) {
            s += g[i] * g[i];
        }
        return s;
    }
}
