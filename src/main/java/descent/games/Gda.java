package descent.games;

import descent.optim.Iterate;
import descent.optim.State;
import descent.optim.Stop;

/**
 * Gradient descent-ascent with separate step sizes (two-timescale). Simultaneous:
 * {@code x+ = x - etaX grad_x f(x, y)}, {@code y+ = y + etaY grad_y f(x, y)}. Alternating (Gauss–Seidel):
 * {@code x+ = x - etaX grad_x f(x, y)}, then {@code y+ = y + etaY grad_y f(x+, y)}. Steps are
 * mirror steps in each player's {@link Domain}. On the bilinear game {@code x^T A y} the
 * simultaneous iteration is {@code z+ = (I - eta M) z} with {@code M} skew-symmetric, whose
 * eigenvalues have modulus {@code sqrt(1 + eta^2 sigma_i^2) > 1}: it spirals outwards for every
 * step size. The alternating one stays bounded for {@code etaX etaY sigma_max^2 < 4} but does not
 * converge. Both converge on strongly convex–strongly concave games with small steps.
 */
final class Gda extends GameMethod {
    private final boolean alternating;

    Gda(Game game, Domain dx, Domain dy, double etaX, double etaY, boolean alternating) {
        super(alternating ? "alternatingGda" : "simultaneousGda", game, dx, dy, etaX, etaY);
        this.alternating = alternating;
    }

    @Override
    GameState newState(int size) {
        return new GameState(alternating ? "alternatingGda" : "simultaneousGda", size, false, false);
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        GameState st = (GameState) state;
        recordGap(it);
        double[] z = it.x();
        double[] g = it.gradient();
        double[] w = st.w;
        if (alternating) {
            dx.step(z, g, etaX, w, 0, m);
            System.arraycopy(z, m, w, m, n);
            evaluate(it, w, st.gw, "the x-updated point");
            dy.step(z, st.gw, -etaY, w, m, n);
        } else {
            move(z, g, 1, w);
        }
        double f = evaluate(it, w, st.gw, "the next iterate");
        st.accumulate(w);
        it.stepLength(etaX);
        it.moveTo(w, f, st.gw);
        return null;
    }
}
