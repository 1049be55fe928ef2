package descent.coordinate;

import descent.optim.Iterate;
import descent.optim.LineSearch;
import descent.optim.Method;
import descent.optim.Methods;
import descent.optim.Minimize;
import descent.optim.Result;
import descent.optim.State;
import descent.optim.Stop;
import descent.tensor.ParamLayout;

/**
 * Proximal block-coordinate descent over parameter groups: the blocks are the leaves of the run's
 * {@link ParamLayout} (one per parameter tensor: per layer for a network), and each update picks
 * a block {@code B} by the {@link CoordinateMethods.Rule} and replaces it by an approximate
 * minimizer of the proximal subproblem
 * {@code min_z f(z, x_{-B}) + |z - x_B|^2 / (2 tau)}, found by L-BFGS (warm-started at
 * {@code x_B}, at most {@code innerSteps} iterations, until the subproblem's gradient is at most
 * {@code innerTolerance}). The proximal term makes every subproblem strongly convex near a
 * minimizer and every update a descent step, which is what the convergence of proximal
 * alternating minimization rests on (Attouch, Bolte, Redont and Soubeyran, 2010), also for
 * nonconvex {@code f}. Gauss–Southwell picks the block with the largest gradient norm (greedy
 * layer-wise selection). One {@code Minimize} iteration is one update per block. The inner
 * L-BFGS compares function values in its line search, so the gradient norm a run can reach is
 * about {@code sqrt(eps |f| L)} ({@code eps} the machine epsilon, {@code L} the block curvature).
 */
final class BlockCoordinate implements Method {
    private final double tau;
    private final CoordinateMethods.Rule rule;
    private final int innerSteps;
    private final double innerTolerance;
    private final long seed;

    BlockCoordinate(double tau, CoordinateMethods.Rule rule, int innerSteps, double innerTolerance, long seed) {
        if (!(tau > 0) || !Double.isFinite(tau)) {
            throw new IllegalArgumentException("blockCoordinate: tau must be finite and > 0, got " + tau);
        }
        if (rule == null || rule == CoordinateMethods.Rule.GAUSS_SOUTHWELL_LIPSCHITZ) {
            throw new IllegalArgumentException("blockCoordinate: the rule must be CYCLIC, RANDOMIZED or GAUSS_SOUTHWELL, got " + rule);
        }
        if (innerSteps < 1) {
            throw new IllegalArgumentException("blockCoordinate: innerSteps must be >= 1, got " + innerSteps);
        }
        if (!(innerTolerance > 0)) {
            throw new IllegalArgumentException("blockCoordinate: innerTolerance must be > 0, got " + innerTolerance);
        }
        this.tau = tau;
        this.rule = rule;
        this.innerSteps = innerSteps;
        this.innerTolerance = innerTolerance;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "blockCoordinate(" + rule.name().toLowerCase(java.util.Locale.ROOT) + ", tau=" + tau + ")";
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireUnbounded(name());
        int[] offsets = new int[layout.leafCount() + 1];
        for (int b = 0; b < layout.leafCount(); b++) {
            offsets[b] = layout.offset(b);
        }
        offsets[layout.leafCount()] = layout.size();
        CoordinateState st = new CoordinateState("blockCoordinate", seed);
        st.offsets = offsets;
        return st;
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        CoordinateState st = (CoordinateState) state;
        int n = it.dimension();
        double[] x = it.x().clone();
        double[] g = it.gradient().clone();
        double[] full = new double[n];
        double f = it.value();
        int[] offsets = st.offsets;
        int blocks = offsets.length - 1;
        for (int u = 0; u < blocks; u++) {
            int b = st.selectBlock(rule, g, false);
            int lo = offsets[b];
            int len = offsets[b + 1] - lo;
            double[] anchor = java.util.Arrays.copyOfRange(x, lo, lo + len);
            Result r = Minimize.with(Methods.lbfgs(10, LineSearch.strongWolfe(), 0, 0)).steps(innerSteps)
                    .stopWhen(Stop.gradientNorm(innerTolerance))
                    .run((z, gz) -> {
                        System.arraycopy(z, 0, x, lo, len);
                        double v = it.valueAndGrad(x, full);
                        double prox = 0;
                        for (int i = 0; i < len; i++) {
                            double dz = z[i] - anchor[i];
                            prox += dz * dz;
                            gz[i] = full[lo + i] + dz / tau;
                        }
                        return v + prox / (2 * tau);
                    }, anchor);
            System.arraycopy(r.x(), 0, x, lo, len);
            f = it.valueAndGrad(x, g);
            if (!Double.isFinite(f)) {
                throw new IllegalStateException(name() + ": f is " + f + " after updating block " + b);
            }
            st.counted();
        }
        it.stepLength(tau);
        it.moveTo(x, f, g);
        return null;
    }
}
