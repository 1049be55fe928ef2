package descent.optim;

import descent.tensor.ParamLayout;

/**
 * The stochastic Polyak step size, SPS_max (Loizou, Vaswani, Laradji and Lacoste-Julien 2021):
 * {@code p = p - gamma g} with {@code gamma = min((f - fStar) / (c |g|^2), maxLr)}, where
 * {@code f} is the loss of the current (mini-batch) objective, read from the {@link Context}, and
 * {@code fStar} a lower bound of it (0 for interpolating models). A zero gradient or a loss at
 * or below {@code fStar} gives no step. The paper's default: {@code c = 0.5}.
 */
final class Sps extends Fused {
    private final Hyper maxLr;
    private final double c;
    private final double fStar;

    Sps(Schedule maxLr, double c, double fStar) {
        this.maxLr = Hyper.of("sps", "maxLr", maxLr, Hyper.Range.NON_NEGATIVE);
        this.c = Hyper.check("sps", "c", c, Hyper.Range.POSITIVE);
        this.fStar = Hyper.check("sps", "fStar", fStar, new Hyper.Range(Double.NEGATIVE_INFINITY, true,
                Double.POSITIVE_INFINITY, true));
    }

    private final class SpsState extends Buffers {
        final double[] last = doubles("stepSize", 1);

        SpsState() {
            super("sps");
            last[0] = Double.NaN;
        }

        @Override
        void begin(long t, Context context) {
            double f = context.value("sps");
            double g2 = Vec.sumSquares(g, 0, g.length);
            double gap = f - fStar;
            double gamma = g2 > 0 && gap > 0 ? gap / (c * g2) : 0;
            last[0] = Math.min(gamma, maxLr.at(t));
        }

        @Override
        void kernel(int lo, int hi) {
            double[] gs = g;
            double[] ps = p;
            double gamma = last[0];
            boolean ap = apply;
            for (int i = lo; i < hi; i++) {
                double d = -gamma * gs[i];
                if (ap) {
                    ps[i] += d;
                } else {
                    gs[i] = d;
                }
            }
        }

        @Override
        double learningRate(long t) {
            return last[0];
        }
    }

    @Override
    Buffers create(ParamLayout layout, double[] params) {
        return new SpsState();
    }
}
