package descent.optim;

import descent.tensor.ParamLayout;

/**
 * AdaBelief (Zhuang et al. 2020), Adam whose second moment tracks the deviation of the gradient
 * from its mean (the "belief"), in optax's form with decoupled weight decay:
 * <pre>
 * m = b1 m + (1 - b1) g
 * s = b2 s + (1 - b2) (g - m)^2 + epsRoot
 * p = p - lr (m / (1 - b1^t)) / (sqrt(s / (1 - b2^t)) + eps) - lr wd p
 * </pre>
 */
final class AdaBelief extends Fused {
    private final Hyper lr;
    private final Hyper beta1;
    private final Hyper beta2;
    private final Hyper eps;
    private final Hyper epsRoot;
    private final Hyper weightDecay;

    AdaBelief(Schedule lr, Schedule beta1, Schedule beta2, Schedule eps, Schedule epsRoot, Schedule weightDecay) {
        this.lr = Hyper.of("adaBelief", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.beta1 = Hyper.of("adaBelief", "beta1", beta1, Hyper.Range.UNIT);
        this.beta2 = Hyper.of("adaBelief", "beta2", beta2, Hyper.Range.UNIT);
        this.eps = Hyper.of("adaBelief", "eps", eps, Hyper.Range.POSITIVE);
        this.epsRoot = Hyper.of("adaBelief", "epsRoot", epsRoot, Hyper.Range.NON_NEGATIVE);
        this.weightDecay = Hyper.of("adaBelief", "weightDecay", weightDecay, Hyper.Range.NON_NEGATIVE);
    }

    private final class BeliefState extends Buffers {
        final double[] m;
        final double[] s;
        double b1;
        double b2;
        double e;
        double er;
        double rate;
        double inv1;
        double inv2;
        double wd;

        BeliefState(int n) {
            super("adaBelief");
            m = doubles("m", n);
            s = doubles("s", n);
        }

        @Override
        void begin(long t, Context context) {
            rate = lr.at(t);
            b1 = beta1.at(t);
            b2 = beta2.at(t);
            e = eps.at(t);
            er = epsRoot.at(t);
            wd = weightDecay.at(t);
            inv1 = 1 / (1 - Math.pow(b1, t + 1));
            inv2 = 1 / (1 - Math.pow(b2, t + 1));
        }

        @Override
        void kernel(int lo, int hi) {
            double[] gs = g;
            double[] ps = p;
            double[] ms = m;
            double[] ss = s;
            double a1 = b1;
            double c1 = 1 - b1;
            double a2 = b2;
            double c2 = 1 - b2;
            double ep = e;
            double root = er;
            double lrate = rate;
            double i1 = inv1;
            double i2 = inv2;
            double decay = rate * wd;
            boolean ap = apply;
            for (int i = lo; i < hi; i++) {
                double pi = ps[i];
                double gi = gs[i];
                double mi = a1 * ms[i] + c1 * gi;
                double r = gi - mi;
                double si = a2 * ss[i] + c2 * r * r + root;
                ms[i] = mi;
                ss[i] = si;
                double d = -lrate * (mi * i1) / (Math.sqrt(si * i2) + ep) - decay * pi;
                if (ap) {
                    ps[i] = pi + d;
                } else {
                    gs[i] = d;
                }
            }
        }

        @Override
        double learningRate(long t) {
            return lr.at(t);
        }
    }

    @Override
    Buffers create(ParamLayout layout, double[] params) {
        return new BeliefState(params.length);
    }
}
