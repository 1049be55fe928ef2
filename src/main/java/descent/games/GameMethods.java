package descent.games;

import descent.optim.Method;

/**
 * The catalogue of methods for min-max games ({@link Game}), each a {@link Method} run by
 * {@code Minimize.with(method).run(game.objective(), game.join(x0, y0))} with the usual history,
 * callbacks, stopping criteria and checkpoints. The history's loss column holds {@code f(x, y)},
 * its gradient-norm column the operator norm {@code |F(z)| = |(grad_x f, grad_y f)|} (so
 * {@code Stop.gradientNorm(tol)} stops at an approximate saddle point), and its measure column the
 * duality gap where the game knows it ({@link Game#gap}). Every method takes separate step sizes
 * for the minimizing player ({@code etaX}) and the maximizing one ({@code etaY}); the run's
 * {@link GameState} holds the ergodic average.
 *
 * <pre>{@code
 * Game g = Game.matrix(a);
 * Method mp = GameMethods.mirrorProx(g, Domain.simplex(), Domain.simplex(), 0.5, 0.5);
 * Result r = Minimize.with(mp).steps(1000).run(g.objective(), g.join(uniformX, uniformY));
 * double gap = r.history().measure(r.history().size() - 1);
 * }</pre>
 */
public final class GameMethods {
    private GameMethods() {
    }

    /** Simultaneous gradient descent-ascent, unconstrained: {@code x+ = x - etaX grad_x f}, {@code y+ = y + etaY grad_y f}. */
    public static Method simultaneousGda(Game game, double etaX, double etaY) {
        return new Gda(game, Domain.euclidean(), Domain.euclidean(), etaX, etaY, false);
    }

    /** Simultaneous gradient descent-ascent with mirror steps in the given domains. */
    public static Method simultaneousGda(Game game, Domain dx, Domain dy, double etaX, double etaY) {
        return new Gda(game, dx, dy, etaX, etaY, false);
    }

    /** Alternating gradient descent-ascent, unconstrained: x moves first, then y answers the new x. */
    public static Method alternatingGda(Game game, double etaX, double etaY) {
        return new Gda(game, Domain.euclidean(), Domain.euclidean(), etaX, etaY, true);
    }

    /** Alternating gradient descent-ascent with mirror steps in the given domains. */
    public static Method alternatingGda(Game game, Domain dx, Domain dy, double etaX, double etaY) {
        return new Gda(game, dx, dy, etaX, etaY, true);
    }

    /**
     * Extragradient, unconstrained, with separate step sizes (two-timescale extragradient):
     * {@code w = z - eta F(z)}, {@code z+ = z - eta F(w)}; the measure is the gap at the iterate.
     */
    public static Method extragradient(Game game, double etaX, double etaY) {
        return new Extragradient("extragradient", game, Domain.euclidean(), Domain.euclidean(), etaX, etaY, false);
    }

    /** Extragradient with projected steps: each player's domain a {@link Domain#projected} set or the whole space. */
    public static Method extragradient(Game game, Domain dx, Domain dy, double etaX, double etaY) {
        return new Extragradient("extragradient", game, dx, dy, etaX, etaY, false);
    }

    /**
     * Mirror prox: extragradient with each player's Bregman geometry ({@link Domain#euclidean},
     * {@link Domain#projected}, or the entropic {@link Domain#simplex}); the measure is the gap at
     * the ergodic average of the extrapolated points, which is {@code O(1 / k)} for
     * {@code eta <= 1 / L} ({@code L} the operator's Lipschitz constant in the domains' norms).
     */
    public static Method mirrorProx(Game game, Domain dx, Domain dy, double etaX, double etaY) {
        return new Extragradient("mirrorProx", game, dx, dy, etaX, etaY, true);
    }

    /** Optimistic gradient descent-ascent, unconstrained: {@code z+ = z - eta (2 F(z_k) - F(z_{k-1}))}. */
    public static Method ogda(Game game, double etaX, double etaY) {
        return new Optimistic("ogda", game, Domain.euclidean(), Domain.euclidean(), etaX, etaY);
    }

    /**
     * Optimistic online mirror descent: mirror steps in the given domains along
     * {@code 2 F(z_k) - F(z_{k-1})}; with simplex domains, optimistic multiplicative weights.
     */
    public static Method optimisticMirrorDescent(Game game, Domain dx, Domain dy, double etaX, double etaY) {
        return new Optimistic("optimisticMirrorDescent", game, dx, dy, etaX, etaY);
    }

    /**
     * Halpern's anchored extragradient (EAG-C): the operator norm of the last iterate falls as
     * {@code O(1 / k)} on monotone games, for step sizes at most {@code 1 / (8 L)}. Unconstrained.
     */
    public static Method halpern(Game game, double etaX, double etaY) {
        return new Halpern(game, etaX, etaY);
    }

    /**
     * Preconditioned hidden gradient descent on a hidden game: each player's control step is its
     * gradient preconditioned by {@code (J^T J)^{-1}}, {@code J} its control map's Jacobian, so
     * the strategies follow gradient descent-ascent in the latent game. Unconstrained.
     */
    public static Method preconditionedHidden(HiddenGame game, double etaX, double etaY) {
        if (game == null) {
            throw new IllegalArgumentException("preconditionedHidden: the hidden game is null");
        }
        return new PreconditionedHidden(game, etaX, etaY);
    }

    /**
     * The variance-reduced Halpern iteration on a finite-sum game: Halpern's anchored iteration on
     * the resolvent of {@code diag(etaX, etaY) F}, each resolvent solved by loopless-SVRG
     * extragradient from single components; {@code lipschitz} is the components' mean-square
     * Lipschitz constant {@code sqrt((1/n) sum_i L_i^2)} and {@code seed} drives the sampling. The
     * history records the resolvent points, whose operator norm falls as {@code O(1 / (eta k))};
     * {@link GameState#componentEvaluations()} counts the work. Unconstrained.
     */
    public static Method halpernVarianceReduced(FiniteSumGame game, double etaX, double etaY, double lipschitz, long seed) {
        if (game == null) {
            throw new IllegalArgumentException("halpernVarianceReduced: the finite-sum game is null");
        }
        return new VarianceReducedHalpern(game, etaX, etaY, lipschitz, seed);
    }
}
