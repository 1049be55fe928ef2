package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Sophia-H (Liu, Li, Hall, Liang and Ma 2024): momentum preconditioned by an exponential average
 * {@code h} of Hutchinson estimates of the Hessian's diagonal, refreshed every {@code k} steps,
 * with the ratio clipped elementwise so that no coordinate moves more than {@code lr}:
 * <pre>
 * h = b2 h + (1 - b2) z * (H z)            (before steps k, 2k, 3k, ...; Rademacher z; h = 0 before)
 * m = b1 m + (1 - b1) g
 * p = p - lr wd p - lr clip(m / max(gamma h, eps), -1, 1)
 * </pre>
 * The conventions are those of the authors' code ({@code github.com/Liuhong99/Sophia},
 * {@code sophia.py} and its training loop): the estimate is first made after {@code k} steps
 * (the first {@code k} steps are sign steps {@code lr sign(m)}), the weight decay is decoupled and
 * uses the parameters before the step, and the defaults of {@link Optimizers#sophia(double)} are
 * theirs. Two differences, both because this is the Hutchinson variant and theirs is the
 * Gauss-Newton-Bartlett one (SophiaG): the denominator is the paper's {@code max(gamma h, eps)}
 * rather than the code's {@code rho bs h + eps}, since a Hutchinson estimate can be negative and
 * the code's form would then step along {@code m} without bound (here a non-positive or tiny
 * {@code gamma h} gives the sign step {@code lr sign(m)}); and {@code gamma} plays the role of
 * {@code rho bs}, {@code bs} being the code's tokens per batch, which rescales the
 * Gauss-Newton-Bartlett estimate of a mean loss to a diagonal and is 1 for an unbiased Hutchinson
 * estimate. Their loop estimates on the previous step's batch after that step; here the estimate
 * uses the current step's batch at the same parameters. The Hessian products come from the
 * {@link Context} (a {@link HessianObjective} or {@link BatchHessianObjective} run by
 * {@link Minimize}); one product every {@code k} steps.
 */
final class Sophia implements Transform {
    private final Hyper lr;
    private final double beta1;
    private final double beta2;
    private final double gamma;
    private final double eps;
    private final double weightDecay;
    private final int k;
    private final long seed;

    Sophia(Schedule lr, double beta1, double beta2, double gamma, double eps, double weightDecay, int k, long seed) {
        this.lr = Hyper.of("sophia", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.beta1 = Hyper.check("sophia", "beta1", beta1, Hyper.Range.UNIT);
        this.beta2 = Hyper.check("sophia", "beta2", beta2, Hyper.Range.UNIT);
        this.gamma = Hyper.check("sophia", "gamma", gamma, Hyper.Range.POSITIVE);
        this.eps = Hyper.check("sophia", "eps", eps, Hyper.Range.POSITIVE);
        this.weightDecay = Hyper.check("sophia", "weightDecay", weightDecay, Hyper.Range.NON_NEGATIVE);
        this.k = Hyper.checkAtLeast("sophia", "k", k, 1);
        this.seed = seed;
    }

    private static final class SophiaState extends State {
        final long[] count = longs("count", 1);
        final double[] m;
        final double[] h;
        final double[] d;
        final DiagonalProbe probe;

        SophiaState(int n) {
            super("sophia");
            m = doubles("m", n);
            h = doubles("h", n);
            d = new double[n];
            probe = new DiagonalProbe(n);
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        return new SophiaState(params.length);
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        SophiaState s = (SophiaState) state;
        long t = s.count[0];
        int n = updates.length;
        if (t == 0) {
            context.requireHvp("sophia");
        }
        if (t > 0 && t % k == 0) {
            s.probe.estimate("sophia", context, params, seed, t, 1, s.d);
            for (int i = 0; i < n; i++) {
                s.h[i] = beta2 * s.h[i] + (1 - beta2) * s.d[i];
            }
        }
        double rate = lr.at(t);
        for (int i = 0; i < n; i++) {
            double mi = beta1 * s.m[i] + (1 - beta1) * updates[i];
            s.m[i] = mi;
            double ratio = mi / Math.max(gamma * s.h[i], eps);
            updates[i] = -rate * (weightDecay * params[i] + Math.max(-1, Math.min(1, ratio)));
        }
        s.count[0] = t + 1;
    }

    @Override
    public double learningRate(State state) {
        return lr.at(((SophiaState) state).count[0]);
    }
}
