package descent.optim;

import descent.tensor.ParamLayout;

/**
 * NAdam, Adam with Nesterov momentum (Dozat 2016), in torch's form with the momentum schedule
 * {@code mu_t = b1 (1 - 0.5 * 0.96^(t psi))} ({@code psi} the momentum decay):
 * <pre>
 * g' = g + wd p
 * m = b1 m + (1 - b1) g',  v = b2 v + (1 - b2) g'^2,  denom = sqrt(v / (1 - b2^t)) + eps
 * p = p - lr (1 - mu_t) / (1 - prod_{i<=t} mu_i) g' / denom
 *       - lr mu_{t+1} / (1 - prod_{i<=t+1} mu_i) m / denom
 * </pre>
 */
final class NAdam extends Fused {
    private final Hyper lr;
    private final Hyper beta1;
    private final Hyper beta2;
    private final Hyper eps;
    private final Hyper weightDecay;
    private final double momentumDecay;

    NAdam(Schedule lr, Schedule beta1, Schedule beta2, Schedule eps, Schedule weightDecay, double momentumDecay) {
        this.lr = Hyper.of("nadam", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.beta1 = Hyper.of("nadam", "beta1", beta1, Hyper.Range.UNIT);
        this.beta2 = Hyper.of("nadam", "beta2", beta2, Hyper.Range.UNIT);
        this.eps = Hyper.of("nadam", "eps", eps, Hyper.Range.POSITIVE);
        this.weightDecay = Hyper.of("nadam", "weightDecay", weightDecay, Hyper.Range.NON_NEGATIVE);
        this.momentumDecay = Hyper.check("nadam", "momentumDecay", momentumDecay, Hyper.Range.NON_NEGATIVE);
    }

    private final class NAdamState extends Buffers {
        final double[] m;
        final double[] v;
        final double[] muProduct = doubles("muProduct", 1);
        double b1;
        double b2;
        double e;
        double wd;
        double invBc2;
        double gradCoef;
        double momentCoef;

        NAdamState(int n) {
            super("nadam");
            m = doubles("m", n);
            v = doubles("v", n);
            muProduct[0] = 1;
        }

        @Override
        void begin(long t, Context context) {
            double rate = lr.at(t);
            b1 = beta1.at(t);
            b2 = beta2.at(t);
            e = eps.at(t);
            wd = weightDecay.at(t);
            long k = t + 1;
            invBc2 = 1 / (1 - Math.pow(b2, k));
            double mu = b1 * (1 - 0.5 * Math.pow(0.96, k * momentumDecay));
            double muNext = b1 * (1 - 0.5 * Math.pow(0.96, (k + 1) * momentumDecay));
            double prod = muProduct[0] * mu;
            muProduct[0] = prod;
            gradCoef = rate * (1 - mu) / (1 - prod);
            momentCoef = rate * muNext / (1 - prod * muNext);
        }

        @Override
        void kernel(int lo, int hi) {
            double[] gs = g;
            double[] ps = p;
            double[] ms = m;
            double[] vs = v;
            double a1 = b1;
            double c1 = 1 - b1;
            double a2 = b2;
            double c2 = 1 - b2;
            double ep = e;
            double w = wd;
            double ib = invBc2;
            double cg = gradCoef;
            double cm = momentCoef;
            boolean ap = apply;
            for (int i = lo; i < hi; i++) {
                double pi = ps[i];
                double gi = gs[i] + w * pi;
                double mi = a1 * ms[i] + c1 * gi;
                double vi = a2 * vs[i] + c2 * gi * gi;
                ms[i] = mi;
                vs[i] = vi;
                double denom = Math.sqrt(vi * ib) + ep;
                double d = -cg * gi / denom - cm * mi / denom;
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
        return new NAdamState(params.length);
    }
}
