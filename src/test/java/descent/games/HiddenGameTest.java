package descent.games;

import descent.ad.Func;
import descent.optim.Minimize;
import descent.optim.Result;
import descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Preconditioned hidden gradient descent on a hidden strongly monotone game: the latent game
 * {@code g(x, y) = mu |x|^2 / 2 + x^T B y - mu |y|^2 / 2 + a^T x - b^T y} with
 * {@code B = diag(2, 1/2)}, played through the control maps {@code x = M sinh(theta_x)} and
 * {@code y = theta_y^3 + theta_y}, whose Jacobians' singular values spread over two orders of
 * magnitude at the equilibrium. The latent equilibrium, and so the control equilibrium, is chosen
 * in closed form: {@code a} and {@code b} are set so that the strategies of
 * {@code theta* = (3, 0.1; 1.5, -0.2)} solve the latent first-order conditions.
 */
class HiddenGameTest {
    private static final double MU = 1;
    private static final double[] SIGMA = {2, 0.5};
    private static final double[] THETA_STAR = {3, 0.1, 1.5, -0.2};
    /** {@code M = [[1, 0], [0.5, 2]]}: {@code x = M sinh(theta)}, written as the row vector {@code sinh(theta)^T M^T}. */
    private static final Tensor M_TRANSPOSED = Tensor.copyOf(new double[] {1, 0.5, 0, 2}, 2, 2);

    private static double[] controlX(double t0, double t1) {
        return new double[] {Math.sinh(t0), 0.5 * Math.sinh(t0) + 2 * Math.sinh(t1)};
    }

    private static double cubic(double t) {
        return t * t * t + t;
    }

    private static HiddenGame game(Func cx, Func cy) {
        double[] xs = controlX(THETA_STAR[0], THETA_STAR[1]);
        double[] ys = {cubic(THETA_STAR[2]), cubic(THETA_STAR[3])};
        double[] a = new double[2];
        double[] b = new double[2];
        for (int i = 0; i < 2; i++) {
            // grad_x g = mu x + B y + a = 0 and grad_y g = B^T x - mu y - b = 0 at (xs, ys)
            a[i] = -(MU * xs[i] + SIGMA[i] * ys[i]);
            b[i] = SIGMA[i] * xs[i] - MU * ys[i];
        }
        Game latent = Game.quadratic(new double[][] {{MU, 0}, {0, MU}}, new double[][] {{SIGMA[0], 0}, {0, SIGMA[1]}},
                new double[][] {{MU, 0}, {0, MU}}, a, b);
        return Game.hidden(latent, cx, Tensor.zeros(2), cy, Tensor.zeros(2));
    }

    private static HiddenGame game() {
        return game(Func.of(t -> t.sinh().matmul(M_TRANSPOSED)), Func.of(t -> t.mul(t).mul(t).add(t)));
    }

