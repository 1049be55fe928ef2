package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Adamax, Adam with the infinity norm (Kingma and Ba 2015, section 7.1), in torch's form:
 * <pre>
 * g' = g + wd p
 * m = b1 m + (1 - b1) g'
 * u = max(b2 u, |g'| + eps)
 * p = p - lr / (1 - b1^t) m / u
 * </pre>
 */
final class Adamax extends Fused {
    private final Hyper lr;
    private final Hyper beta1;
    private final Hyper beta2;
    private final Hyper eps;
    private final Hyper weightDecay;

    Adamax(Schedule lr, Schedule beta1, Schedule beta2, Schedule eps, Schedule weightDecay) {
        this.lr = Hyper.of("adamax", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.beta1 = Hyper.of("adamax", "beta1", beta1, Hyper.Range.UNIT);
        this.beta2 = Hyper.of("adamax", "beta2", beta2, Hyper.Range.UNIT);
        this.eps = Hyper.of("adamax", "eps", eps, Hyper.Range.POSITIVE);
        this.weightDecay = Hyper.of("adamax", "weightDecay", weightDecay, Hyper.Range.NON_NEGATIVE);
    }

    private final class AdamaxState extends Buffers {
        final double[] m;
        final double[] u;
        double b1;
        double b2;
        double e;
        double wd;
        double clr;

        AdamaxState(int n) {
            super("adamax");
            m = doubles("m", n);
            u = doubles("infNorm", n);
        }

        @Override
        void begin(long t, Context context) {
            b1 = beta1.at(t);
            b2 = beta2.at(t);
            e = eps.at(t);
            wd = weightDecay.at(t);
            clr = lr.at(t) / (1 - Math.pow(b1, t + 1));
        }

        @Override
        void kernel(int lo, int hi) {
            double[] gs = g;
            double[] ps = p;
            double[] ms = m;
            double[] us = u;
            double a1 = b1;
            double c1 = 1 - b1;
            double a2 = b2;
            double ep = e;
            double w = wd;
            double c = clr;
            boolean ap = apply;
            for (int i = lo; i < hi; i++) {
                double pi = ps[i];
                double gi = gs[i] + w * pi;
                double mi = a1 * ms[i] + c1 * gi;
                double ui = Math.max(a2 * us[i], Math.abs(gi) + ep);
                ms[i] = mi;
                us[i] = ui;
                double d = -c * mi / ui;
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
        return new AdamaxState(params.length);
    }
}
