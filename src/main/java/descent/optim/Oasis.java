package descent.optim;

import descent.tensor.ParamLayout;

/**
 * OASIS (Jahani, Rusakov, Shi, Richtárik, Mahoney and Takáč 2022): gradient steps preconditioned
 * by a truncated running Hutchinson diagonal {@code D}, with the step size adapted from local
 * smoothness in {@code D}'s norm (the rule of Malitsky and Mishchenko 2020), so that no learning
 * rate is tuned:
 * <pre>
 * D_0 = mean of {@code warmup} probes z * (H z);  D_k = b2 D_{k-1} + (1 - b2) z * (H z)
 * Dh_k = max(|D_k|, alpha)
 * eta_k = min( sqrt(1 + theta_{k-1}) eta_{k-1},  |x_k - x_{k-1}|_{Dh_k} / (2 |g_k - g_{k-1}|*_{Dh_k}) ),   theta_k = eta_k / eta_{k-1}
 * x_{k+1} = x_k - eta_k Dh_k^{-1} g_k
 * </pre>
 * with {@code |v|_D^2 = v'Dv}, {@code |v|*_D^2 = v'D^{-1}v}, {@code eta_0} given and
 * {@code theta_0 = inf}. When the gradient did not change (the second bound is infinite) the step
 * size keeps its previous value. This is the paper's Algorithm 1 (there is no code by the authors
 * to compare with); its stochastic form takes {@code g_k - g_{k-1}} on the current mini-batch at
 * both points, whereas here {@code g_{k-1}} is the previous step's gradient on its own batch, which
 * saves a gradient per step and is the same for a full-batch objective. The Hessian products come
 * from the {@link Context}.
 */
final class Oasis implements Transform {
    private final double eta0;
    private final double beta2;
    private final double alpha;
    private final int warmup;
    private final long seed;

    Oasis(double eta0, double beta2, double alpha, int warmup, long seed) {
        this.eta0 = Hyper.check("oasis", "eta0", eta0, Hyper.Range.POSITIVE);
        this.beta2 = Hyper.check("oasis", "beta2", beta2, Hyper.Range.UNIT);
        this.alpha = Hyper.check("oasis", "alpha", alpha, Hyper.Range.POSITIVE);
        this.warmup = Hyper.checkAtLeast("oasis", "warmupProbes", warmup, 1);
        this.seed = seed;
    }

    private static final class OasisState extends State {
        final long[] count = longs("count", 1);
        final double[] scalars = doubles("etaTheta", 2);
        final double[] d;
        final double[] xPrev;
        final double[] gPrev;
        final double[] dh;
        final DiagonalProbe probe;

        OasisState(int n, double eta0) {
            super("oasis");
            d = doubles("diagonal", n);
            xPrev = doubles("xPrev", n);
            gPrev = doubles("gPrev", n);
            dh = new double[n];
            probe = new DiagonalProbe(n);
            scalars[0] = eta0;
            scalars[1] = Double.POSITIVE_INFINITY;
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        return new OasisState(params.length, eta0);
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        OasisState s = (OasisState) state;
        long t = s.count[0];
        int n = updates.length;
        s.probe.running("oasis", context, params, seed, t, warmup, beta2, alpha, s.d, s.dh);
        if (t > 0) {
            double dx = 0;
            double dg = 0;
            for (int i = 0; i < n; i++) {
                double a = params[i] - s.xPrev[i];
                double b = updates[i] - s.gPrev[i];
                dx += s.dh[i] * a * a;
                dg += b * b / s.dh[i];
            }
            double eta = s.scalars[0];
            double grow = Math.sqrt(1 + s.scalars[1]) * eta;
            double smooth = dg > 0 ? Math.sqrt(dx) / (2 * Math.sqrt(dg)) : Double.POSITIVE_INFINITY;
            double next = Math.min(grow, smooth);
            if (Double.isInfinite(next)) {
                next = eta;
            }
            s.scalars[1] = next / eta;
            s.scalars[0] = next;
        }
        double eta = s.scalars[0];
        for (int i = 0; i < n; i++) {
            s.xPrev[i] = params[i];
            s.gPrev[i] = updates[i];
            updates[i] = -eta * updates[i] / s.dh[i];
        }
        s.count[0] = t + 1;
    }

    @Override
    public double learningRate(State state) {
        return ((OasisState) state).scalars[0];
    }
}
