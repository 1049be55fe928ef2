package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Lion, evolved sign momentum (Chen et al. 2023):
 * <pre>
 * p = p - lr (sign(b1 m + (1 - b1) g) + wd p)
 * m = b2 m + (1 - b2) g
 * </pre>
 */
final class Lion extends Fused {
    private final Hyper lr;
    private final Hyper beta1;
    private final Hyper beta2;
    private final Hyper weightDecay;

    Lion(Schedule lr, Schedule beta1, Schedule beta2, Schedule weightDecay) {
        this.lr = Hyper.of("lion", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.beta1 = Hyper.of("lion", "beta1", beta1, Hyper.Range.UNIT_CLOSED);
        this.beta2 = Hyper.of("lion", "beta2", beta2, Hyper.Range.UNIT_CLOSED);
        this.weightDecay = Hyper.of("lion", "weightDecay", weightDecay, Hyper.Range.NON_NEGATIVE);
    }

    private final class LionState extends Buffers {
        final double[] m;
        double rate;
        double b1;
        double b2;
        double wd;

        LionState(int n) {
            super("lion");
            m = doubles("m", n);
        }

        @Override
        void begin(long t, Context context) {
            rate = lr.at(t);
            b1 = beta1.at(t);
            b2 = beta2.at(t);
            wd = weightDecay.at(t);
        }

        @Override
        void kernel(int lo, int hi) {
            double[] gs = g;
            double[] ps = p;
            double[] ms = m;
            double a1 = b1;
            double c1 = 1 - b1;
            double a2 = b2;
            double c2 = 1 - b2;
            double lrate = rate;
            double w = wd;
            boolean ap = apply;
            for (int i = lo; i < hi; i++) {
                double pi = ps[i];
                double gi = gs[i];
                double mi = ms[i];
                double d = -lrate * (Vec.sign(a1 * mi + c1 * gi) + w * pi);
                ms[i] = a2 * mi + c2 * gi;
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
        return new LionState(params.length);
    }
}
