package descent.games;

import descent.optim.State;

/**
 * The state of a game method's run ({@link GameMethods}): the iteration count, the ergodic
 * average of the points the method's guarantee is stated for (the extrapolated points of
 * extragradient and mirror prox, the iterates otherwise), and what the method carries between
 * iterations (the previous operator value of optimistic methods, the anchor of Halpern's, the
 * anchored point and sampling generator of the variance-reduced Halpern iteration). Its arrays are
 * saved and restored by checkpoints.
 */
public final class GameState extends State {
    final long[] count = longs("iterations", 1);
    final long[] components = longs("components", 1);
    final double[] average;
    final double[] previous;
    final double[] anchor;
    final double[] point;
    final long[] rng;
    final double[] w;
    final double[] gw;
    final double[] d;

    GameState(String kind, int size, boolean optimistic, boolean anchored) {
        this(kind, size, optimistic, anchored, false);
    }

    GameState(String kind, int size, boolean optimistic, boolean anchored, boolean stochastic) {
        super(kind);
        average = doubles("average", size);
        previous = doubles("previous", optimistic ? size : 0);
        anchor = doubles("anchor", anchored ? size : 0);
        point = doubles("point", stochastic ? size : 0);
        rng = longs("rng", stochastic ? 4 : 0);
        w = new double[size];
        gw = new double[size];
        d = new double[size];
    }

    /** Number of iterations taken. */
    public long iterations() {
        return count[0];
    }

    /**
     * Component operator evaluations {@code F_i} made by a finite-sum method
     * ({@link GameMethods#halpernVarianceReduced}; a full evaluation counts {@code n}, the start's
     * included); 0 for the deterministic methods, whose cost is the run's evaluations.
     */
    public long componentEvaluations() {
        return components[0];
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
