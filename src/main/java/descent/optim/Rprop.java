package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Resilient backpropagation (Riedmiller and Braun 1993) in torch's variant: each element has its
 * own step size, started at {@code lr}; where the gradient keeps its sign the step grows by
 * {@code etaPlus}, where it flips the step shrinks by {@code etaMinus} and that element does not
 * move this step (its gradient counts as zero for the next comparison); steps stay within
 * {@code [stepMin, stepMax]}; the parameter moves by {@code -sign(g) step}.
 */
final class Rprop extends Fused {
    private final double lr;
    private final double etaMinus;
    private final double etaPlus;
    private final double stepMin;
    private final double stepMax;

    Rprop(double lr, double etaMinus, double etaPlus, double stepMin, double stepMax) {
        this.lr = Hyper.check("rprop", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.etaMinus = Hyper.check("rprop", "etaMinus", etaMinus, Hyper.Range.UNIT_OPEN);
        this.etaPlus = Hyper.check("rprop", "etaPlus", etaPlus, new Hyper.Range(1, true, Double.POSITIVE_INFINITY, false));
        this.stepMin = Hyper.check("rprop", "stepMin", stepMin, Hyper.Range.NON_NEGATIVE);
        this.stepMax = Hyper.check("rprop", "stepMax", stepMax, new Hyper.Range(stepMin, false, Double.POSITIVE_INFINITY, false));
    }

    private final class RpropState extends Buffers {
        final double[] prev;
        final double[] steps;

        RpropState(int n) {
            super("rprop");
            prev = doubles("prev", n);
            steps = doubles("stepSize", n);
            java.util.Arrays.fill(steps, lr);
        }

        @Override
        void begin(long t, Context context) {
        }

        @Override
        void kernel(int lo, int hi) {
            double[] gs = g;
            double[] ps = p;
            double[] pr = prev;
            double[] st = steps;
            boolean ap = apply;
            for (int i = lo; i < hi; i++) {
                double gi = gs[i];
                double s = gi * pr[i];
                double f = s > 0 ? etaPlus : s < 0 ? etaMinus : 1;
                double step = Math.min(Math.max(st[i] * f, stepMin), stepMax);
                st[i] = step;
                if (s < 0) {
                    gi = 0;
                }
                pr[i] = gi;
                double d = -Vec.sign(gi) * step;
                if (ap) {
                    ps[i] += d;
                } else {
                    gs[i] = d;
                }
            }
        }

        @Override
        double learningRate(long t) {
            return lr;
        }
    }

    @Override
    Buffers create(ParamLayout layout, double[] params) {
        return new RpropState(params.length);
    }
}
