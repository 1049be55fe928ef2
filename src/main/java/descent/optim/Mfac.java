package descent.optim;

import descent.tensor.ParamLayout;

/**
 * M-FAC (Frantar, Kurtic and Alistarh 2021), the matrix-free approximate natural gradient:
 * {@code p = p - lr F^{-1} g} with {@code F = lambda I + (1/m) sum g_i g_i'} the empirical Fisher
 * of the last {@code m} gradients (this step's included), applied by the recursive Woodbury
 * formula of {@link FisherWindow}: {@code O(m n)} per step after an {@code O(m^3)} update of the
 * small coefficient matrix, {@code m n} doubles of state. In the directions the window spans the
 * step is {@code lr m / |g|^2}-like (natural-gradient scaling); orthogonal to them it is
 * {@code lr / lambda} times the gradient.
 */
final class Mfac implements Transform {
    private final Hyper lr;
    private final int m;
    private final double lambda;

    Mfac(Schedule lr, int m, double lambda) {
        this.lr = Hyper.of("mfac", "lr", lr, Hyper.Range.NON_NEGATIVE);
        this.m = Hyper.checkAtLeast("mfac", "m", m, 1);
        this.lambda = Hyper.check("mfac", "lambda", lambda, Hyper.Range.POSITIVE);
    }

    private final class MfacState extends State {
        final long[] count = longs("count", 1);
        final FisherWindow window;

        MfacState(int n) {
            super("mfac");
            double[][] grads = new double[m][];
            for (int i = 0; i < m; i++) {
                grads[i] = doubles("g" + i, n);
            }
            window = new FisherWindow(m, n, lambda, grads, doubles("gram", m * m));
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        return new MfacState(params.length);
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        MfacState s = (MfacState) state;
        long t = s.count[0];
        s.window.add(updates, t);
        s.window.inverseTimes(updates, updates);
        Vec.scale(updates, -lr.at(t), 0, updates.length);
        s.count[0] = t + 1;
    }

    @Override
    public double learningRate(State state) {
        return lr.at(((MfacState) state).count[0]);
    }
}
