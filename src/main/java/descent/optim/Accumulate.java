package descent.optim;

import descent.tensor.ParamLayout;

import java.util.Arrays;

/**
 * Gradient accumulation over {@code k} micro-steps (optax's {@code MultiSteps}): the gradients of
 * {@code k} consecutive calls are averaged, the inner transform runs once on the average at every
 * {@code k}-th call, and the other calls produce zero updates. With mini-batches of size B this
 * behaves like one step on a batch of size kB.
 */
final class Accumulate implements Transform {
    private final Transform inner;
    private final int k;

    Accumulate(Transform inner, int k) {
        if (inner == null) {
            throw new IllegalArgumentException("accumulate: the inner transform is null");
        }
        this.inner = inner;
        this.k = Hyper.checkAtLeast("accumulate", "k", k, 1);
    }

    private static final class AccState extends State {
        final double[] sum;
        final long[] micro = longs("micro", 1);

        AccState(int n) {
            super("accumulate");
            sum = doubles("sum", n);
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        AccState s = new AccState(params.length);
        s.child(inner.init(layout, params));
        return s;
    }

    /** Adds the gradient; on the k-th call leaves the mean in {@code g} and returns true. */
    private boolean accumulate(double[] g, AccState s) {
        Vec.add(g, s.sum, g.length);
        if (++s.micro[0] < k) {
            Arrays.fill(g, 0.0);
            return false;
        }
        s.micro[0] = 0;
        System.arraycopy(s.sum, 0, g, 0, g.length);
        Vec.scale(g, 1.0 / k, 0, g.length);
        Arrays.fill(s.sum, 0.0);
        return true;
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        AccState s = (AccState) state;
        if (accumulate(updates, s)) {
            inner.update(updates, s.children().get(0), params, context);
        }
    }

    @Override
    public void step(double[] grads, State state, double[] params, Context context) {
        AccState s = (AccState) state;
        if (accumulate(grads, s)) {
            inner.step(grads, s.children().get(0), params, context);
        }
    }

    @Override
    public double learningRate(State state) {
        return inner.learningRate(state.children().get(0));
    }

    @Override
    public boolean skipsNonFinite() {
        return inner.skipsNonFinite();
    }

    @Override
    public boolean evaluatesAtParams(State state) {
        return inner.evaluatesAtParams(state.children().get(0));
    }

    @Override
    public void evaluationPoint(State state, double[] params, double[] out) {
        inner.evaluationPoint(state.children().get(0), params, out);
    }
}
