package descent.constrained;

import descent.optim.Context;
import descent.optim.State;
import descent.optim.Transform;
import descent.tensor.ParamLayout;

/**
 * Stochastic Frank–Wolfe with gradient averaging (Mokhtari, Hassani and Karbasi, 2020,
 * "Stochastic conditional gradient methods"), as a {@link Transform} for mini-batch gradients or
 * zeroth-order gradient estimates ({@link ZerothOrder}):
 * <pre>
 * d_t = (1 - rho_t) d_{t-1} + rho_t g_t,   s_t = LMO(d_t),   x_{t+1} = x_t + gamma_t (s_t - x_t),
 * rho_t = min(1, a / (t + 8)^(2/3)),         gamma_t = 2 / (t + 8).
 * </pre>
 * The averaging damps the gradient noise that stalls Frank–Wolfe on raw stochastic gradients;
 * with {@code a = 4} and unbiased gradients of bounded variance, {@code E f(x_t) - f* =
 * O(t^(-1/3))}. The zeroth-order variant (Sahu, Zaheer and Kar, 2019) takes {@code a = 4 / n^(1/3)}
 * for {@code n} parameters, since a two-point estimate's variance grows with {@code n}. Iterates
 * are convex combinations of points of the set, so the start must lie in it.
 */
final class StochasticFrankWolfe implements Transform {
    private final ConvexSet set;
    private final double averaging;
    private final boolean zerothOrder;
    private final String name;

    StochasticFrankWolfe(ConvexSet set, double averaging, boolean zerothOrder) {
        this.name = zerothOrder ? "zerothOrderFrankWolfe" : "stochasticFrankWolfe";
        if (set == null) {
            throw new IllegalArgumentException(name + ": the set is required");
        }
        if (!set.hasLmo()) {
            throw new IllegalArgumentException(name + ": " + set.name() + " has no linear minimization oracle (it is "
                    + "unbounded or its oracle is not cheap)");
        }
        this.set = set;
        this.averaging = Arg.positive(name, "averaging", averaging);
        this.zerothOrder = zerothOrder;
    }

    private static final class SfwState extends State {
        final long[] count = longs("count", 1);
        final double[] scale = doubles("averaging", 1);
        final double[] d;
        final double[] s;

        SfwState(String kind, int n) {
            super(kind);
            d = doubles("d", n);
            s = new double[n];
        }
    }

    @Override
    public State init(ParamLayout layout, double[] params) {
        int n = params.length;
        Arg.dimension(set, set.dimension(), n);
        if (!set.contains(params, 1e-9)) {
            throw new IllegalArgumentException(name + ": the start lies outside " + set.name()
                    + "; Frank–Wolfe moves by convex combinations, so start inside it (for example at its projection)");
        }
        SfwState st = new SfwState(name, n);
        st.scale[0] = zerothOrder ? averaging / Math.cbrt(n) : averaging;
        return st;
    }

    private static double gamma(long t) {
        return 2.0 / (t + 8);
    }

    @Override
    public void update(double[] updates, State state, double[] params, Context context) {
        SfwState st = (SfwState) state;
        long t = st.count[0]++;
        double rho = Math.min(1, st.scale[0] / Math.pow(t + 8, 2.0 / 3));
        double[] d = st.d;
        for (int i = 0; i < d.length; i++) {
            d[i] += rho * (updates[i] - d[i]);
        }
        set.lmo(d, st.s);
        double g = gamma(t);
        for (int i = 0; i < d.length; i++) {
            updates[i] = g * (st.s[i] - params[i]);
        }
    }

    @Override
    public double learningRate(State state) {
        return gamma(((SfwState) state).count[0]);
    }
}
