package descent.finitesum;

import descent.optim.Iterate;
import descent.optim.Method;
import descent.optim.State;
import descent.optim.Stop;
import descent.tensor.ParamLayout;
import descent.tensor.Rng;

/**
 * What the finite-sum methods share: one {@code Minimize} iteration is an epoch of
 * {@code innerSteps} stochastic steps on mini-batches of {@code batch} terms drawn uniformly with
 * replacement from a seeded generator, after which the full objective is evaluated at the new
 * point for the history (its gradient doubles as the next snapshot's full gradient where a method
 * needs one). A method object holds only its configuration: everything a run needs lives in its
 * {@link FiniteSumState}, so one method can drive several runs.
 */
abstract class EpochMethod implements Method {
    final FiniteSum sum;
    final double step;
    final int batch;
    final int inner;
    final long seed;
    final int n;
    final int d;
    private final String label;

    EpochMethod(String label, FiniteSum sum, double step, int batch, int innerSteps, long seed) {
        if (sum == null) {
            throw new IllegalArgumentException(label + ": the finite sum is null");
        }
        this.label = label;
        this.sum = sum;
        this.n = sum.terms();
        this.d = sum.dimension();
        if (!(step > 0) || !Double.isFinite(step)) {
            throw new IllegalArgumentException(label + ": step must be finite and > 0, got " + step);
        }
        if (batch < 1 || batch > n) {
            throw new IllegalArgumentException(label + ": batch must be in [1, " + n + "] (the number of terms), got " + batch);
        }
        if (innerSteps < 0) {
            throw new IllegalArgumentException(label + ": innerSteps must be >= 1 (or 0 for n / batch), got " + innerSteps);
        }
        this.step = step;
        this.batch = batch;
        this.inner = innerSteps == 0 ? Math.max(1, (n + batch - 1) / batch) : innerSteps;
        this.seed = seed;
    }

    @Override
    public String name() {
        return label + "(step=" + step + ", batch=" + batch + ", innerSteps=" + inner + ")";
    }

    /** Registers the method's arrays and prepares them at the start {@code x0}. */
    abstract void prepare(FiniteSumState st, double[] x0);

    /** One epoch from {@code y} (the current point, which it updates in place); {@code g} is the full gradient at it. */
    abstract void epoch(FiniteSumState st, Rng rng, double[] y, double[] g);

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireUnbounded(name());
        start.requireDimension(name(), d, "the finite sum's parameters " + d);
        FiniteSumState st = new FiniteSumState(label, seed, Math.max(batch, Math.min(n, 256)), d);
        prepare(st, start.x());
        return st;
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        FiniteSumState st = (FiniteSumState) state;
        Rng rng = st.rng();
        double[] work = st.point;
        double[] workGradient = st.gradient;
        System.arraycopy(it.x(), 0, work, 0, d);
        epoch(st, rng, work, it.gradient());
        st.save(rng);
        st.countEpoch();
        double f = it.valueAndGrad(work, workGradient);
        if (!Double.isFinite(f)) {
            throw new IllegalStateException(name() + ": the objective is " + f + " after epoch " + st.epochs()
                    + ": the step is too large for this problem");
        }
        it.stepLength(step);
        it.moveTo(work, f, workGradient);
        return null;
    }

    /** Draws {@code batch} indices uniformly with replacement into the state's index array. */
    final void draw(FiniteSumState st, Rng rng) {
        for (int k = 0; k < batch; k++) {
            st.indices[k] = rng.nextInt(n);
        }
    }

    /** Per-term gradients at {@code x} of the first {@code count} drawn indices into {@code rows}; counted. */
    final void gradients(FiniteSumState st, double[] x, int count, double[] rows) {
        sum.termGradients(x, st.indices, count, rows);
        st.countTerms(count);
    }

    /** The full mean gradient at {@code x} into {@code g}, by passes over all terms; counted. */
    final void fullGradient(FiniteSumState st, double[] x, double[] g) {
        java.util.Arrays.fill(g, 0);
        int[] indices = st.indices;
        double[] rowsA = st.rowsA;
        for (int lo = 0; lo < n; lo += indices.length) {
            int count = Math.min(indices.length, n - lo);
            for (int k = 0; k < count; k++) {
                indices[k] = lo + k;
            }
            gradients(st, x, count, rowsA);
            for (int k = 0; k < count; k++) {
                for (int j = 0; j < d; j++) {
                    g[j] += rowsA[k * d + j];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            g[j] /= n;
        }
    }
}
