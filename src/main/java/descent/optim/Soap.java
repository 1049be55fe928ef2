package descent.optim;

import descent.tensor.ParamLayout;

/**
 * SOAP (Vyas et al. 2024): Adam run in the eigenbasis of Shampoo's factors. For each matrix leaf
 * {@code G} ({@code r x c}), with {@code Q_L}, {@code Q_R} the eigenvectors of
 * {@code L = b2 L + (1 - b2) G G'} and {@code R = b2 R + (1 - b2) G'G}, recomputed every
 * {@code every} steps (after accumulating the step's gradient):
 * <pre>
 * M = b1 M + (1 - b1) G                                    (first moment, in the parameters' basis)
 * G~ = Q_L' G Q_R,   M~ = Q_L' M Q_R
 * V = b2 V + (1 - b2) G~^2                                 (second moment, in the eigenbasis)
 * p = p - lr Q_L [ (M~ / (1 - b1^t)) / (sqrt(V / (1 - b2^t)) + eps) ] Q_R'
 * </pre>
 * {@code V} is kept, not rotated, when the basis changes. Leaves that are not matrices take
 * Adam's step. With identity eigenbases (before any curvature) this is Adam.
 */
final class Soap implements Transform {
    private final Hyper lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final int every;

    Soap(Schedule lr, double beta1, double beta2, double eps, int every) {
        this.lr = Hyper.of("soap", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.beta1 = Hyper.check("soap", "beta1", beta1, Hyper.Range.UNIT);
        this.beta2 = Hyper.check("soap", "beta2", beta2, Hyper.Range.UNIT);
        this.eps = Hyper.check("soap", "eps", eps, Hyper.Range.POSITIVE);
        this.every = Hyper.checkAtLeast("soap", "every", every, 1);
    }

    private static final class SoapState extends Shampoo.FactorState {
        final long[] count = longs("count", 1);
        final double[] m;
        final double[] v;
        final double[] rotatedG;
        final double[] rotatedM;
        final ParamLayout layout;
        final Kronecker[] factors;

        SoapState(ParamLayout layout) {
            super("soap");
            int n = layout.size();
            this.layout = layout;
            m = doubles("m", n);
            v = doubles("v", n);
            rotatedG = new double[n];
            rotatedM = new double[n];
            factors = Shampoo.factors(layout, this);
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        return new SoapState(layout);
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        SoapState s = (SoapState) state;
        long t = s.count[0];
        double bc1 = 1 - Math.pow(beta1, t + 1);
        double bc2 = 1 - Math.pow(beta2, t + 1);
        double rate = lr.at(t);
        for (int i = 0; i < updates.length; i++) {
            s.m[i] = beta1 * s.m[i] + (1 - beta1) * updates[i];
        }
        for (int leaf = 0; leaf < s.factors.length; leaf++) {
            int off = s.layout.offset(leaf);
            int size = s.layout.size(leaf);
            Kronecker k = s.factors[leaf];
            if (k == null) {
                System.arraycopy(updates, off, s.rotatedG, off, size);
                System.arraycopy(s.m, off, s.rotatedM, off, size);
            } else {
                k.accumulate(updates, off, beta2);
                if (t % every == 0) {
                    k.decompose();
                }
                k.rotate(updates, off, s.rotatedG, false);
                k.rotate(s.m, off, s.rotatedM, false);
            }
            for (int i = off; i < off + size; i++) {
                double g = s.rotatedG[i];
                s.v[i] = beta2 * s.v[i] + (1 - beta2) * g * g;
                s.rotatedM[i] = s.rotatedM[i] / bc1 / (Math.sqrt(s.v[i] / bc2) + eps);
            }
            if (k == null) {
                System.arraycopy(s.rotatedM, off, updates, off, size);
            } else {
                k.rotate(s.rotatedM, off, updates, true);
            }
            for (int i = off; i < off + size; i++) {
                updates[i] *= -rate;
            }
        }
        s.count[0] = t + 1;
    }

    @Override
    public double learningRate(State state) {
        return lr.at(((SoapState) state).count[0]);
    }
}
