package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Averaged SGD (Polyak and Juditsky 1992) in torch's form:
 * <pre>
 * g' = g + wd p
 * p = p (1 - lambda eta) - eta g'
 * ax = ax + mu (p - ax)             (ax = p while mu = 1)
 * eta = lr / (1 + lambda lr t)^alpha,  mu = 1 / max(1, t - t0)
 * </pre>
 * with {@code eta = lr, mu = 1} at the first step. The average {@code ax} is the evaluation point.
 */
final class Asgd extends Fused {
    private final double lr;
    private final double lambda;
    private final double alpha;
    private final double t0;
    private final Hyper weightDecay;

    Asgd(double lr, double lambda, double alpha, double t0, Schedule weightDecay) {
        this.lr = Hyper.check("asgd", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.lambda = Hyper.check("asgd", "lambd", lambda, Hyper.Range.NON_NEGATIVE);
        this.alpha = Hyper.check("asgd", "alpha", alpha, Hyper.Range.NON_NEGATIVE);
        this.t0 = Hyper.check("asgd", "t0", t0, Hyper.Range.NON_NEGATIVE);
        this.weightDecay = Hyper.of("asgd", "weightDecay", weightDecay, Hyper.Range.NON_NEGATIVE);
    }

    private final class AsgdState extends Buffers {
        final double[] ax;
        final double[] scalars = doubles("eta,mu", 2);
        double wd;

        AsgdState(double[] params) {
            super("asgd");
            ax = doubles("ax", params.length);
            scalars[0] = lr;
            scalars[1] = 1;
        }

        @Override
        void begin(long t, Context context) {
            wd = weightDecay.at(t);
        }

        @Override
        void kernel(int lo, int hi) {
            double[] gs = g;
            double[] ps = p;
            double[] a = ax;
            double eta = scalars[0];
            double mu = scalars[1];
            double shrink = 1 - lambda * eta;
            double w = wd;
            boolean ap = apply;
            for (int i = lo; i < hi; i++) {
                double pi = ps[i];
                double next = pi * shrink - eta * (gs[i] + w * pi);
                a[i] = mu != 1 ? a[i] + (next - a[i]) * mu : next;
                if (ap) {
                    ps[i] = next;
                } else {
                    gs[i] = next - pi;
                }
            }
        }

        @Override
        void end(long t) {
            long step = t + 1;
            scalars[0] = lr / Math.pow(1 + lambda * lr * step, alpha);
            scalars[1] = 1 / Math.max(1, step - t0);
        }

        @Override
        double learningRate(long t) {
            return scalars[0];
        }
    }

    @Override
    Buffers create(ParamLayout layout, double[] params) {
        return new AsgdState(params);
    }

    @Override
    public boolean evaluatesAtParams(State state) {
        return ((AsgdState) state).count[0] == 0;
    }

    @Override
    public void evaluationPoint(State state, double[] params, double[] out) {
        AsgdState s = (AsgdState) state;
        if (s.count[0] == 0) {
            System.arraycopy(params, 0, out, 0, params.length);
        } else {
            System.arraycopy(s.ax, 0, out, 0, s.ax.length);
        }
    }
}
