package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Sharpness-aware minimization around any base optimizer: the base optimizer receives the
 * gradient at a perturbed point {@code p + e} instead of the gradient at {@code p}, which takes a
 * second gradient evaluation per step (through the {@link Context} oracle, on the same data).
 * <ul>
 * <li>SAM (Foret, Kleiner, Mobahi and Neyshabur 2021): {@code e = rho g / (|g| + 1e-12)}.</li>
 * <li>ASAM (Kwon, Kim, Park and Choi 2021), scale-invariant: with {@code T = |p| + eta}
 * elementwise, {@code e = rho T^2 g / (|T g| + 1e-16)}.</li>
 * </ul>
 */
final class Sharpness implements Transform {
    private final Transform base;
    private final Hyper rho;
    private final boolean adaptive;
    private final double eta;

    Sharpness(Transform base, Schedule rho, boolean adaptive, double eta) {
        if (base == null) {
            throw new IllegalArgumentException((adaptive ? "asam" : "sam") + ": the base optimizer is null");
        }
        this.base = base;
        this.rho = Hyper.of(adaptive ? "asam" : "sam", "rho", rho, Hyper.Range.NON_NEGATIVE);
        this.adaptive = adaptive;
        this.eta = Hyper.check("asam", "eta", eta, Hyper.Range.NON_NEGATIVE);
    }

    private static final class SamState extends State {
        final long[] count = longs("count", 1);
        final double[] x;

        SamState(int n) {
            super("sam");
            x = new double[n];
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        SamState s = new SamState(params.length);
        s.child(base.init(layout, params));
        return s;
    }

    private void perturbedGradient(double[] g, SamState s, double[] p, Context context) {
        double r = rho.at(s.count[0]++);
        double[] x = s.x;
        int n = g.length;
        if (adaptive) {
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double tg = (Math.abs(p[i]) + eta) * g[i];
                ss += tg * tg;
            }
            double scale = r / (Math.sqrt(ss) + 1e-16);
            for (int i = 0; i < n; i++) {
                double t = Math.abs(p[i]) + eta;
                x[i] = p[i] + scale * t * t * g[i];
            }
        } else {
            double scale = r / (Vec.norm(g, n) + 1e-12);
            System.arraycopy(p, 0, x, 0, n);
            Vec.axpy(scale, g, x, 0, n);
        }
        context.valueAndGrad(adaptive ? "asam" : "sam", x, g);
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        SamState s = (SamState) state;
        perturbedGradient(updates, s, params, context);
        base.update(updates, s.children().get(0), params, context);
    }

    @Override
    public void step(double[] grads, State state, double[] params, Context context) {
        SamState s = (SamState) state;
        perturbedGradient(grads, s, params, context);
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
