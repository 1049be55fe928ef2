package descent.games;

import descent.optim.Iterate;
import descent.optim.State;
import descent.optim.Stop;

/**
 * Extragradient (Korpelevich, 1976) and its Bregman form, mirror prox (Nemirovski, 2004): from
 * {@code z}, an extrapolation {@code w = step_z(F(z))}, then the update {@code z+ = step_z(F(w))},
 * where {@code step_z} is each player's mirror step from {@code z} ({@link Domain}) with its own
 * step size ({@code etaX}, {@code etaY}: two-timescale) and {@code F = (grad_x f, -grad_y f)}.
 * Two evaluations per iteration. For a monotone {@code L}-Lipschitz operator and
 * {@code eta <= 1 / L}, the ergodic average of the extrapolated points {@code w} has gap
 * {@code O(1 / k)}; on bilinear games with nonsingular {@code A} (Euclidean, unconstrained) the
 * iteration is {@code z+ = (I - eta M + eta^2 M^2) z} and converges linearly, each mode of
 * singular value {@code sigma} contracting by {@code sqrt(1 - eta^2 sigma^2 + eta^4 sigma^4)}.
 * With {@code averagedGap}, the history's measure is the gap at the ergodic average (the
 * quantity the guarantee bounds), else at the current iterate.
 */
final class Extragradient extends GameMethod {
    private final boolean averagedGap;
    private final String kind;

    Extragradient(String kind, Game game, Domain dx, Domain dy, double etaX, double etaY, boolean averagedGap) {
        super(kind, game, dx, dy, etaX, etaY);
        this.kind = kind;
        this.averagedGap = averagedGap;
    }

    @Override
    GameState newState(int size) {
        return new GameState(kind, size, false, false);
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        GameState st = (GameState) state;
        if (averagedGap) {
            it.measure(st.count[0] == 0 ? game.gap(it.x()) : game.gap(st.average));
        } else {
            recordGap(it);
        }
        double[] z = it.x();
        double[] w = st.w;
        move(z, it.gradient(), 1, w);
        evaluate(it, w, st.gw, "the extrapolated point");
        st.accumulate(w);
        double[] next = st.d;
        move(z, st.gw, 1, next);
        double f = evaluate(it, next, st.gw, "the next iterate");
        it.stepLength(etaX);
        it.moveTo(next, f, st.gw);
        return null;
    }
}
