package descent.games;

import descent.optim.Iterate;
import descent.optim.State;
import descent.optim.Stop;

/**
 * Halpern's anchored iteration applied to extragradient: the extra-anchored gradient method
 * (EAG-C; Yoon and Ryu, 2021). With the anchor {@code z_0} and {@code beta_k = 1 / (k + 2)},
 * {@code w = z_k + beta_k (z_0 - z_k) - eta F(z_k)},
 * {@code z_{k+1} = z_k + beta_k (z_0 - z_k) - eta F(w)}, with {@code F = (grad_x f, -grad_y f)}
 * and separate step sizes per player. For a monotone {@code L}-Lipschitz operator and
 * {@code eta <= 1 / (8 L)}, {@code |F(z_k)|^2 <= 4 (1 + eta L + eta^2 L^2) |z_0 - z*|^2 / (eta^2 (k + 1)^2)}:
 * the operator norm falls as {@code O(1 / k)}, the optimal rate for the last iterate, where plain
 * extragradient's last iterate only reaches {@code O(1 / sqrt(k))} on general monotone problems.
 * Unconstrained (Euclidean) players only.
 */
final class Halpern extends GameMethod {
    Halpern(Game game, double etaX, double etaY) {
        super("halpern", game, Domain.euclidean(), Domain.euclidean(), etaX, etaY);
    }

    @Override
    GameState newState(int size) {
        return new GameState("halpern", size, false, true);
    }

    @Override
    public State init(descent.tensor.ParamLayout layout, Iterate start) {
        GameState st = (GameState) super.init(layout, start);
        System.arraycopy(start.x(), 0, st.anchor, 0, m + n);
        return st;
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        GameState st = (GameState) state;
        recordGap(it);
        double beta = 1.0 / (st.count[0] + 2);
        double[] z = it.x();
        double[] base = st.d;
        for (int i = 0; i < base.length; i++) {
            base[i] = z[i] + beta * (st.anchor[i] - z[i]);
        }
        double[] w = st.w;
        move(base, it.gradient(), 1, w);
        evaluate(it, w, st.gw, "the extrapolated point");
        st.accumulate(w);
        move(base, st.gw, 1, w);
        double f = evaluate(it, w, st.gw, "the next iterate");
        it.stepLength(etaX);
        it.moveTo(w, f, st.gw);
        return null;
    }
}
