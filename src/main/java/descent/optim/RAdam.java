package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Rectified Adam (Liu et al. 2020) in torch's form: with {@code rho_inf = 2 / (1 - b2) - 1} and
 * {@code rho_t = rho_inf - 2 t b2^t / (1 - b2^t)}, the step is Adam's with the rectification
 * {@code r_t = sqrt((rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t))} when
 * {@code rho_t > 5}, and plain momentum {@code p -= lr m / (1 - b1^t)} before:
 * <pre>
 * g' = g + wd p,  m = b1 m + (1 - b1) g',  v = b2 v + (1 - b2) g'^2
 * p = p - lr r_t m / (1 - b1^t) sqrt(1 - b2^t) / (sqrt(v) + eps)
 * </pre>
 */
final class RAdam extends Fused {
    private final Hyper lr;
    private final Hyper beta1;
    private final Hyper beta2;
    private final Hyper eps;
    private final Hyper weightDecay;

    RAdam(Schedule lr, Schedule beta1, Schedule beta2, Schedule eps, Schedule weightDecay) {
        this.lr = Hyper.of("radam", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.beta1 = Hyper.of("radam", "beta1", beta1, Hyper.Range.UNIT);
        this.beta2 = Hyper.of("radam", "beta2", beta2, Hyper.Range.UNIT);
        this.eps = Hyper.of("radam", "eps", eps, Hyper.Range.POSITIVE);
        this.weightDecay = Hyper.of("radam", "weightDecay", weightDecay, Hyper.Range.NON_NEGATIVE);
    }

    private final class RAdamState extends Buffers {
        final double[] m;
        final double[] v;
        double b1;
        double b2;
        double e;
        double wd;
        double momentCoef;
        double adaptiveCoef;
        boolean rectified;

        RAdamState(int n) {
            super("radam");
            m = doubles("m", n);
            v = doubles("v", n);
        }

        @Override
        void begin(long t, Context context) {
            double rate = lr.at(t);
            b1 = beta1.at(t);
            b2 = beta2.at(t);
            e = eps.at(t);
            wd = weightDecay.at(t);
            long k = t + 1;
            double bc1 = 1 - Math.pow(b1, k);
            double bc2 = 1 - Math.pow(b2, k);
            double rhoInf = 2 / (1 - b2) - 1;
            double rho = rhoInf - 2 * k * Math.pow(b2, k) / bc2;
            rectified = rho > 5;
            momentCoef = rate / bc1;
            if (rectified) {
                double rect = Math.sqrt((rho - 4) * (rho - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho));
                adaptiveCoef = Math.sqrt(bc2) * rect;
            }
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
            double cm = momentCoef;
            double ca = adaptiveCoef;
            boolean rect = rectified;
            boolean ap = apply;
            for (int i = lo; i < hi; i++) {
                double pi = ps[i];
                double gi = gs[i] + w * pi;
                double mi = a1 * ms[i] + c1 * gi;
                double vi = a2 * vs[i] + c2 * gi * gi;
                ms[i] = mi;
                vs[i] = vi;
                double d = rect ? -cm * mi * (ca / (Math.sqrt(vi) + ep)) : -cm * mi;
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
        return new RAdamState(params.length);
    }
}
