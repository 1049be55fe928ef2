package descent.games;

import descent.optim.Iterate;
import descent.optim.State;
import descent.optim.Stop;

/**
 * Optimistic gradient descent-ascent (OGDA; Popov, 1980; Daskalakis et al., 2018) and optimistic
 * online mirror descent (Rakhlin and Sridharan, 2013): the step from {@code z_k} along the
 * extrapolated operator {@code 2 F(z_k) - F(z_{k-1})} (with {@code F(z_{-1}) = F(z_0)}), a mirror
 * step in each player's {@link Domain} with its own step size; one evaluation per iteration. In
 * the Euclidean unconstrained case this is OGDA, {@code z+ = z - 2 eta F(z_k) + eta F(z_{k-1})};
 * with simplex domains it is optimistic multiplicative weights, whose last iterate converges on
 * matrix games with a unique equilibrium. On bilinear games each mode of singular value
 * {@code sigma} evolves by the roots of {@code lambda^2 - (1 - 2 i eta sigma) lambda - i eta sigma = 0},
 * of modulus below 1 for {@code eta sigma < 1/2}: linear convergence.
 */
final class Optimistic extends GameMethod {
    private final String kind;

    Optimistic(String kind, Game game, Domain dx, Domain dy, double etaX, double etaY) {
        super(kind, game, dx, dy, etaX, etaY);
        this.kind = kind;
    }

    @Override
    GameState newState(int size) {
        return new GameState(kind, size, true, false);
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        GameState st = (GameState) state;
        recordGap(it);
        double[] z = it.x();
        double[] g = it.gradient();
        double[] prev = st.previous;
        double[] dir = st.d;
        boolean first = st.count[0] == 0;
        for (int i = 0; i < dir.length; i++) {
            dir[i] = first ? g[i] : 2 * g[i] - prev[i];
            prev[i] = g[i];
        }
        double[] w = st.w;
        move(z, dir, 1, w);
        double f = evaluate(it, w, st.gw, "the next iterate");
        st.accumulate(w);
        it.stepLength(etaX);
        it.moveTo(w, f, st.gw);
        return null;
    }
}
