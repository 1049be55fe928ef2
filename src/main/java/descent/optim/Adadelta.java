package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Adadelta (Zeiler 2012) with torch's conventions:
 * <pre>
 * g' = g + wd p
 * s = rho s + (1 - rho) g'^2
 * delta = sqrt(a + eps) / sqrt(s + eps) g'
 * a = rho a + (1 - rho) delta^2
 * p = p - lr delta
 * </pre>
 */
final class Adadelta extends Fused {
    private final Hyper lr;
    private final Hyper rho;
    private final Hyper eps;
    private final Hyper weightDecay;

    Adadelta(Schedule lr, Schedule rho, Schedule eps, Schedule weightDecay) {
        this.lr = Hyper.of("adadelta", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.rho = Hyper.of("adadelta", "rho", rho, Hyper.Range.UNIT_CLOSED);
        this.eps = Hyper.of("adadelta", "eps", eps, Hyper.Range.POSITIVE);
        this.weightDecay = Hyper.of("adadelta", "weightDecay", weightDecay, Hyper.Range.NON_NEGATIVE);
    }

    private final class AdadeltaState extends Buffers {
        final double[] square;
        final double[] delta;
        double rate;
        double r;
        double e;
        double wd;

        AdadeltaState(int n) {
            super("adadelta");
            square = doubles("squareAvg", n);
            delta = doubles("accDelta", n);
        }

        @Override
        void begin(long t, Context context) {
            rate = lr.at(t);
            r = rho.at(t);
            e = eps.at(t);
            wd = weightDecay.at(t);
        }

        @Override
        void kernel(int lo, int hi) {
            double[] gs = g;
            double[] ps = p;
            double[] sq = square;
            double[] ac = delta;
            double lrate = rate;
            double keep = r;
            double mix = 1 - r;
            double ep = e;
            double w = wd;
            boolean ap = apply;
            for (int i = lo; i < hi; i++) {
                double pi = ps[i];
                double gi = gs[i] + w * pi;
                double si = keep * sq[i] + mix * gi * gi;
                sq[i] = si;
                double di = Math.sqrt(ac[i] + ep) / Math.sqrt(si + ep) * gi;
                ac[i] = keep * ac[i] + mix * di * di;
                double d = -lrate * di;
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
        return new AdadeltaState(params.length);
    }
}
