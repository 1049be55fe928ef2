package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Gradient norm aware minimization, GAM (Zhang, Xu, Cui, Wu and Shen 2023), around any base
 * optimizer, as the authors' implementation: besides the gradient {@code g0} at {@code p} it
 * evaluates three more gradients on the same data (through the {@link Context} oracle),
 * <pre>
 * g1 at p + rho g0 / |g0|                          (SAM's point)
 * g2 at q = p + rhoNorm (g1 - g0) / |g1 - g0|      (ascent on the gradient norm)
 * g3 at q + rho g2 / |g2|
 * </pre>
 * and hands the base optimizer {@code g = b1 g1 + b3 g3 - gamma v}, where {@code v} is the part of
 * {@code h = g0 + b2 g2} orthogonal to {@code g}'s direction: {@code v = h - cos(h, g) |h| g / |g|}.
 * Norms carry {@code + 1e-12}.
 */
final class Gam implements Transform {
    private final Transform base;
    private final Hyper rho;
    private final Hyper rhoNorm;
    private final double beta1;
    private final double beta2;
    private final double beta3;
    private final double gamma;

    Gam(Transform base, Schedule rho, Schedule rhoNorm, double beta1, double beta2, double beta3, double gamma) {
        if (base == null) {
            throw new IllegalArgumentException("gam: the base optimizer is null");
        }
        this.base = base;
        this.rho = Hyper.of("gam", "rho", rho, Hyper.Range.NON_NEGATIVE);
        this.rhoNorm = Hyper.of("gam", "rhoNorm", rhoNorm, Hyper.Range.NON_NEGATIVE);
        this.beta1 = Hyper.check("gam", "beta1", beta1, Hyper.Range.ANY);
        this.beta2 = Hyper.check("gam", "beta2", beta2, Hyper.Range.ANY);
        this.beta3 = Hyper.check("gam", "beta3", beta3, Hyper.Range.ANY);
        this.gamma = Hyper.check("gam", "gamma", gamma, Hyper.Range.NON_NEGATIVE);
    }

    private static final double EPS = 1e-12;

    private static final class GamState extends State {
        final long[] count = longs("count", 1);
        final double[] g0;
        final double[] g1;
        final double[] g2;
        final double[] x;

        GamState(int n) {
            super("gam");
            g0 = new double[n];
            g1 = new double[n];
            g2 = new double[n];
            x = new double[n];
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        GamState s = new GamState(params.length);
        s.child(base.init(layout, params));
        return s;
    }

    private void direction(double[] g, GamState s, double[] p, Context context) {
        long t = s.count[0]++;
        double r = rho.at(t);
        double rn = rhoNorm.at(t);
        int n = g.length;
        double[] g0 = s.g0;
        double[] g1 = s.g1;
        double[] g2 = s.g2;
        double[] x = s.x;
        System.arraycopy(g, 0, g0, 0, n);
        System.arraycopy(p, 0, x, 0, n);
        Vec.axpy(r / (Vec.norm(g0, n) + EPS), g0, x, 0, n);
        context.valueAndGrad("gam", x, g1);
        for (int i = 0; i < n; i++) {
            g2[i] = g1[i] - g0[i];
        }
        System.arraycopy(p, 0, x, 0, n);
        Vec.axpy(rn / (Vec.norm(g2, n) + EPS), g2, x, 0, n);
        context.valueAndGrad("gam", x, g2);
        Vec.axpy(r / (Vec.norm(g2, n) + EPS), g2, x, 0, n);
        Vec.axpy(beta2, g2, g0, 0, n);
        context.valueAndGrad("gam", x, g2);
        for (int i = 0; i < n; i++) {
            g[i] = beta1 * g1[i] + beta3 * g2[i];
        }
        double gn = Vec.norm(g, n);
        double hn = Vec.norm(g0, n);
        double cos = Vec.dot(g0, g, 0, n) / (gn * hn + EPS);
        double along = cos * hn / (gn + EPS);
        for (int i = 0; i < n; i++) {
            g[i] -= gamma * (g0[i] - along * g[i]);
        }
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        GamState s = (GamState) state;
        direction(updates, s, params, context);
        base.update(updates, s.children().get(0), params, context);
    }

    @Override
    public void step(double[] grads, State state, double[] params, Context context) {
        GamState s = (GamState) state;
        direction(grads, s, params, context);
        base.step(grads, s.children().get(0), params, context);
    }

    @Override
    public double learningRate(State state) {
        return base.learningRate(state.children().get(0));
    }

    @Override
    public boolean evaluatesAtParams(State state) {
        return base.evaluatesAtParams(state.children().get(0));
    }

    @Override
    public void evaluationPoint(State state, double[] params, double[] out) {
        base.evaluationPoint(state.children().get(0), params, out);
    }
}
