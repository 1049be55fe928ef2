package descent.coordinate;

import descent.optim.Iterate;
import descent.optim.Method;
import descent.optim.State;
import descent.optim.Stop;
import descent.tensor.ParamLayout;

/**
 * Block gradient descent over parameter groups with greedy layer-wise selection: the blocks are
 * the leaves of the run's {@link ParamLayout} (one per parameter tensor: per layer for a network),
 * and each update picks one block {@code B} by the {@link CoordinateMethods.Rule} and takes a
 * gradient step on it alone, {@code x_B <- x_B - g_B / L_B}, leaving the other blocks unchanged.
 * Gauss–Southwell picks {@code argmax_B |g_B|} (the block with the largest gradient norm),
 * Gauss–Southwell–Lipschitz {@code argmax_B |g_B|^2 / L_B} (the largest guaranteed decrease).
 * {@code L_B} is a per-block estimate of the block's gradient Lipschitz constant, kept by
 * backtracking: a step is accepted only when
 * {@code f(x_B - g_B / L_B) <= f(x) - |g_B|^2 / (2 L_B)} (else {@code L_B} doubles and the step is
 * retried; once that decrease is below the rounding of {@code f}, a step that does not increase
 * {@code f} is accepted), and {@code L_B} halves after each accepted step, so no update increases {@code f}
 * and each block's step follows its own curvature instead of the stiffest layer's, which bounds
 * full gradient descent's step. One {@code Minimize} iteration is one block update; the run stops
 * with {@code STATIONARY} when {@code |grad f| <= tolerance}.
 */
final class BlockGradient implements Method {
    private static final int MAX_BACKTRACKS = 60;
    private final CoordinateMethods.Rule rule;
    private final double lipschitz;
    private final double tolerance;
    private final long seed;

    BlockGradient(CoordinateMethods.Rule rule, double lipschitz, double tolerance, long seed) {
        if (rule == null) {
            throw new IllegalArgumentException("blockGradient: the selection rule is null");
        }
        if (!(lipschitz > 0) || !Double.isFinite(lipschitz)) {
            throw new IllegalArgumentException("blockGradient: the initial Lipschitz estimate must be finite and > 0, got " + lipschitz);
        }
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("blockGradient: tolerance must be finite and >= 0, got " + tolerance);
        }
        this.rule = rule;
        this.lipschitz = lipschitz;
        this.tolerance = tolerance;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "blockGradient(" + rule.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireUnbounded(name());
        int blocks = layout.leafCount();
        int[] offsets = new int[blocks + 1];
        for (int b = 0; b < blocks; b++) {
            offsets[b] = layout.offset(b);
        }
        offsets[blocks] = layout.size();
        CoordinateState st = new CoordinateState("blockGradient", seed, blocks);
        st.offsets = offsets;
        st.trial = new double[layout.size()];
        st.trialGradient = new double[layout.size()];
        java.util.Arrays.fill(st.lipschitz, lipschitz);
        return st;
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        CoordinateState st = (CoordinateState) state;
        double[] x = it.x();
        double[] g = it.gradient();
        if (Math.sqrt(CoordinateState.normSquared(g, 0, g.length)) <= tolerance) {
            return Stop.Reason.STATIONARY;
        }
        int b = st.selectBlock(rule, g, rule == CoordinateMethods.Rule.GAUSS_SOUTHWELL_LIPSCHITZ);
        int lo = st.offsets[b];
        int hi = st.offsets[b + 1];
        double gb = CoordinateState.normSquared(g, lo, hi);
        double f = it.value();
        double[] y = st.trial;
        double[] gy = st.trialGradient;
        System.arraycopy(x, 0, y, 0, x.length);
        double l = st.lipschitz[b];
        for (int tries = 0;; tries++) {
            for (int i = lo; i < hi; i++) {
                y[i] = x[i] - g[i] / l;
            }
            double fy = it.valueAndGrad(y, gy);
            double decrease = gb / (2 * l);
            if (Double.isFinite(fy) && (fy <= f - decrease || decrease <= 4 * Math.ulp(f) && fy <= f)) {
                st.lipschitz[b] = l / 2;
                st.selected(b);
                it.stepLength(1 / l);
                it.moveTo(y, fy, gy);
                return null;
            }
            if (tries == MAX_BACKTRACKS) {
                throw new IllegalStateException(name() + ": no step on block " + b + " (" + (hi - lo) + " parameters, |g_B| = "
                        + Math.sqrt(gb) + ") decreases f after " + MAX_BACKTRACKS + " doublings of L_B to " + l
                        + ": the objective's value and gradient disagree");
            }
            l *= 2;
        }
    }
}
