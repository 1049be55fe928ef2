package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Normalized gradient descent: {@code p = p - lr g / |g|}, a step of length {@code lr} along the
 * negative gradient, whatever the gradient's size ({@code |g|} is the norm over all leaves; a zero
 * gradient gives no step).
 */
final class NormalizedGd extends Fused {
    private final Hyper lr;

    NormalizedGd(Schedule lr) {
        this.lr = Hyper.of("normalizedGd", "lr", lr, Hyper.Range.NON_NEGATIVE);
    }

    private final class NormState extends Buffers {
        double coef;

        NormState() {
            super("normalizedGd");
        }

        @Override
        void begin(long t, Context context) {
            double norm = Vec.norm(g, g.length);
            coef = norm > 0 ? lr.at(t) / norm : 0;
        }

        @Override
        void kernel(int lo, int hi) {
            double[] gs = g;
            double[] ps = p;
            double c = coef;
            boolean ap = apply;
            for (int i = lo; i < hi; i++) {
                double d = -c * gs[i];
                if (ap) {
                    ps[i] += d;
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
        return new NormState();
    }
}
