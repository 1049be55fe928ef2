package descent.optim;

import descent.tensor.ParamLayout;
import descent.tensor.Shape;

/**
 * SOAP (Vyas et al. 2024): Adam run in the eigenbasis of Shampoo's factors, following the
 * authors' implementation ({@code github.com/nikhilvyas/SOAP}, {@code soap.py}). For each matrix
 * leaf {@code G} ({@code r x c}), with running factors {@code L = bs L + (1 - bs) G G'} and
 * {@code R = bs R + (1 - bs) G'G} ({@code bs} the {@code shampooBeta}) and their bases
 * {@code Q_L}, {@code Q_R}:
 * <ul>
 * <li>the first step only accumulates {@code L}, {@code R} and takes their eigenvectors as bases
 * (largest eigenvalue first); it moves nothing, so a basis never contains the gradient it
 * rotates;</li>
 * <li>every later step {@code t = 1, 2, ...} (counted from the second call) is
 * <pre>
 * M = b1 M + (1 - b1) G,   G~ = Q_L' G Q_R,   M~ = Q_L' M Q_R
 * V = b2 V + (1 - b2) G~^2                                   (in the eigenbasis)
 * p = (p - lr sqrt(1 - b2^t) / (1 - b1^t) Q_L [M~ / (sqrt(V) + eps)] Q_R') (1 - lr wd)
 * </pre>
 * then {@code L} and {@code R} accumulate {@code G}, and when {@code t} is a multiple of
 * {@code every} each basis is refreshed by one step of power iteration ({@code Q = qr(F Q)} after
 * sorting {@code Q}'s columns by {@code diag(Q'FQ)}, with {@code V}'s rows or columns permuted
 * alike), as the reference does.</li>
 * </ul>
 * A dimension larger than {@code maxPrecondDim} gets no factor (an identity basis on that side).
 * Leaves that are not matrices take the same Adam step without a basis (the reference's default
 * {@code precondition_1d = False}); the reference would also give tensors of rank 3 and more one
 * factor per dimension, which this does not. The reference's defaults {@code correct_bias = True}
 * and {@code normalize_grads = False} are the behaviour here, without a switch. The weight decay
 * is decoupled and applied after the step, as in the reference.
 */
final class Soap implements Transform {
    private final Hyper lr;
    private final double beta1;
    private final double beta2;
    private final double shampooBeta;
    private final double eps;
    private final double weightDecay;
    private final int every;
    private final int maxPrecondDim;

    Soap(Schedule lr, double beta1, double beta2, double shampooBeta, double eps, double weightDecay, int every, int maxPrecondDim) {
        this.lr = Hyper.of("soap", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.beta1 = Hyper.check("soap", "beta1", beta1, Hyper.Range.UNIT);
        this.beta2 = Hyper.check("soap", "beta2", beta2, Hyper.Range.UNIT);
        this.shampooBeta = Hyper.check("soap", "shampooBeta", shampooBeta, Hyper.Range.UNIT);
        this.eps = Hyper.check("soap", "eps", eps, Hyper.Range.POSITIVE);
        this.weightDecay = Hyper.check("soap", "weightDecay", weightDecay, Hyper.Range.NON_NEGATIVE);
        this.every = Hyper.checkAtLeast("soap", "every", every, 1);
        this.maxPrecondDim = Hyper.checkAtLeast("soap", "maxPrecondDim", maxPrecondDim, 1);
    }

    private static final class SoapState extends Shampoo.FactorState {
        final long[] count = longs("count", 1);
        final double[] m;
        final double[] v;
        final double[] rotatedG;
        final double[] rotatedM;
        final ParamLayout layout;
        final Kronecker[] factors;

        SoapState(ParamLayout layout, int maxDim) {
            super("soap");
            int n = layout.size();
            this.layout = layout;
            m = doubles("m", n);
            v = doubles("v", n);
            rotatedG = new double[n];
            rotatedM = new double[n];
            factors = new Kronecker[layout.leafCount()];
            for (int i = 0; i < factors.length; i++) {
                Shape s = layout.shape(i);
                if (s.rank() == 2) {
                    int r = s.dim(0);
                    int c = s.dim(1);
                    int nr = r <= maxDim ? r : 0;
                    int nc = c <= maxDim ? c : 0;
                    factors[i] = new Kronecker(r, c, c, array("L" + i, nr * nr), array("R" + i, nc * nc), array("QL" + i, nr * nr),
                            array("QR" + i, nc * nc), array("eigenvaluesL" + i, nr), array("eigenvaluesR" + i, nc));
                }
            }
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        return new SoapState(layout, maxPrecondDim);
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        SoapState s = (SoapState) state;
        long t = s.count[0];
        s.count[0] = t + 1;
        if (t == 0) {
            for (int leaf = 0; leaf < s.factors.length; leaf++) {
                if (s.factors[leaf] != null) {
                    s.factors[leaf].accumulate(updates, s.layout.offset(leaf), shampooBeta);
                    s.factors[leaf].decompose();
                }
            }
            java.util.Arrays.fill(updates, 0);
            return;
        }
        double rate = lr.at(t);
        double step = rate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        double keep = 1 - rate * weightDecay;
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
                k.rotate(updates, off, s.rotatedG, false);
                k.rotate(s.m, off, s.rotatedM, false);
            }
            for (int i = off; i < off + size; i++) {
                double g = s.rotatedG[i];
                s.v[i] = beta2 * s.v[i] + (1 - beta2) * g * g;
                s.rotatedM[i] /= Math.sqrt(s.v[i]) + eps;
            }
            if (k != null) {
                k.accumulate(updates, off, shampooBeta);
                k.rotate(s.rotatedM, off, s.rotatedM, true);
                if (t % every == 0) {
                    k.refresh(s.v, off);
                }
            }
            for (int i = off; i < off + size; i++) {
                updates[i] = -step * keep * s.rotatedM[i] - rate * weightDecay * params[i];
            }
        }
    }

    @Override
    public double learningRate(State state) {
        return lr.at(((SoapState) state).count[0]);
    }
}
