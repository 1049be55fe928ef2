package descent.optim;

import descent.tensor.ParamLayout;

/**
 * RMSprop (Hinton's lecture notes; Graves 2013 for the centered variant) with torch's conventions:
 * <pre>
 * g' = g + wd p
 * s = alpha s + (1 - alpha) g'^2
 * centered: c = alpha c + (1 - alpha) g', avg = sqrt(s - c^2) + eps; otherwise avg = sqrt(s) + eps
 * momentum: b = mu b + g' / avg, p = p - lr b; otherwise p = p - lr g' / avg
 * </pre>
 */
final class RmsProp extends Fused {
    private final Hyper lr;
    private final Hyper alpha;
    private final Hyper eps;
    private final Hyper weightDecay;
    private final Hyper momentum;
    private final boolean centered;

    RmsProp(Schedule lr, Schedule alpha, Schedule eps, Schedule weightDecay, Schedule momentum, boolean centered) {
        this.lr = Hyper.of("rmsprop", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.alpha = Hyper.of("rmsprop", "alpha", alpha, Hyper.Range.UNIT_CLOSED);
        this.eps = Hyper.of("rmsprop", "eps", eps, Hyper.Range.POSITIVE);
        this.weightDecay = Hyper.of("rmsprop", "weightDecay", weightDecay, Hyper.Range.NON_NEGATIVE);
        this.momentum = Hyper.of("rmsprop", "momentum", momentum, Hyper.Range.UNIT_CLOSED);
        this.centered = centered;
    }

    private final class RmsState extends Buffers {
        final double[] square;
        final double[] mean;
        final double[] buf;
        double rate;
        double a;
        double e;
        double wd;
        double mu;

        RmsState(int n) {
            super("rmsprop");
            square = doubles("squareAvg", n);
            mean = centered ? doubles("gradAvg", n) : null;
            buf = momentum.isConstant() && momentum.at(0) == 0 ? null : doubles("momentum", n);
        }

        @Override
        void begin(long t, Context context) {
            rate = lr.at(t);
            a = alpha.at(t);
            e = eps.at(t);
            wd = weightDecay.at(t);
            mu = momentum.at(t);
        }

        @Override
        void kernel(int lo, int hi) {
            double[] gs = g;
            double[] ps = p;
            double[] sq = square;
            double[] ga = mean;
            double[] b = buf;
            double lrate = rate;
            double keep = a;
            double mix = 1 - a;
            double ep = e;
            double w = wd;
            double m = mu;
            boolean ap = apply;
            for (int i = lo; i < hi; i++) {
                double pi = ps[i];
                double gi = gs[i] + w * pi;
                double si = keep * sq[i] + mix * gi * gi;
                sq[i] = si;
                double avg;
                if (ga != null) {
                    double ci = keep * ga[i] + mix * gi;
                    ga[i] = ci;
                    avg = Math.sqrt(si - ci * ci) + ep;
                } else {
                    avg = Math.sqrt(si) + ep;
                }
                double d;
                if (m > 0) {
                    double bi = m * b[i] + gi / avg;
                    b[i] = bi;
                    d = -lrate * bi;
                } else {
                    d = -lrate * gi / avg;
                }
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
        return new RmsState(params.length);
    }
}
