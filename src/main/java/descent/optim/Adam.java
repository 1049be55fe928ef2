package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Adam (Kingma and Ba 2015) with torch's conventions, its AMSGrad variant (Reddi, Kale and Kumar
 * 2018) and AdamW's decoupled weight decay (Loshchilov and Hutter 2019), in one fused pass:
 * <pre>
 * g' = g + wd p                     (Adam's coupled decay)
 * m = b1 m + (1 - b1) g'
 * v = b2 v + (1 - b2) g'^2          (AMSGrad: vmax = max(vmax, v), used below in place of v)
 * p = p - lr wd p                   (AdamW's decoupled decay)
 *       - lr / (1 - b1^t) m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * </pre>
 * with {@code t} the 1-based step.
 */
final class Adam extends Fused {
    private final String name;
    private final Hyper lr;
    private final Hyper beta1;
    private final Hyper beta2;
    private final Hyper eps;
    private final Hyper weightDecay;
    private final boolean decoupled;
    private final boolean amsgrad;

    Adam(String name, Schedule lr, Schedule beta1, Schedule beta2, Schedule eps, Schedule weightDecay, boolean decoupled,
            boolean amsgrad) {
        this.name = name;
        this.lr = Hyper.of(name, "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.beta1 = Hyper.of(name, "beta1", beta1, Hyper.Range.UNIT);
        this.beta2 = Hyper.of(name, "beta2", beta2, Hyper.Range.UNIT);
        this.eps = Hyper.of(name, "eps", eps, Hyper.Range.POSITIVE);
        this.weightDecay = Hyper.of(name, "weightDecay", weightDecay, Hyper.Range.NON_NEGATIVE);
        this.decoupled = decoupled;
        this.amsgrad = amsgrad;
    }

    private final class AdamState extends Buffers {
        final double[] m;
        final double[] v;
        final double[] vmax;
        double b1;
        double b2;
        double stepSize;
        double invBc2Sqrt;
        double e;
        double coupledDecay;
        double decoupledDecay;

        AdamState(int n) {
            super(name);
            m = doubles("m", n);
            v = doubles("v", n);
            vmax = amsgrad ? doubles("vmax", n) : null;
        }

        @Override
        void begin(long t, Context context) {
            double rate = lr.at(t);
            b1 = beta1.at(t);
            b2 = beta2.at(t);
            e = eps.at(t);
            double wd = weightDecay.at(t);
            long k = t + 1;
            double bc1 = 1 - Math.pow(b1, k);
            double bc2 = 1 - Math.pow(b2, k);
            stepSize = rate / bc1;
            invBc2Sqrt = 1 / Math.sqrt(bc2);
            coupledDecay = decoupled ? 0 : wd;
            decoupledDecay = decoupled ? rate * wd : 0;
        }

        /** The update over [lo, hi); the common case, a step without AMSGrad, has a loop of its own that C2 vectorizes. */
        @Override
        void kernel(int lo, int hi) {
            double[] gs = g;
            double[] ps = p;
            double[] ms = m;
            double[] vs = v;
            double[] vx = vmax;
            double a1 = b1;
            double a2 = b2;
            double c1 = 1 - a1;
            double c2 = 1 - a2;
            double step = stepSize;
            double inv = invBc2Sqrt;
            double ep = e;
            double wc = coupledDecay;
            double wdd = decoupledDecay;
            boolean ap = apply;
            if (ap && vx == null) {
                for (int i = lo; i < hi; i++) {
                    double pi = ps[i];
                    double gi = gs[i] + wc * pi;
                    double mi = a1 * ms[i] + c1 * gi;
                    double vi = a2 * vs[i] + c2 * gi * gi;
                    ms[i] = mi;
                    vs[i] = vi;
                    ps[i] = pi + (-step * mi / (Math.sqrt(vi) * inv + ep) - wdd * pi);
                }
                return;
            }
            for (int i = lo; i < hi; i++) {
                double pi = ps[i];
                double gi = gs[i] + wc * pi;
                double mi = a1 * ms[i] + c1 * gi;
                double vi = a2 * vs[i] + c2 * gi * gi;
                ms[i] = mi;
                vs[i] = vi;
                if (vx != null) {
                    vi = Math.max(vx[i], vi);
                    vx[i] = vi;
                }
                double d = -step * mi / (Math.sqrt(vi) * inv + ep) - wdd * pi;
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
        return new AdamState(params.length);
    }
}
