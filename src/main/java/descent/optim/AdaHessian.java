package descent.optim;

import descent.tensor.ParamLayout;

/**
 * AdaHessian (Yao, Gholami, Shen, Mustafa, Keutzer and Mahoney 2021): Adam with the squared
 * gradient replaced by the square of a Hutchinson estimate {@code D} of the Hessian's diagonal,
 * <pre>
 * D = z * (H z)                        (every {@code every} steps, Rademacher z; kept in between)
 * m = b1 m + (1 - b1) g
 * v = b2 v + (1 - b2) D^2
 * p = p - lr (m / (1 - b1^t)) / ((v / (1 - b2^t))^(k/2) + eps) - lr wd p
 * </pre>
 * with {@code t} the 1-based step and {@code k} the Hessian power (1 in the paper; 1/2 gives a
 * gentler preconditioner). As in the authors' code ({@code github.com/amirgholami/adahessian},
 * {@code optim_adahessian.py}, whose defaults {@link Optimizers#adaHessian(double)} takes): the
 * weight decay is decoupled and uses the parameters before the step, {@code eps} is added after
 * the power, and for a convolution kernel (a leaf of rank 4, {@code [out, in, kh, kw]}) {@code D}
 * is spatially averaged, each element replaced by the mean of {@code |D|} over its
 * {@code kh x kw} window; leaves of rank up to 2 use {@code D} itself (rank 3 too, which the
 * authors' code does not handle). Their code estimates at every step; {@code every > 1} reuses an
 * estimate, as the paper's delayed Hessian update. The Hessian products come from the
 * {@link Context} (a {@link HessianObjective} or {@link BatchHessianObjective} run by
 * {@link Minimize}); one product per estimate.
 */
final class AdaHessian implements Transform {
    private final Hyper lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final double power;
    private final int every;
    private final long seed;

    AdaHessian(Schedule lr, double beta1, double beta2, double eps, double weightDecay, double power, int every, long seed) {
        this.lr = Hyper.of("adaHessian", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.beta1 = Hyper.check("adaHessian", "beta1", beta1, Hyper.Range.UNIT);
        this.beta2 = Hyper.check("adaHessian", "beta2", beta2, Hyper.Range.UNIT);
        this.eps = Hyper.check("adaHessian", "eps", eps, Hyper.Range.POSITIVE);
        this.weightDecay = Hyper.check("adaHessian", "weightDecay", weightDecay, Hyper.Range.NON_NEGATIVE);
        this.power = Hyper.check("adaHessian", "hessianPower", power, new Hyper.Range(0, true, 1, false));
        this.every = Hyper.checkAtLeast("adaHessian", "every", every, 1);
        this.seed = seed;
    }

    private static final class AdaHessianState extends State {
        final long[] count = longs("count", 1);
        final double[] m;
        final double[] v;
        final double[] d;
        final DiagonalProbe probe;

        final ParamLayout layout;

        AdaHessianState(ParamLayout layout, int n) {
            super("adaHessian");
            this.layout = layout;
            m = doubles("m", n);
            v = doubles("v", n);
            d = doubles("diagonal", n);
            probe = new DiagonalProbe(n);
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        return new AdaHessianState(layout, params.length);
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        AdaHessianState s = (AdaHessianState) state;
        long t = s.count[0];
        if (t % every == 0) {
            s.probe.estimate("adaHessian", context, params, seed, t, 1, s.d);
            averageKernels(s.layout, s.d);
        }
        double rate = lr.at(t);
        double bc1 = 1 - Math.pow(beta1, t + 1);
        double bc2 = 1 - Math.pow(beta2, t + 1);
        double half = 0.5 * power;
        for (int i = 0; i < updates.length; i++) {
            double g = updates[i];
            double mi = beta1 * s.m[i] + (1 - beta1) * g;
            double vi = beta2 * s.v[i] + (1 - beta2) * s.d[i] * s.d[i];
            s.m[i] = mi;
            s.v[i] = vi;
            double vh = vi / bc2;
            double denom = (half == 0.5 ? Math.sqrt(vh) : Math.pow(vh, half)) + eps;
            updates[i] = -rate * (mi / bc1 / denom + weightDecay * params[i]);
        }
        s.count[0] = t + 1;
    }

    /** Replaces each element of every rank-4 leaf of {@code d} by the mean of {@code |d|} over its last two dimensions. */
    static void averageKernels(ParamLayout layout, double[] d) {
        for (int leaf = 0; leaf < layout.leafCount(); leaf++) {
            descent.tensor.Shape shape = layout.shape(leaf);
            int window = shape.rank() == 4 ? shape.dim(2) * shape.dim(3) : 0;
            if (window == 0) {
                continue;
            }
            int end = layout.offset(leaf) + layout.size(leaf);
            for (int w = layout.offset(leaf); w < end; w += window) {
                double sum = 0;
                for (int i = w; i < w + window; i++) {
                    sum += Math.abs(d[i]);
                }
                java.util.Arrays.fill(d, w, w + window, sum / window);
            }
        }
    }

    @Override
    public double learningRate(State state) {
        return lr.at(((AdaHessianState) state).count[0]);
    }
}
