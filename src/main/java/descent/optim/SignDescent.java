package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Sign descent: signSGD {@code p = p - lr sign(g)} (Bernstein et al. 2018), and with momentum
 * Signum {@code m = beta m + (1 - beta) g, p = p - lr (sign(m) + wd p)} (same paper). Run on
 * mini-batches drawn by random reshuffling (each epoch a fresh permutation, as {@link Minimize}
 * draws them by default), signSGD is SignRR.
 */
final class SignDescent extends Fused {
    private final String name;
    private final Hyper lr;
    private final Hyper momentum;
    private final Hyper weightDecay;

    SignDescent(String name, Schedule lr, Schedule momentum, Schedule weightDecay) {
        this.name = name;
        this.lr = Hyper.of(name, "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.momentum = Hyper.of(name, "momentum", momentum, Hyper.Range.UNIT);
        this.weightDecay = Hyper.of(name, "weightDecay", weightDecay, Hyper.Range.NON_NEGATIVE);
    }

    private final class SignState extends Buffers {
        final double[] m;
        double rate;
        double beta;
        double wd;

        SignState(int n) {
            super(name);
            m = momentum.isConstant() && momentum.at(0) == 0 ? null : doubles("m", n);
        }

        @Override
        void begin(long t, Context context) {
            rate = lr.at(t);
            beta = momentum.at(t);
            wd = weightDecay.at(t);
        }

        @Override
        void kernel(int lo, int hi) {
            double[] gs = g;
            double[] ps = p;
            double[] ms = m;
            double lrate = rate;
            double b = beta;
            double c = 1 - beta;
            double w = wd;
            boolean ap = apply;
            for (int i = lo; i < hi; i++) {
                double pi = ps[i];
                double dir = gs[i];
                if (ms != null) {
                    dir = b * ms[i] + c * dir;
                    ms[i] = dir;
                }
                double d = -lrate * (Vec.sign(dir) + w * pi);
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
        return new SignState(params.length);
    }
}
