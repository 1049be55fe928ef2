package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Stochastic gradient descent with torch's momentum, dampening, Nesterov and (coupled) weight decay:
 * <pre>
 * g' = g + wd p
 * b = g' at the first step, then b = mu b + (1 - dampening) g'
 * p = p - lr (nesterov ? g' + mu b : b)        (p = p - lr g' without momentum)
 * </pre>
 */
final class Sgd extends Fused {
    private final Hyper lr;
    private final Hyper momentum;
    private final Hyper dampening;
    private final Hyper weightDecay;
    private final boolean nesterov;

    Sgd(Schedule lr, Schedule momentum, Schedule dampening, Schedule weightDecay, boolean nesterov) {
        this.lr = Hyper.of("sgd", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.momentum = Hyper.of("sgd", "momentum", momentum, Hyper.Range.UNIT_CLOSED);
        this.dampening = Hyper.of("sgd", "dampening", dampening, Hyper.Range.UNIT_CLOSED);
        this.weightDecay = Hyper.of("sgd", "weightDecay", weightDecay, Hyper.Range.NON_NEGATIVE);
        this.nesterov = nesterov;
        if (nesterov && this.momentum.isConstant() && (this.momentum.at(0) == 0
                || !this.dampening.isConstant() || this.dampening.at(0) != 0)) {
            throw new IllegalArgumentException("sgd: Nesterov momentum requires momentum > 0 and dampening = 0");
        }
    }

    private final class SgdState extends Buffers {
        final double[] buf;
        final long[] started = longs("started", 1);
        double rate;
        double mu;
        double damp;
        double wd;
        boolean first;

        SgdState(int n) {
            super("sgd");
            boolean needsBuffer = !(momentum.isConstant() && momentum.at(0) == 0);
            buf = needsBuffer ? doubles("momentum", n) : null;
        }

        @Override
        void begin(long t, Context context) {
            rate = lr.at(t);
            mu = momentum.at(t);
            damp = dampening.at(t);
            wd = weightDecay.at(t);
            first = started[0] == 0;
            if (mu != 0) {
                started[0] = 1;
            }
        }

        @Override
        void kernel(int lo, int hi) {
            double[] gs = g;
            double[] ps = p;
            double[] b = buf;
            double lrate = rate;
            double m = mu;
            double keep = 1 - damp;
            double w = wd;
            boolean ap = apply;
            boolean init = first;
            boolean nest = nesterov;
            if (m == 0) {
                for (int i = lo; i < hi; i++) {
                    double pi = ps[i];
                    double d = -lrate * (gs[i] + w * pi);
                    if (ap) {
                        ps[i] = pi + d;
                    } else {
                        gs[i] = d;
                    }
                }
                return;
            }
            for (int i = lo; i < hi; i++) {
                double pi = ps[i];
                double gi = gs[i] + w * pi;
                double bi = init ? gi : m * b[i] + keep * gi;
                b[i] = bi;
                double d = -lrate * (nest ? gi + m * bi : bi);
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
        return new SgdState(params.length);
    }
}
