package descent.games;

import descent.finitesum.FiniteSum;
import descent.optim.Method;
import descent.optim.Minimize;
import descent.optim.Result;
import descent.optim.Stop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The variance-reduced Halpern iteration on a finite-sum bilinear game
 * {@code f = (1/n) sum_i x^T A_i y + a_i^T x + c_i^T y} with {@code n = 400} components
 * {@code A_i = A + E_i} (the perturbations {@code E_i} summing to zero) and a saddle point
 * {@code (x*, y*)} chosen first, the linear terms then set so that {@code A y* + mean a_i = 0} and
 * {@code A^T x* + mean c_i = 0}. Lipschitz constants are spectral norms by power iteration.
 */
class VarianceReducedHalpernTest {
    private static final int M = 10;
    private static final int N = 400;

    /** The components of the game as a finite sum over {@code z = [x; y]}. */
    private static final class Bilinear implements FiniteSum {
        private final double[][][] a;
        private final double[][] lin;

        Bilinear(double[][][] a, double[][] lin) {
            this.a = a;
            this.lin = lin;
        }

        @Override
        public int terms() {
            return a.length;
        }

        @Override
        public int dimension() {
            return 2 * M;
        }

        @Override
        public double termGradients(double[] z, int[] indices, int count, double[] grads) {
            double f = 0;
            for (int k = 0; k < count; k++) {
                double[][] ai = a[indices[k]];
                double[] li = lin[indices[k]];
                int o = k * 2 * M;
                for (int j = 0; j < M; j++) {
                    grads[o + M + j] = li[M + j];
                    f += li[M + j] * z[M + j];
                }
                for (int i = 0; i < M; i++) {
                    double ay = 0;
                    for (int j = 0; j < M; j++) {
                        ay += ai[i][j] * z[M + j];
                        grads[o + M + j] += ai[i][j] * z[i];
                    }
                    grads[o + i] = ay + li[i];
                    f += z[i] * (ay + li[i]);
                }
            }
            return f;
        }
    }

    /** The game, its saddle point and Lipschitz constants. */
    private static final class Problem {
        FiniteSumGame game;
        double[] star;
        /** Spectral norm of the mean {@code A}: the Lipschitz constant of {@code F}. */
        double lipschitz;
        /** {@code sqrt((1/n) sum_i |A_i|^2)}: the components' mean-square Lipschitz constant. */
        double meanSquare;
        /** Smallest singular value of {@code A}: {@code |u - z*| <= |F(u)| / sigmaMin}. */
        double sigmaMin;
    }

