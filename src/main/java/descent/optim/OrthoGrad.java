package descent.optim;

import descent.tensor.ParamLayout;

/**
 * The orthogonal-gradient wrapper, ⊥Grad (Prieto, Barsbey, Mediano and Birdal 2025): before the
 * inner optimizer sees it, each leaf's gradient loses its component along that leaf's weights and
 * is rescaled to its former norm,
 * <pre>
 * g_perp = g - (w.g / (w.w + 1e-30)) w,   g = g_perp |g| / (|g_perp| + 1e-30)
 * </pre>
 * so steps cannot simply grow or shrink the weights.
 */
final class OrthoGrad implements Transform {
    private final Transform inner;

    OrthoGrad(Transform inner) {
        if (inner == null) {
            throw new IllegalArgumentException("orthoGrad: the inner optimizer is null");
        }
        this.inner = inner;
    }

    private static final class OrthoState extends State {
        final ParamLayout layout;

        OrthoState(ParamLayout layout) {
            super("orthoGrad");
            this.layout = layout;
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        OrthoState s = new OrthoState(layout);
        s.child(inner.init(layout, params));
        return s;
    }

    private static void project(double[] g, double[] w, ParamLayout layout) {
        for (int leaf = 0; leaf < layout.leafCount(); leaf++) {
            int lo = layout.offset(leaf);
            int hi = lo + layout.size(leaf);
            double ww = Vec.sumSquares(w, lo, hi);
            double wg = Vec.dot(w, g, lo, hi);
            double gg = Vec.sumSquares(g, lo, hi);
            double proj = wg / (ww + 1e-30);
            Vec.axpy(-proj, w, g, lo, hi);
            double perp = Math.sqrt(Vec.sumSquares(g, lo, hi));
            Vec.scale(g, Math.sqrt(gg) / (perp + 1e-30), lo, hi);
        }
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        project(updates, params, ((OrthoState) state).layout);
        inner.update(updates, state.children().get(0), params, context);
    }

    @Override
    public void step(double[] grads, State state, double[] params, Context context) {
        project(grads, params, ((OrthoState) state).layout);
        inner.step(grads, state.children().get(0), params, context);
    }

    @Override
    public double learningRate(State state) {
        return inner.learningRate(state.children().get(0));
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
