package descent.games;

import descent.optim.State;

/**
 * The state of a game method's run ({@link GameMethods}): the iteration count, the ergodic
 * average of the points the method's guarantee is stated for (the extrapolated points of
 * extragradient and mirror prox, the iterates otherwise), and what the method carries between
 * iterations (the previous operator value of optimistic methods, the anchor of Halpern's). Its
 * arrays are saved and restored by checkpoints.
 */
public final class GameState extends State {
    final long[] count = longs("iterations", 1);
    final double[] average;
    final double[] previous;
    final double[] anchor;
    final double[] w;
    final double[] gw;
    final double[] d;

    GameState(String kind, int size, boolean optimistic, boolean anchored) {
        super(kind);
        average = doubles("average", size);
        previous = doubles("previous", optimistic ? size : 0);
        anchor = doubles("anchor", anchored ? size : 0);
        w = new double[size];
        gw = new double[size];
        d = new double[size];
    }

    /** Number of iterations taken. */
    public long iterations() {
        return count[0];
    }

    /** The ergodic average {@code [x; y]} of the run so far (a copy). */
    public double[] average() {
        return average.clone();
    }

    void accumulate(double[] point) {
        long k = ++count[0];
        double t = 1.0 / k;
        for (int i = 0; i < average.length; i++) {
            average[i] += t * (point[i] - average[i]);
        }
    }
}
