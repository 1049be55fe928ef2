package descent.optim;

import descent.tensor.ParamLayout;

/**
 * SANIA (Abdukhakimov, Xiang, Kamzolov and Takáč 2023), the preconditioned stochastic Polyak
 * step: the smallest step in the norm of a preconditioner {@code B} that brings the linearized
 * loss to its lower bound {@code fStar},
 * <pre>
 * x+ = argmin |x+ - x|_B  subject to  f + g'(x+ - x) = fStar,   that is
 * x+ = x - (f - fStar) / (g' B^{-1} g) B^{-1} g,
 * </pre>
 * here with {@code B} the truncated running Hutchinson diagonal of OASIS ({@code warmup} probes
 * at the first step, then {@code B = max(|D|, alpha)}, {@code D = b2 D + (1 - b2) z * (H z)}).
 * The step is invariant to a diagonal rescaling of the parameters when {@code B} is exact. The
 * loss comes from the {@link Context} (as for {@link Optimizers#sps}), the Hessian products too;
 * a loss at or below {@code fStar} or a zero gradient gives no step.
 */
final class Sania implements Transform {
    private final double fStar;
    private final double beta2;
    private final double alpha;
    private final int warmup;
    private final long seed;

    Sania(double fStar, double beta2, double alpha, int warmup, long seed) {
        this.fStar = Hyper.check("sania", "fStar", fStar, new Hyper.Range(Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true));
        this.beta2 = Hyper.check("sania", "beta2", beta2, Hyper.Range.UNIT);
        this.alpha = Hyper.check("sania", "alpha", alpha, Hyper.Range.POSITIVE);
        this.warmup = Hyper.checkAtLeast("sania", "warmupProbes", warmup, 1);
        this.seed = seed;
    }

    private static final class SaniaState extends State {
        final long[] count = longs("count", 1);
        final double[] step = doubles("stepSize", 1);
        final double[] d;
        final double[] dh;
        final DiagonalProbe probe;

        SaniaState(int n) {
            super("sania");
            d = doubles("diagonal", n);
            dh = new double[n];
            probe = new DiagonalProbe(n);
            step[0] = Double.NaN;
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        return new SaniaState(params.length);
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        SaniaState s = (SaniaState) state;
        long t = s.count[0];
        int n = updates.length;
        double f = context.value("sania");
        s.probe.running("sania", context, params, seed, t, warmup, beta2, alpha, s.d, s.dh);
        double q = 0;
        for (int i = 0; i < n; i++) {
            q += updates[i] * updates[i] / s.dh[i];
        }
        double gap = f - fStar;
        double gamma = q > 0 && gap > 0 ? gap / q : 0;
        s.step[0] = gamma;
        for (int i = 0; i < n; i++) {
            updates[i] = -gamma * updates[i] / s.dh[i];
        }
        s.count[0] = t + 1;
    }

    @Override
    public double learningRate(State state) {
        return ((SaniaState) state).step[0];
    }
}
