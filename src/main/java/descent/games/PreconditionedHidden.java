package descent.games;

import descent.optim.Iterate;
import descent.optim.State;
import descent.optim.Stop;

/**
 * Preconditioned hidden gradient descent (Sakos, Vlatakis-Gkaragkounis, Mertikopoulos et al.,
 * 2023) on a {@link HiddenGame}: each player moves its controls along its gradient preconditioned
 * by the Gram matrix of its control map's Jacobian,
 * {@code theta_x+ = theta_x - etaX (J_x^T J_x)^{-1} J_x^T grad_x g(x, y)} and
 * {@code theta_y+ = theta_y + etaY (J_y^T J_y)^{-1} J_y^T grad_y g(x, y)} at
 * {@code x = c_x(theta_x)}, {@code y = c_y(theta_y)}. To first order the strategies then move by
 * {@code -etaX P_x grad_x g} and {@code etaY P_y grad_y g} ({@code P} the orthogonal projections on
 * the Jacobians' ranges; the identity for invertible square Jacobians): gradient descent-ascent in
 * the latent game, whatever the conditioning of the control maps. On a hidden strongly monotone
 * game it converges linearly, near the equilibrium at the rate of latent gradient play, the
 * spectral radius of {@code I - diag(etaX, etaY) DF(x*, y*)}, where plain gradient play on
 * {@code theta} is slowed (or destabilized) by the spread of the Jacobians' singular values. Being
 * latent gradient descent-ascent, it also inherits its outward spiral on hidden bilinear games. The
 * Jacobians must have full column rank along the run.
 */
final class PreconditionedHidden extends GameMethod {
    private final HiddenGame hidden;
    private final int lm;
    private final int ln;

    PreconditionedHidden(HiddenGame game, double etaX, double etaY) {
        super("preconditionedHidden", game, Domain.euclidean(), Domain.euclidean(), etaX, etaY);
        this.hidden = game;
        this.lm = game.latent().xSize();
        this.ln = game.latent().ySize();
    }

    @Override
    GameState newState(int size) {
        return new GameState("preconditionedHidden", size, false, false);
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        GameState st = (GameState) state;
        recordGap(it);
        double[] z = it.x();
        double[] g = it.gradient();
        double[] jacX = new double[lm * m];
        double[] jacY = new double[ln * n];
        hidden.controls(z, new double[lm + ln], jacX, jacY);
        double[] dir = st.d;
        solveGram(jacX, lm, m, g, 0, dir, z, "x");
        solveGram(jacY, ln, n, g, m, dir, z, "y");
        double[] w = st.w;
        move(z, dir, 1, w);
        double f = evaluate(it, w, st.gw, "the next iterate");
        st.accumulate(w);
        it.stepLength(etaX);
        it.moveTo(w, f, st.gw);
        return null;
    }

    /** {@code dir[at, at + cols) = (J^T J)^{-1} g[at, at + cols)} for one player's row-major {@code rows x cols} Jacobian. */
    private void solveGram(double[] jac, int rows, int cols, double[] g, int at, double[] dir, double[] z, String player) {
        double[][] gram = new double[cols][cols];
        for (int a = 0; a < cols; a++) {
            for (int b = a; b < cols; b++) {
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    s += jac[i * cols + a] * jac[i * cols + b];
                }
                gram[a][b] = s;
                gram[b][a] = s;
            }
        }
        Cholesky chol;
        try {
            chol = new Cholesky(gram, name(), "J_" + player + "^T J_" + player);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name() + ": the Jacobian of the control map of " + player + " is rank-deficient at theta = "
                    + java.util.Arrays.toString(z) + " (" + e.getMessage() + "): the preconditioner (J^T J)^{-1} does not exist there", e);
        }
        double[] rhs = java.util.Arrays.copyOfRange(g, at, at + cols);
        System.arraycopy(chol.solve(rhs), 0, dir, at, cols);
    }
}
