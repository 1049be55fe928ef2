package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Adagrad (Duchi, Hazan and Singer 2011) with torch's learning-rate decay and initial accumulator:
 * <pre>
 * g' = g + wd p
 * s = s + g'^2                      (s starts at initialAccumulator)
 * p = p - lr / (1 + (t - 1) lrDecay) g' / (sqrt(s) + eps)
 * </pre>
 */
final class Adagrad extends Fused {
    private final Hyper lr;
    private final Hyper lrDecay;
    private final Hyper weightDecay;
    private final double initialAccumulator;
    private final Hyper eps;

    Adagrad(Schedule lr, Schedule lrDecay, Schedule weightDecay, double initialAccumulator, Schedule eps) {
        this.lr = Hyper.of("adagrad", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.lrDecay = Hyper.of("adagrad", "lrDecay", lrDecay, Hyper.Range.NON_NEGATIVE);
        this.weightDecay = Hyper.of("adagrad", "weightDecay", weightDecay, Hyper.Range.NON_NEGATIVE);
        this.initialAccumulator = Hyper.check("adagrad", "initialAccumulator", initialAccumulator, Hyper.Range.NON_NEGATIVE);
        this.eps = Hyper.of("adagrad", "eps", eps, Hyper.Range.POSITIVE);
    }

    private final class AdagradState extends Buffers {
        final double[] sum;
        double clr;
        double wd;
        double e;

        AdagradState(int n) {
            super("adagrad");
            sum = doubles("sum", n);
            java.util.Arrays.fill(sum, initialAccumulator);
        }

        @Override
        void begin(long t, Context context) {
            clr = lr.at(t) / (1 + t * lrDecay.at(t));
            wd = weightDecay.at(t);
            e = eps.at(t);
        }

        @Override
        void kernel(int lo, int hi) {
            double[] gs = g;
            double[] ps = p;
            double[] s = sum;
            double c = clr;
            double w = wd;
            double ep = e;
            boolean ap = apply;
            for (int i = lo; i < hi; i++) {
                double pi = ps[i];
                double gi = gs[i] + w * pi;
                double si = s[i] + gi * gi;
                s[i] = si;
                double d = -c * gi / (Math.sqrt(si) + ep);
                if (ap) {
                    ps[i] = pi + d;
                } else {
                    gs[i] = d;
                }
            }
        }

        @Override
        double learningRate(long t) {
            return lr.at(t) / (1 + t * lrDecay.at(t));
        }
    }

    @Override
    Buffers create(ParamLayout layout, double[] params) {
        return new AdagradState(params.length);
    }
}