    private static double distance(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += (u[i] - v[i]) * (u[i] - v[i]);
        }
        return Math.sqrt(s);
    }

    @Test
    void theHiddenGameIsTheLatentGameThroughTheControlMaps() {
        HiddenGame g = game();
        double[] theta = {0.4, -0.7, 0.9, 0.3};
        double[] s = g.strategies(theta);
        double[] cx = controlX(0.4, -0.7);
        assertArrayEquals(new double[] {cx[0], cx[1], cubic(0.9), cubic(0.3)}, s, 1e-14);
        double[] grad = new double[4];
        double f = g.valueAndGrad(theta, grad);
        double[] gl = new double[4];
        assertEquals(g.latent().valueAndGrad(s, gl), f, 1e-14);
        // chain rule by hand: J_x = M diag(cosh theta_x), J_y = diag(3 theta_y^2 + 1)
        double[] expected = {
            Math.cosh(0.4) * (gl[0] + 0.5 * gl[1]),
            Math.cosh(-0.7) * 2 * gl[1],
            (3 * 0.81 + 1) * gl[2],
            (3 * 0.09 + 1) * gl[3]};
        assertArrayEquals(expected, grad, 1e-12);
        // the equilibrium by construction: the latent gradient vanishes there, and so the gap
        assertEquals(0, g.gap(THETA_STAR), 1e-12);
        double[] gs = new double[4];
        g.valueAndGrad(THETA_STAR, gs);
        assertArrayEquals(new double[4], gs, 1e-12);
    }

    @Test
    void preconditionedHiddenGradientConvergesAtTheLatentRateWherePlainGdaOnTheControlsDoesNot() {
        HiddenGame g = game();
        double[] theta0 = {2, 0.6, 1.0, 0.3};
        double eta = 0.2;
        Result r = Minimize.with(GameMethods.preconditionedHidden(g, eta, eta)).steps(300).recordIterates().run(g.objective(), theta0);
        assertArrayEquals(THETA_STAR, r.x(), 1e-11);
        // near the equilibrium the strategies follow latent GDA, z+ - z* = (I - eta DF)(z - z*): each
        // mode (x_i, y_i) is a rotation scaled by sqrt((1 - eta mu)^2 + eta^2 sigma_i^2), the largest for sigma = 2
        double rho = Math.sqrt((1 - eta * MU) * (1 - eta * MU) + eta * eta * SIGMA[0] * SIGMA[0]);
        double[] star = g.strategies(THETA_STAR);
        List<double[]> iterates = r.history().iterates();
        double e100 = distance(g.strategies(iterates.get(100)), star);
        double e200 = distance(g.strategies(iterates.get(200)), star);
        double rate = Math.pow(e200 / e100, 1.0 / 100);
        assertEquals(rho, rate, 1e-4, "latent error " + e100 + " -> " + e200);
        // the history's measure is the latent gap, positive and quadratic in the distance:
        // at most |F|^2 / mu <= (mu^2 + sigma_max^2) e^2 / mu for this strongly monotone game
        double gap = r.history().measure(100);
        assertEquals(g.gap(iterates.get(100)), gap, 1e-15);
        assertTrue(gap > 0 && gap <= (MU * MU + SIGMA[0] * SIGMA[0]) * e100 * e100 / MU, "gap " + gap + " at distance " + e100);

        // plain GDA on theta with the same step: cosh(3)^2 ~ 100 in J_x^T J_x throws it out of range
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Minimize.with(GameMethods.simultaneousGda(g, eta, eta)).steps(300).run(g.objective(), theta0));
        assertTrue(e.getMessage().contains("step sizes are too large"), e.getMessage());
        // with a step small enough for the stiff control it barely moves the soft ones in as many iterations
        Result plain = Minimize.with(GameMethods.simultaneousGda(g, eta / 100, eta / 100)).steps(300).run(g.objective(), theta0);
        double plainError = distance(plain.x(), THETA_STAR);
        assertTrue(plainError > 0.1, "plain GDA error " + plainError);
    }

    @Test
    void onAHiddenBilinearGameItSpiralsOutwardsLikeLatentGda() {
        // latent x^T diag(1, 2) y, equilibrium 0: latent GDA grows each mode by sqrt(1 + eta^2 sigma^2) per step
        Game latent = Game.bilinear(new double[][] {{1, 0}, {0, 2}});
        HiddenGame g = Game.hidden(latent, Func.of(t -> t.sinh()), Tensor.zeros(2), Func.of(t -> t.mul(t).mul(t).add(t)), Tensor.zeros(2));
        Result r = Minimize.with(GameMethods.preconditionedHidden(g, 0.1, 0.1)).steps(100).recordIterates()
                .run(g.objective(), new double[] {0.3, -0.2, 0.1, 0.2});
        List<double[]> iterates = r.history().iterates();
        double[] origin = new double[4];
        double start = distance(g.strategies(iterates.get(0)), origin);
        double end = distance(g.strategies(r.x()), origin);
        assertTrue(end > 3 * start, "latent distance " + start + " -> " + end);
    }

    @Test
    void badControlMapsAndRankDeficientJacobiansAreReported() {
        HiddenGame g = game();
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> Game.hidden(g.latent(), Func.of(t -> t.sinh()), Tensor.zeros(3), Func.of(t -> t), Tensor.zeros(2)));
        assertTrue(shape.getMessage().contains("returns 3 elements") && shape.getMessage().contains("latent player x has 2"),
                shape.getMessage());
        // y = theta^3 has a zero Jacobian at theta_y = 0: (J^T J)^{-1} does not exist
        HiddenGame flat = game(Func.of(t -> t.sinh().matmul(M_TRANSPOSED)), Func.of(t -> t.mul(t).mul(t)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Minimize.with(GameMethods.preconditionedHidden(flat, 0.1, 0.1)).steps(5).run(flat.objective(), new double[] {1, 0, 0, 0.5}));
        assertTrue(e.getMessage().contains("control map of y is rank-deficient"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Minimize.with(GameMethods.preconditionedHidden(g, 0.1, 0.1)).steps(5).run(g.objective(), new double[3]));
        assertThrows(IllegalArgumentException.class, () -> GameMethods.preconditionedHidden(g, 0, 0.1));
    }
}
