package descent.optim;

import descent.tensor.ParamLayout;

import java.util.List;

/** Transforms applied in sequence, each to the updates of the previous one (optax's {@code chain}). */
final class Chain implements Transform {
    private final Transform[] parts;

    Chain(Transform... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("chain: needs at least one transform");
        }
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == null) {
                throw new IllegalArgumentException("chain: transform " + i + " is null");
            }
        }
        this.parts = parts.clone();
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        State s = new State("chain");
        for (Transform t : parts) {
            s.child(t.init(layout, params));
        }
        return s;
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        List<State> cs = state.children();
        for (int i = 0; i < parts.length; i++) {
            parts[i].update(updates, cs.get(i), params, context);
        }
    }

    /** All but the last transform update; the last one steps, so a fused optimizer at the end keeps its fast path. */
    @Override
    public void step(double[] grads, State state, double[] params, Context context) {
        List<State> cs = state.children();
        int last = parts.length - 1;
        for (int i = 0; i < last; i++) {
            parts[i].update(grads, cs.get(i), params, context);
        }
        parts[last].step(grads, cs.get(last), params, context);
    }

    @Override
    public double learningRate(State state) {
        List<State> cs = state.children();
        double lr = Double.NaN;
        for (int i = 0; i < parts.length; i++) {
            double l = parts[i].learningRate(cs.get(i));
            if (!Double.isNaN(l)) {
                lr = Double.isNaN(lr) ? l : lr * l;
            }
        }
        return lr;
    }

    @Override
    public boolean skipsNonFinite() {
        for (Transform t : parts) {
            if (t.skipsNonFinite()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean evaluatesAtParams(State state) {
        List<State> cs = state.children();
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].evaluatesAtParams(cs.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void evaluationPoint(State state, double[] params, double[] out) {
        List<State> cs = state.children();
        System.arraycopy(params, 0, out, 0, params.length);
        for (int i = 0; i < parts.length; i++) {
            parts[i].evaluationPoint(cs.get(i), out, out);
        }
    }
}
