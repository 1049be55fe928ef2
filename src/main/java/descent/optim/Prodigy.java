package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Prodigy (Mishchenko and Defazio 2024), Adam whose step size {@code d lr} is estimated on the
 * fly from the distance travelled, as the authors' implementation (prodigyopt): with
 * {@code dlr = d lr} (times Adam's bias correction if asked) and {@code p0} the initial point,
 * <pre>
 * num = beta3 num + (d / d0) dlr g.(p0 - p)
 * m = b1 m + d (1 - b1) g,   v = b2 v + d^2 (1 - b2) g^2
 * s = beta3 s + (d / d0) dlr g          (safeguardWarmup: (d / d0) d g)
 * dHat = dCoef num / |s|_1;   d = max(d, dHat) while d = d0;   dMax = max(dMax, dHat);   d = min(dMax, growthRate d)
 * p = p - dlr wd p - dlr m / (sqrt(v) + d eps)
 * </pre>
 * The weight decay is decoupled unless {@code decouple} is false (then {@code g += wd p}).
 */
final class Prodigy implements Transform {
    private final Hyper lr;
    private final double beta1;
    private final double beta2;
    private final double beta3;
    private final double eps;
    private final double weightDecay;
    private final boolean decouple;
    private final boolean biasCorrection;
    private final boolean safeguardWarmup;
    private final double d0;
    private final double dCoef;
    private final double growthRate;

    Prodigy(Schedule lr, double beta1, double beta2, double beta3, double eps, double weightDecay, boolean decouple,
            boolean biasCorrection, boolean safeguardWarmup, double d0, double dCoef, double growthRate) {
        this.lr = Hyper.of("prodigy", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.beta1 = Hyper.check("prodigy", "beta1", beta1, Hyper.Range.UNIT);
        this.beta2 = Hyper.check("prodigy", "beta2", beta2, Hyper.Range.UNIT);
        this.beta3 = Hyper.check("prodigy", "beta3", Double.isNaN(beta3) ? Math.sqrt(beta2) : beta3, Hyper.Range.UNIT);
        this.eps = Hyper.check("prodigy", "eps", eps, Hyper.Range.POSITIVE);
        this.weightDecay = Hyper.check("prodigy", "weightDecay", weightDecay, Hyper.Range.NON_NEGATIVE);
        this.decouple = decouple;
        this.biasCorrection = biasCorrection;
        this.safeguardWarmup = safeguardWarmup;
        this.d0 = Hyper.check("prodigy", "d0", d0, Hyper.Range.POSITIVE);
        this.dCoef = Hyper.check("prodigy", "dCoef", dCoef, Hyper.Range.POSITIVE);
        this.growthRate = Hyper.check("prodigy", "growthRate", growthRate, new Hyper.Range(1, false, Double.POSITIVE_INFINITY, false));
    }

    private final class ProdigyState extends State {
        final long[] count = longs("count", 1);
        final double[] m;
        final double[] v;
        final double[] s;
        final double[] p0;
        final double[] scalars = doubles("d,dMax,numerator", 3);
        double[] g;
        double[] p;
        double wdCoupled;
        double sScale;
        double mScale;
        double vScale;
        double dlr;
        double denomEps;
        double decay;
        boolean apply;

        final Loop.Sum numerator = new Loop.Sum() {
            @Override
            protected double partial(int lo, int hi) {
                double[] gs = g;
                double[] ps = p;
                double[] start = p0;
                double w = wdCoupled;
                double acc = 0;
                for (int i = lo; i < hi; i++) {
                    acc += (gs[i] + w * ps[i]) * (start[i] - ps[i]);
                }
                return acc;
            }
        };
        final Loop.Sum moments = new Loop.Sum() {
            @Override
            protected double partial(int lo, int hi) {
                double[] gs = g;
                double[] ps = p;
                double[] ms = m;
                double[] vs = v;
                double[] ss = s;
                double w = wdCoupled;
                double mc = mScale;
                double vc = vScale;
                double sc = sScale;
                double acc = 0;
                for (int i = lo; i < hi; i++) {
                    double gi = gs[i] + w * ps[i];
                    ms[i] = beta1 * ms[i] + mc * gi;
                    vs[i] = beta2 * vs[i] + vc * gi * gi;
                    double si = beta3 * ss[i] + sc * gi;
                    ss[i] = si;
                    acc += Math.abs(si);
                }
                return acc;
            }
        };
        final Loop move = new Loop() {
            @Override
            protected void range(int lo, int hi) {
                double[] gs = g;
                double[] ps = p;
                double[] ms = m;
                double[] vs = v;
                double step = dlr;
                double de = denomEps;
                double dec = decay;
                boolean ap = apply;
                for (int i = lo; i < hi; i++) {
                    double pi = ps[i];
                    double d = -dec * pi - step * ms[i] / (Math.sqrt(vs[i]) + de);
                    if (ap) {
                        ps[i] = pi + d;
                    } else {
                        gs[i] = d;
                    }
                }
            }
        };

        ProdigyState(double[] params) {
            super("prodigy");
            int n = params.length;
            m = doubles("m", n);
            v = doubles("v", n);
            s = doubles("s", n);
            p0 = doubles("p0", n);
            System.arraycopy(params, 0, p0, 0, n);
            scalars[0] = d0;
            scalars[1] = d0;
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        return new ProdigyState(params);
    }

    private void run(double[] g, ProdigyState st, double[] params, boolean apply) {
        long t = st.count[0]++;
        double rate = lr.at(t);
        double d = st.scalars[0];
        double dMax = st.scalars[1];
        double bias = biasCorrection ? Math.sqrt(1 - Math.pow(beta2, t + 1)) / (1 - Math.pow(beta1, t + 1)) : 1;
        double dlr = d * lr.at(t) * bias;
        double num = st.scalars[2] * beta3;
        int n = g.length;
        st.g = g;
        st.p = params;
        st.apply = apply;
        st.wdCoupled = decouple ? 0 : weightDecay;
        double denom = 0;
        if (rate > 0) {
            num += (d / d0) * dlr * st.numerator.sum(0, n);
            st.mScale = d * (1 - beta1);
            st.vScale = d * d * (1 - beta2);
            st.sScale = safeguardWarmup ? (d / d0) * d : (d / d0) * dlr;
            denom = st.moments.sum(0, n);
        }
        if (denom == 0) {
            if (!apply) {
                java.util.Arrays.fill(g, 0.0);
            }
        } else {
            double dHat = dCoef * num / denom;
            if (d == d0) {
                d = Math.max(d, dHat);
            }
            dMax = Math.max(dMax, dHat);
            d = Math.min(dMax, d * growthRate);
            st.scalars[0] = d;
            st.scalars[1] = dMax;
            st.scalars[2] = num;
            st.dlr = dlr;
            st.denomEps = d * eps;
            st.decay = decouple ? weightDecay * dlr : 0;
            st.move.run(n);
        }
        st.g = st.p = null;
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        run(updates, (ProdigyState) state, params, false);
    }

    @Override
    public void step(double[] grads, State state, double[] params, Context context) {
        run(grads, (ProdigyState) state, params, true);
    }

    /** The effective step size {@code d lr} of the coming step. */
    @Override
    public double learningRate(State state) {
        ProdigyState s = (ProdigyState) state;
        return s.scalars[0] * lr.at(s.count[0]);
    }
}