    private static Problem problem() {
        Random rnd = new Random(1);
        double[][] mean = new double[M][M];
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < M; j++) {
                mean[i][j] = rnd.nextGaussian() / Math.sqrt(M) + (i == j ? 1 : 0);
            }
        }
        double[][][] a = new double[N][M][M];
        for (int k = 0; k < N; k++) {
            for (int i = 0; i < M; i++) {
                for (int j = 0; j < M; j++) {
                    a[k][i][j] = mean[i][j] + 0.5 * rnd.nextGaussian() / Math.sqrt(M);
                }
            }
        }
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < M; j++) {
                double s = 0;
                for (int k = 0; k < N; k++) {
                    s += a[k][i][j];
                }
                for (int k = 0; k < N; k++) {
                    a[k][i][j] += mean[i][j] - s / N;
                }
            }
        }
        double[] star = new double[2 * M];
        for (int i = 0; i < 2 * M; i++) {
            star[i] = rnd.nextGaussian();
        }
        double[][] lin = new double[N][2 * M];
        for (int i = 0; i < 2 * M; i++) {
            double s = 0;
            for (int k = 0; k < N; k++) {
                lin[k][i] = rnd.nextGaussian();
                s += lin[k][i];
            }
            // grad_x f = A y + mean a = 0 and grad_y f = A^T x + mean c = 0 at (x*, y*)
            double target = 0;
            for (int j = 0; j < M; j++) {
                target -= i < M ? mean[i][j] * star[M + j] : mean[j][i - M] * star[j];
            }
            for (int k = 0; k < N; k++) {
                lin[k][i] += target - s / N;
            }
        }
        Problem p = new Problem();
        p.game = Game.finiteSum(new Bilinear(a, lin), M);
        p.star = star;
        double[][] gram = gram(mean);
        p.lipschitz = Math.sqrt(largestEigenvalue(gram));
        p.sigmaMin = Math.sqrt(smallestEigenvalue(gram));
        double s = 0;
        for (int k = 0; k < N; k++) {
            s += largestEigenvalue(gram(a[k]));
        }
        p.meanSquare = Math.sqrt(s / N);
        return p;
    }

    private static double[][] gram(double[][] a) {
        double[][] g = new double[M][M];
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < M; j++) {
                for (int k = 0; k < M; k++) {
                    g[i][j] += a[k][i] * a[k][j];
                }
            }
        }
        return g;
    }

    /** The largest eigenvalue of a symmetric positive semidefinite matrix, by power iteration to convergence. */
    private static double largestEigenvalue(double[][] s) {
        double[] v = new double[M];
        java.util.Arrays.fill(v, 1);
        double lambda = 0;
        for (int it = 0; it < 20000; it++) {
            double[] w = new double[M];
            double norm = 0;
            for (int i = 0; i < M; i++) {
                for (int j = 0; j < M; j++) {
                    w[i] += s[i][j] * v[j];
                }
                norm += w[i] * w[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < M; i++) {
                v[i] = w[i] / norm;
            }
            if (Math.abs(norm - lambda) <= 1e-15 * norm) {
                return norm;
            }
            lambda = norm;
        }
        return lambda;
    }

    private static double smallestEigenvalue(double[][] s) {
        double top = largestEigenvalue(s);
        double[][] shifted = new double[M][M];
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < M; j++) {
                shifted[i][j] = (i == j ? top : 0) - s[i][j];
            }
        }
        return top - largestEigenvalue(shifted);
    }

    private static double distance(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += (u[i] - v[i]) * (u[i] - v[i]);
        }
        return Math.sqrt(s);
    }

    @Test
    void theOperatorNormFallsAsOneOverKToTheSaddlePoint() {
        Problem p = problem();
        FiniteSumGame g = p.game;
        double eta = Math.sqrt(N) / p.meanSquare;
        double[] z0 = new double[2 * M];
        Method vr = GameMethods.halpernVarianceReduced(g, eta, eta, p.meanSquare, 7);
        Result r = Minimize.with(vr).steps(1000).run(g.objective(), z0);
        double[] norms = r.history().gradientNorms();
        // Halpern on the resolvent: |z_k - J(z_k)| <= 2 |z_0 - z*| / (k + 1), and u_k ~ J(z_k) has |F(u_k)| = |z_k - u_k| / eta
        double d0 = distance(z0, p.star);
        // (entry k of the history is iterate k, u_{k-1}; the first resolvent is solved loosely, to a quarter of |D F(z_0)|)
        for (int k = 2; k < norms.length; k++) {
            assertTrue(norms[k] <= 2 * d0 / (eta * k), "k = " + k + ": |F| = " + norms[k] + ", bound " + 2 * d0 / (eta * k));
        }
        double slope = Math.log(r.gradientNorm() / norms[100]) / Math.log(10);
        assertEquals(-1, slope, 0.03, "slope of log |F(u_k)| against log k");
        // against the work: the resolvent of iteration k starts from u_{k-1}, about |z_k - z_{k-1}| = O(1 / k^2) off, and
        // stops at O(1 / k^3), so it costs O(log k) component evaluations and the work to iteration K is O(K log K):
        // over the decade 100 -> 1000 that log factor alone turns the slope -1 into about -1 / (1 + log10(5.9 / 3.6)) = -0.82
        long work1000 = r.state().find(GameState.class).componentEvaluations();
        Result first = Minimize.with(vr).steps(100).run(g.objective(), z0);
        long work100 = first.state().find(GameState.class).componentEvaluations();
        assertEquals(norms[100], first.gradientNorm(), 0, "the same sampling for the same seed");
        double workSlope = Math.log(r.gradientNorm() / norms[100]) / Math.log((double) work1000 / work100);
        assertTrue(workSlope < -0.78 && workSlope >= -1, "slope in component evaluations " + workSlope + " (" + work100 + " -> "
                + work1000 + ")");
        // the iterate is the saddle point up to |F(u)| / sigma_min(A)
        double[] u = r.x();
        assertTrue(distance(u, p.star) <= r.gradientNorm() / p.sigmaMin, "distance " + distance(u, p.star));
        assertTrue(distance(u, p.star) < 1e-3 * d0, "distance " + distance(u, p.star) + " of " + d0);
    }

    @Test
    void itUsesFewerComponentEvaluationsThanDeterministicHalpern() {
        Problem p = problem();
        FiniteSumGame g = p.game;
        double[] z0 = new double[2 * M];
        double tolerance = 1e-2;
        double eta = Math.sqrt(N) / p.meanSquare;
        Result vr = Minimize.with(GameMethods.halpernVarianceReduced(g, eta, eta, p.meanSquare, 7)).steps(100000)
                .stopWhen(Stop.gradientNorm(tolerance)).run(g.objective(), z0);
        assertEquals(Stop.Reason.GRADIENT_NORM, vr.reason());
        long vrWork = vr.state().find(GameState.class).componentEvaluations();
        // deterministic Halpern (anchored extragradient) at its step 1 / (8 L): every evaluation is a pass over the n components
        double step = 1 / (8 * p.lipschitz);
        Result det = Minimize.with(GameMethods.halpern(g, step, step)).steps(1000000).stopWhen(Stop.gradientNorm(tolerance))
                .run(g.objective(), z0);
        assertEquals(Stop.Reason.GRADIENT_NORM, det.reason());
        long detWork = det.evaluations() * N;
        assertTrue(vrWork * 10 < detWork, "variance reduced " + vrWork + " component evaluations, deterministic " + detWork);
        // and still fewer than deterministic Halpern at 1 / L, eight times the step its guarantee allows (it converges here)
        Result fast = Minimize.with(GameMethods.halpern(g, 8 * step, 8 * step)).steps(1000000).stopWhen(Stop.gradientNorm(tolerance))
                .run(g.objective(), z0);
        assertEquals(Stop.Reason.GRADIENT_NORM, fast.reason());
        assertTrue(vrWork * 2 < fast.evaluations() * N, "variance reduced " + vrWork + ", deterministic at 1 / L " + fast.evaluations() * N);
    }

    @Test
    void checkpointedRunsResumeBitForBit(@TempDir Path dir) {
        Problem p = problem();
        FiniteSumGame g = p.game;
        double eta = Math.sqrt(N) / p.meanSquare;
        double[] z0 = new double[2 * M];
        Method m = GameMethods.halpernVarianceReduced(g, eta, eta, p.meanSquare, 3);
        Path file = dir.resolve("vr.ckpt");
        Result whole = Minimize.with(m).steps(30).run(g.objective(), z0);
        Minimize.with(m).steps(12).checkpoint(file, 12).run(g.objective(), z0);
        Result resumed = Minimize.with(m).steps(30).resume(file).run(g.objective(), z0);
        assertArrayEquals(whole.x(), resumed.x(), 0);
        assertArrayEquals(whole.history().gradientNorms(), resumed.history().gradientNorms(), 0);
        assertEquals(whole.state().find(GameState.class).componentEvaluations(), resumed.state().find(GameState.class).componentEvaluations());
    }

    @Test
    void badArgumentsAndAnUnderestimatedLipschitzConstantAreNamed() {
        Problem p = problem();
        FiniteSumGame g = p.game;
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class, () -> Game.finiteSum(g.terms(), 2 * M));
        assertTrue(split.getMessage().contains("xSize") && split.getMessage().contains("" + 2 * M), split.getMessage());
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class,
                () -> GameMethods.halpernVarianceReduced(g, 1, 1, -2, 0));
        assertTrue(l.getMessage().contains("lipschitz") && l.getMessage().contains("-2"), l.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GameMethods.halpernVarianceReduced(null, 1, 1, 1, 0));
        IllegalArgumentException start = assertThrows(IllegalArgumentException.class,
                () -> Minimize.with(GameMethods.halpernVarianceReduced(g, 1, 1, 1, 0)).steps(3).run(g.objective(), new double[M]));
        assertTrue(start.getMessage().contains("10 + 10"), start.getMessage());
        double eta = Math.sqrt(N) / p.meanSquare;
        IllegalStateException diverged = assertThrows(IllegalStateException.class,
                () -> Minimize.with(GameMethods.halpernVarianceReduced(g, eta, eta, p.meanSquare / 1000, 0)).steps(50)
                        .run(g.objective(), new double[2 * M]));
        assertTrue(diverged.getMessage().contains("underestimates"), diverged.getMessage());
    }
}
