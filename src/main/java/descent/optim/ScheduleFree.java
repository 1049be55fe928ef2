package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Schedule-free SGD and AdamW (Defazio, Yang, Mehta, Mishchenko, Khaled and Cutkosky 2024), as the
 * authors' reference implementation: the gradient is taken at {@code y = b1 x + (1 - b1) z}
 * (the parameters), the base step moves {@code z}, and {@code x} averages the {@code z}s:
 * <pre>
 * lr_t = lr min(1, (t + 1) / warmup)                 (AdamW: times sqrt(1 - b2^(t+1)))
 * SGD:   z = z - lr_t (g + wd y)
 * AdamW: v = b2 v + (1 - b2) g^2,  z = z - lr_t wd y - lr_t g / (sqrt(v) + eps)
 * w = (t + 1)^r  max_{s<=t} lr_s^power,   c = w / sum of w so far
 * x = (1 - c) x + c z,   y = b1 x + (1 - b1) z
 * </pre>
 * The average {@code x} is the evaluation point ({@link Transform#evaluationPoint}).
 */
final class ScheduleFree extends Fused {
    private final boolean adam;
    private final Hyper lr;
    private final Hyper beta1;
    private final Hyper beta2;
    private final Hyper eps;
    private final Hyper weightDecay;
    private final long warmup;
    private final double r;
    private final double power;

    ScheduleFree(boolean adam, Schedule lr, Schedule beta1, Schedule beta2, Schedule eps, Schedule weightDecay, long warmup,
            double r, double power) {
        String name = adam ? "scheduleFreeAdamW" : "scheduleFreeSgd";
        this.adam = adam;
        this.lr = Hyper.of(name, "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.beta1 = Hyper.of(name, adam ? "beta1" : "momentum", beta1, Hyper.Range.UNIT);
        this.beta2 = Hyper.of(name, "beta2", beta2, Hyper.Range.UNIT);
        this.eps = Hyper.of(name, "eps", eps, Hyper.Range.POSITIVE);
        this.weightDecay = Hyper.of(name, "weightDecay", weightDecay, Hyper.Range.NON_NEGATIVE);
        if (warmup < 0) {
            throw new IllegalArgumentException(name + ": warmupSteps must be >= 0, got " + warmup);
        }
        this.warmup = warmup;
        this.r = Hyper.check(name, "r", r, Hyper.Range.NON_NEGATIVE);
        this.power = Hyper.check(name, "weightLrPower", power, Hyper.Range.NON_NEGATIVE);
    }

    private final class FreeState extends Buffers {
        final double[] z;
        final double[] x;
        final double[] v;
        final double[] scalars = doubles("weightSum,lrMax", 2);
        double rate;
        double b1;
        double b2;
        double e;
        double wd;
        double c;

        FreeState(double[] params) {
            super(adam ? "scheduleFreeAdamW" : "scheduleFreeSgd");
            z = doubles("z", params.length);
            x = doubles("x", params.length);
            v = adam ? doubles("v", params.length) : null;
            System.arraycopy(params, 0, z, 0, params.length);
            System.arraycopy(params, 0, x, 0, params.length);
            scalars[1] = -1;
        }

        @Override
        void begin(long t, Context context) {
            b1 = beta1.at(t);
            b2 = beta2.at(t);
            e = eps.at(t);
            wd = weightDecay.at(t);
            rate = scheduled(t, b2);
            double lrMax = Math.max(rate, scalars[1]);
            scalars[1] = lrMax;
            double weight = Math.pow(t + 1, r) * Math.pow(lrMax, power);
            scalars[0] += weight;
            c = scalars[0] == 0 ? 0 : weight / scalars[0];
        }

        double scheduled(long t, double b2) {
            double sched = t < warmup ? (t + 1.0) / warmup : 1.0;
            double l = lr.at(t) * sched;
            return adam ? l * Math.sqrt(1 - Math.pow(b2, t + 1)) : l;
        }

        @Override
        void kernel(int lo, int hi) {
            double[] gs = g;
            double[] ps = p;
            double[] zs = z;
            double[] xs = x;
            double[] vs = v;
            double l = rate;
            double a1 = b1;
            double a2 = b2;
            double c2 = 1 - b2;
            double ep = e;
            double w = wd;
            double ck = c;
            boolean ap = apply;
            for (int i = lo; i < hi; i++) {
                double y = ps[i];
                double gi = gs[i];
                double zi = zs[i];
                if (vs != null) {
                    double vi = a2 * vs[i] + c2 * gi * gi;
                    vs[i] = vi;
                    zi = zi - l * w * y - l * gi / (Math.sqrt(vi) + ep);
                } else {
                    zi = zi - l * (gi + w * y);
                }
                double xi = (1 - ck) * xs[i] + ck * zi;
                zs[i] = zi;
                xs[i] = xi;
                double next = a1 * xi + (1 - a1) * zi;
                if (ap) {
                    ps[i] = next;
                } else {
                    gs[i] = next - y;
                }
            }
        }

        @Override
        double learningRate(long t) {
            return scheduled(t, beta2.at(t));
        }
    }

    @Override
    Buffers create(ParamLayout layout, double[] params) {
        return new FreeState(params);
    }

    @Override
    public boolean evaluatesAtParams(State state) {
        return false;
    }

    @Override
    public void evaluationPoint(State state, double[] params, double[] out) {
        double[] x = ((FreeState) state).x;
        System.arraycopy(x, 0, out, 0, x.length);
    }
}
