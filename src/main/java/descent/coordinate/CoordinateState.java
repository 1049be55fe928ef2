package descent.coordinate;

import descent.optim.State;
import descent.tensor.Rng;

/**
 * The state of a coordinate or block-coordinate run: the count of coordinate (or block) updates,
 * the position of a cyclic sweep and the generator of randomized selection, all saved by
 * checkpoints.
 */
public final class CoordinateState extends State {
    private final long[] counts = longs("counts", 2);
    private final long[] rng = longs("rng", 4);
    /** Block boundaries of a block-coordinate run (block {@code b} is {@code [offsets[b], offsets[b + 1])}), null otherwise. */
    int[] offsets;

    CoordinateState(String kind, long seed) {
        super(kind);
        System.arraycopy(new Rng(seed).state(), 0, rng, 0, 4);
    }

    /** Number of coordinate (or block) updates made. */
    public long updates() {
        return counts[0];
    }

    void counted() {
        counts[0]++;
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
}
