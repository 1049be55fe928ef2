package descent.games;

import descent.finitesum.FiniteSum;
import descent.optim.Iterate;
import descent.optim.State;
import descent.optim.Stop;
import descent.tensor.ParamLayout;
import descent.tensor.Rng;

/**
 * The variance-reduced Halpern iteration for a finite-sum monotone operator
 * {@code F = (1/n) sum_i F_i} (Cai, Oikonomou and Zheng, 2024): Halpern's anchored iteration on the
 * resolvent {@code J(z) = (I + D F)^{-1} z}, {@code D = diag(etaX I, etaY I)},
 * {@code z_{k+1} = beta_k z_0 + (1 - beta_k) u_k} with {@code beta_k = 1 / (k + 2)} and
 * {@code u_k ~ J(z_k)}, each resolvent computed by the loopless-SVRG extragradient of Alacaoglu and
 * Malitsky (2022) on the strongly monotone inclusion {@code 0 in F(u) + D^{-1} (u - z_k)}, warm
 * started at {@code u_{k-1}}: with the snapshot {@code w} and its full operator {@code F(w)},
 * {@code zbar = (1 - p) u + p w}, {@code h = prox(zbar - s D F(w))},
 * {@code u+ = prox(zbar - s D (F(w) + F_i(h) - F_i(w)))} for a uniform {@code i}, where
 * {@code prox(a) = (a + s z_k) / (1 + s)}, {@code s = 0.9 sqrt(p) / (max(etaX, etaY) L)}, {@code L}
 * the mean-square Lipschitz constant {@code sqrt((1/n) sum_i L_i^2)} of the components; the
 * snapshot moves to {@code u+} with probability {@code p = 1 / n}. The inner loop stops at a
 * snapshot whose resolvent residual {@code |w - z_k + D F(w)|} is at most
 * {@code |D F(u_{k-1})| / (k + 2)^2}, and {@code u_k = w} is the iterate the history records. The
 * Halpern bound {@code |z_k - J(z_k)| <= 2 |z_0 - z*| / (k + 1)} gives
 * {@code |F(u_k)| = O(1 / (eta k))}; each resolvent costs {@code O((n + sqrt(n) eta L) log k)}
 * component evaluations in expectation, so with {@code eta L} about {@code sqrt(n)} the operator
 * norm reaches {@code eps} in {@code O(sqrt(n) L |z_0 - z*| log / eps)} component evaluations,
 * against {@code O(n L |z_0 - z*| / eps)} for deterministic Halpern. Unconstrained players only.
 */
final class VarianceReducedHalpern extends GameMethod {
    private static final double GAMMA = 0.9;
    private static final int MAX_SNAPSHOTS = 100_000;
    private final FiniteSum terms;
    private final double lipschitz;
    private final long seed;
    private final int components;
    private final double probability;
    private final double s;

    VarianceReducedHalpern(FiniteSumGame game, double etaX, double etaY, double lipschitz, long seed) {
        super("halpernVarianceReduced", game, Domain.euclidean(), Domain.euclidean(), etaX, etaY);
        this.terms = game.terms();
        this.lipschitz = Players.positive("halpernVarianceReduced", "lipschitz", lipschitz);
        this.seed = seed;
        this.components = game.components();
        this.probability = 1.0 / components;
        this.s = GAMMA * Math.sqrt(probability) / (Math.max(etaX, etaY) * lipschitz);
    }

    @Override
    public String name() {
        return "halpernVarianceReduced(" + game.name() + ", etaX=" + etaX + ", etaY=" + etaY + ", L=" + lipschitz + ")";
    }

    @Override
    GameState newState(int size) {
        return new GameState("halpernVarianceReduced", size, false, true, true);
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        GameState st = (GameState) super.init(layout, start);
        System.arraycopy(start.x(), 0, st.anchor, 0, m + n);
        System.arraycopy(start.x(), 0, st.point, 0, m + n);
        System.arraycopy(new Rng(seed).state(), 0, st.rng, 0, 4);
        st.components[0] = components;
        return st;
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        GameState st = (GameState) state;
        recordGap(it);
        int size = m + n;
        long k = st.count[0];
        double[] z = st.point;
        double[] w = it.x().clone();
        double[] gw = it.gradient().clone();
        double[] scratch = new double[size];
        move(w, gw, 1, scratch);
        double drift = 0;
        for (int i = 0; i < size; i++) {
            double d = w[i] - scratch[i];
            drift += d * d;
        }
        if (drift == 0) {
            return Stop.Reason.STATIONARY;
        }
        double tolerance = Math.sqrt(drift) / ((k + 2.0) * (k + 2.0));
        Rng rng = Rng.fromState(st.rng);
        double[] u = w.clone();
        double[] zbar = new double[size];
        double[] h = st.w;
        double[] v = st.d;
        double[] gh = new double[size];
        double[] gwi = new double[size];
        int[] index = new int[1];
        double f = it.value();
        long snapshots = 0;
        while (residual(w, gw, z, scratch) > tolerance) {
            do {
                for (int i = 0; i < size; i++) {
                    zbar[i] = (1 - probability) * u[i] + probability * w[i];
                }
                move(zbar, gw, s, h);
                prox(h, z);
                index[0] = rng.nextInt(components);
                terms.termGradients(h, index, 1, gh);
                terms.termGradients(w, index, 1, gwi);
                st.components[0] += 2;
                for (int i = 0; i < size; i++) {
                    v[i] = gw[i] + gh[i] - gwi[i];
                }
                move(zbar, v, s, u);
                prox(u, z);
            } while (rng.nextDouble() >= probability);
            System.arraycopy(u, 0, w, 0, size);
            try {
                f = evaluate(it, w, gw, "a snapshot of the resolvent's inner loop");
            } catch (IllegalStateException e) {
                throw new IllegalStateException(name() + ": the resolvent's inner loop diverged at iteration " + k + " (" + e.getMessage()
                        + "): lipschitz = " + lipschitz + " underestimates the components' mean-square Lipschitz constant", e);
            }
            st.components[0] += components;
            if (++snapshots > MAX_SNAPSHOTS) {
                throw new IllegalStateException(name() + ": the resolvent at iteration " + k + " did not reach its tolerance " + tolerance
                        + " in " + MAX_SNAPSHOTS + " snapshots (residual " + residual(w, gw, z, scratch)
                        + "): lipschitz may underestimate the components' mean-square Lipschitz constant");
            }
        }
        System.arraycopy(rng.state(), 0, st.rng, 0, 4);
        double beta = 1.0 / (k + 2);
        for (int i = 0; i < size; i++) {
            z[i] = beta * st.anchor[i] + (1 - beta) * w[i];
        }
        st.accumulate(w);
        it.stepLength(etaX);
        it.moveTo(w, f, gw);
        return null;
    }

    /** {@code a <- (a + s z) / (1 + s)}: the proximal step of {@code |u - z|^2_{D^{-1}} / 2} with step {@code s}. */
    private void prox(double[] a, double[] z) {
        double c = 1 / (1 + s);
        for (int i = 0; i < a.length; i++) {
            a[i] = c * (a[i] + s * z[i]);
        }
    }

    /** {@code |w - z + D F(w)|}, the residual of the resolvent's equation {@code u + D F(u) = z} at {@code w}. */
    private double residual(double[] w, double[] gw, double[] z, double[] scratch) {
        move(w, gw, 1, scratch);
        double r = 0;
        for (int i = 0; i < w.length; i++) {
            double d = 2 * w[i] - scratch[i] - z[i];
            r += d * d;
        }
        return Math.sqrt(r);
    }
}
