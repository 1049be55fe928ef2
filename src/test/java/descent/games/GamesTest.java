package descent.games;

import descent.ad.Func;
import descent.optim.Method;
import descent.optim.Minimize;
import descent.optim.Result;
import descent.optim.Stop;
import descent.tensor.Tensor;
import descent.tensor.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Min-max methods on bilinear, matrix and strongly convex–strongly concave games. */
class GamesTest {
    /** Singular values of {@link #bilinearMatrix()}. */
    private static final double[] SIGMA = {1, 2, 3};

    /** {@code A = U diag(1, 2, 3) V} with Householder reflections {@code U}, {@code V}: singular values known exactly. */
    static double[][] bilinearMatrix() {
        double[][] u = householder(new double[] {1, -2, 2});
        double[][] v = householder(new double[] {3, 1, -1});
        double[][] a = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    a[i][j] += u[i][k] * SIGMA[k] * v[k][j];
                }
            }
        }
        return a;
    }

    private static double[][] householder(double[] w) {
        double ww = 0;
        for (double x : w) {
            ww += x * x;
        }
        double[][] h = new double[w.length][w.length];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w.length; j++) {
                h[i][j] = (i == j ? 1 : 0) - 2 * w[i] * w[j] / ww;
            }
        }
        return h;
    }

    private static Result run(Method method, Game game, long steps, double[] x0, double[] y0) {
        return Minimize.with(method).steps(steps).run(game.objective(), game.join(x0, y0));
    }

    /** Least-squares slope of {@code log(values[k])} against {@code k} over {@code [from, to)}. */
    static double logSlope(double[] values, int from, int to) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int count = to - from;
        for (int k = from; k < to; k++) {
            double y = Math.log(values[k]);
            sx += k;
            sy += y;
            sxx += (double) k * k;
            sxy += k * y;
        }
        return (count * sxy - sx * sy) / (count * sxx - sx * sx);
    }

    @Test
    void simultaneousGdaSpiralsOutwardsOnBilinearGames() {
        Game g = Game.bilinear(bilinearMatrix());
        double eta = 0.1;
        Result r = run(GameMethods.simultaneousGda(g, eta, eta), g, 300, new double[] {1, 0.5, -1}, new double[] {0.3, 1, 0.2});
        double[] norms = r.history().gradientNorms();
        assertTrue(norms[299] > 100 * norms[0], "GDA must diverge: |F| went from " + norms[0] + " to " + norms[299]);
        // the fastest mode grows by |1 + i eta sigma_max| = sqrt(1 + eta^2 sigma_max^2) per step
        double predicted = 0.5 * Math.log(1 + eta * eta * 9);
        assertEquals(predicted, logSlope(norms, 150, 300), 1e-3 * predicted);
    }

    @Test
    void extragradientConvergesLinearlyAtItsBilinearRate() {
        Game g = Game.bilinear(bilinearMatrix());
        double eta = 0.2;
        Result r = run(GameMethods.extragradient(g, eta, eta), g, 1500, new double[] {1, 0.5, -1}, new double[] {0.3, 1, 0.2});
        double[] norms = r.history().gradientNorms();
        assertTrue(norms[1499] < 1e-10, "EG |F| " + norms[1499]);
        double slowest = Double.NEGATIVE_INFINITY;
        for (double s : SIGMA) {
            double e2 = eta * eta * s * s;
            slowest = Math.max(slowest, 0.5 * Math.log(1 - e2 + e2 * e2));
        }
        assertEquals(slowest, logSlope(norms, 500, 1200), 0.01 * Math.abs(slowest));
        assertArrayEquals(new double[6], r.x(), 1e-10);
        assertEquals(2 * 1500 + 1, r.evaluations(), "two evaluations per iteration and the start");
    }

    /** Largest modulus of the roots of {@code lambda^2 - (1 - 2 i c) lambda - i c = 0}, OGDA's modes for {@code c = eta sigma}. */
    private static double ogdaRadius(double c) {
        // b = -(1 - 2ic), q = -ic; roots (-b +- sqrt(b^2 - 4q)) / 2
        double br = -1;
        double bi = 2 * c;
        double dr = br * br - bi * bi;
        double di = 2 * br * bi + 4 * c;
        double mod = Math.hypot(dr, di);
        double sr = Math.sqrt((mod + dr) / 2);
        double si = Math.copySign(Math.sqrt((mod - dr) / 2), di);
        double r1 = Math.hypot((-br + sr) / 2, (-bi + si) / 2);
        double r2 = Math.hypot((-br - sr) / 2, (-bi - si) / 2);
        return Math.max(r1, r2);
    }

    @Test
    void ogdaConvergesLinearlyAtItsBilinearRate() {
        Game g = Game.bilinear(bilinearMatrix());
        double eta = 0.15;
        Result r = run(GameMethods.ogda(g, eta, eta), g, 3000, new double[] {1, 0.5, -1}, new double[] {0.3, 1, 0.2});
        double[] norms = r.history().gradientNorms();
        assertTrue(norms[2999] < 1e-12, "OGDA |F| " + norms[2999]);
        double slowest = Double.NEGATIVE_INFINITY;
        for (double s : SIGMA) {
            slowest = Math.max(slowest, Math.log(ogdaRadius(eta * s)));
        }
        assertTrue(slowest < 0);
        assertEquals(slowest, logSlope(norms, 1000, 2500), 0.01 * Math.abs(slowest));
        assertEquals(3000 + 1, r.evaluations(), "one evaluation per iteration and the start");
    }

    @Test
    void mirrorProxOnAMatrixGameHasAnErgodicGapOfOrderOneOverK() {
        // rock-paper-scissors with unequal payoffs: a unique interior equilibrium
        double[][] a = {{0, 1, -2}, {-1, 0, 3}, {2, -3, 0}};
        Game g = Game.matrix(a);
        Result r = run(GameMethods.mirrorProx(g, Domain.simplex(), Domain.simplex(), 0.2, 0.2), g, 4000, new double[] {0.6, 0.3, 0.1},
                new double[] {0.2, 0.2, 0.6});
        double[] gaps = r.history().measures();
        // slope of log gap against log k
        double slope = Math.log(gaps[3999] / gaps[399]) / Math.log(3999.0 / 399);
        assertTrue(slope < -0.9 && slope > -1.1, "ergodic gap slope " + slope + " (gaps " + gaps[399] + ", " + gaps[3999] + ")");
        // Nemirovski's bound: gap <= (max KL(u, x0) + max KL(v, y0)) / (eta k), the maxima log(1 / min x0) and log(1 / min y0)
        double bound = (Math.log(10) + Math.log(5)) / (0.2 * 3999);
        assertTrue(gaps[3999] <= bound, "gap " + gaps[3999] + " above the bound " + bound);
        GameState st = r.state().find(GameState.class);
        assertEquals(g.gap(st.average()), gaps[3999], 1e-3 * gaps[3999] + 1e-15, "the measure is the gap at the ergodic average");
        assertEquals(4000, st.iterations());
    }

    @Test
    void optimisticMultiplicativeWeightsConvergesInTheLastIterate() {
        double[][] a = {{0, 1, -2}, {-1, 0, 3}, {2, -3, 0}};
        Game g = Game.matrix(a);
        Result r = run(GameMethods.optimisticMirrorDescent(g, Domain.simplex(), Domain.simplex(), 0.1, 0.1), g, 6000,
                new double[] {0.6, 0.3, 0.1}, new double[] {0.2, 0.2, 0.6});
        double[] gaps = r.history().measures();
        assertTrue(gaps[5999] < 1e-8, "last-iterate gap " + gaps[5999]);
        double s = 0;
        for (int i = 0; i < 3; i++) {
            s += r.x()[i];
        }
        assertEquals(1, s, 1e-12, "x stays on the simplex");
        // the equilibrium of this skew-symmetric game: A^T x = 0 on the simplex, x = (3, 2, 1) / 6
        assertArrayEquals(new double[] {0.5, 1.0 / 3, 1.0 / 6}, g.x(r.x()), 1e-7);
    }

    @Test
    void halpernDrivesTheOperatorNormDownAsOneOverK() {
        Game g = Game.bilinear(bilinearMatrix());
        double l = 3;
        double eta = 1 / (8 * l);
        double[] z0 = g.join(new double[] {1, 0.5, -1}, new double[] {0.3, 1, 0.2});
        Result r = Minimize.with(GameMethods.halpern(g, eta, eta)).steps(4000).run(g.objective(), z0);
        double[] norms = r.history().gradientNorms();
        double slope = Math.log(norms[3999] / norms[399]) / Math.log(4000.0 / 400);
        assertTrue(slope <= -0.95, "operator-norm slope " + slope);
        double dist2 = 0;
        for (double v : z0) {
            dist2 += v * v;
        }
        for (int k = 1; k < 4000; k += 97) {
            double bound = 4 * (1 + eta * l + eta * eta * l * l) * dist2 / (eta * eta * (k + 1.0) * (k + 1));
            assertTrue(norms[k] * norms[k] <= bound, "Yoon-Ryu bound at k = " + k);
        }
    }

    /** A strongly convex–strongly concave game and its saddle point from the linear system grad f = 0. */
    private static final double[][] P = {{3, 1, 0}, {1, 2, 0.5}, {0, 0.5, 1.5}};
    private static final double[][] B = {{1, -2}, {0.5, 1}, {-1, 0.3}};
    private static final double[][] Q = {{2, 0.4}, {0.4, 1}};
    private static final double[] A = {1, -1, 0.5};
    private static final double[] C = {0.3, -0.7};

    private static double[] saddle() {
        // [P B; B^T -Q] [x; y] = [-a; c]
        double[][] k = new double[5][6];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(P[i], 0, k[i], 0, 3);
            System.arraycopy(B[i], 0, k[i], 3, 2);
            k[i][5] = -A[i];
        }
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < 3; i++) {
                k[3 + j][i] = B[i][j];
            }
            k[3 + j][3] = -Q[j][0];
            k[3 + j][4] = -Q[j][1];
            k[3 + j][5] = C[j];
        }
        for (int c = 0; c < 5; c++) {
            int p = c;
            for (int r = c + 1; r < 5; r++) {
                if (Math.abs(k[r][c]) > Math.abs(k[p][c])) {
                    p = r;
                }
            }
            double[] t = k[c];
            k[c] = k[p];
            k[p] = t;
            for (int r = 0; r < 5; r++) {
                if (r != c) {
                    double f = k[r][c] / k[c][c];
                    for (int j = c; j < 6; j++) {
                        k[r][j] -= f * k[c][j];
                    }
                }
            }
        }
        double[] z = new double[5];
        for (int i = 0; i < 5; i++) {
            z[i] = k[i][5] / k[i][i];
        }
        return z;
    }

    @Test
    void stronglyConvexStronglyConcaveGameReachesTheSaddleTo1e10() {
        Game g = Game.quadratic(P, B, Q, A, C);
        double[] star = saddle();
        assertEquals(0, g.gap(star), 1e-13);
        double[] x0 = {2, -1, 1};
        double[] y0 = {-1, 2};
        Method[] methods = {GameMethods.extragradient(g, 0.2, 0.2), GameMethods.ogda(g, 0.1, 0.1), GameMethods.alternatingGda(g, 0.1, 0.2),
            GameMethods.simultaneousGda(g, 0.05, 0.05)};
        for (Method m : methods) {
            Result r = Minimize.with(m).steps(200000).stopWhen(Stop.gradientNorm(1e-12)).run(g.objective(), g.join(x0, y0));
            assertEquals(Stop.Reason.GRADIENT_NORM, r.reason(), m.name());
            assertArrayEquals(star, r.x(), 1e-10, m.name());
            double gap = r.history().measure(r.history().size() - 2);
            assertTrue(Math.abs(gap) < 1e-15, m.name() + " gap " + gap);
        }
    }

    @Test
    void gapOfTheQuadraticGameMatchesBestResponsesFoundNumerically() {
        Game g = Game.quadratic(P, B, Q, A, C);
        double[] z = {0.3, -0.2, 0.9, 0.4, -0.5};
        // best response of y to x: maximize f(x, .) by gradient ascent; of x to y: minimize f(., y)
        double[] zy = z.clone();
        double[] zx = z.clone();
        double[] gr = new double[5];
        for (int k = 0; k < 5000; k++) {
            g.valueAndGrad(zy, gr);
            for (int j = 3; j < 5; j++) {
                zy[j] += 0.3 * gr[j];
            }
            g.valueAndGrad(zx, gr);
            for (int i = 0; i < 3; i++) {
                zx[i] -= 0.2 * gr[i];
            }
        }
        double expected = g.valueAndGrad(zy, gr) - g.valueAndGrad(zx, gr);
        assertEquals(expected, g.gap(z), 1e-12);
    }

    @Test
    void aGameOfATracedFunctionHasTheGradientsOfItsFormula() {
        double[][] a = bilinearMatrix();
        Tensor at = Tensor.of(a);
        Func f = Func.of((Value x, Value y) -> x.matmul(at).dot(y).add(x.square().sum().mul(0.5)).sub(y.square().sum().mul(0.5)));
        Game traced = Game.of(f, Tensor.zeros(3), Tensor.zeros(3));
        Game exact = Game.quadratic(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, a, new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
                new double[3], new double[3]);
        double[] z = {0.3, -1, 2, 0.5, 0.1, -0.7};
        double[] g1 = new double[6];
        double[] g2 = new double[6];
        assertEquals(exact.valueAndGrad(z, g2), traced.valueAndGrad(z, g1), 1e-13);
        assertArrayEquals(g2, g1, 1e-13);
        Result r = Minimize.with(GameMethods.extragradient(traced, 0.2, 0.2)).steps(3000).stopWhen(Stop.gradientNorm(1e-12))
                .run(traced.objective(), z);
        assertArrayEquals(new double[6], r.x(), 1e-11);
    }

    @Test
    void projectedExtragradientFindsASaddlePointOnTheBoundary() {
        // f = x^2/2 + x y - y^2/2 + 2 x - 3 y over [0, 1]^2: the unconstrained saddle (0.5, -2.5) lies outside, and the
        // constrained one is (0, 0), where f_x = 2 > 0 holds the minimizer x at its lower bound and f_y = -3 < 0 the maximizer y
        Game g = Game.quadratic(new double[][] {{1}}, new double[][] {{1}}, new double[][] {{1}}, new double[] {2}, new double[] {3});
        Domain box = Domain.projected(descent.constrained.Sets.box(0, 1));
        for (Method m : new Method[] {GameMethods.extragradient(g, box, box, 0.3, 0.3), GameMethods.mirrorProx(g, box, box, 0.3, 0.3),
            GameMethods.optimisticMirrorDescent(g, box, box, 0.2, 0.2), GameMethods.simultaneousGda(g, box, box, 0.2, 0.2)}) {
            Result r = Minimize.with(m).steps(200).run(g.objective(), g.join(new double[] {1}, new double[] {1}));
            assertArrayEquals(new double[] {0, 0}, r.x(), 1e-12, m.name());
        }
    }

    @Test
    void checkpointedRunsResumeBitForBit(@TempDir Path dir) {
        Game g = Game.bilinear(bilinearMatrix());
        double[] z0 = g.join(new double[] {1, 0.5, -1}, new double[] {0.3, 1, 0.2});
        for (Method m : new Method[] {GameMethods.ogda(g, 0.1, 0.05), GameMethods.halpern(g, 0.04, 0.04)}) {
            Path file = dir.resolve(m.name().substring(0, 4) + ".ckpt");
            Result whole = Minimize.with(m).steps(60).run(g.objective(), z0);
            Minimize.with(m).steps(25).checkpoint(file, 25).run(g.objective(), z0);
            Result resumed = Minimize.with(m).steps(60).resume(file).run(g.objective(), z0);
            assertArrayEquals(whole.x(), resumed.x(), 0, m.name());
            assertArrayEquals(whole.history().gradientNorms(), resumed.history().gradientNorms(), 0, m.name());
        }
    }

    @Test
    void mismatchedPlayersAndBadStepsAreNamed() {
        double[][] a = {{1, 2, 3}, {4, 5, 6}};
        Tensor at = Tensor.of(a);
        Func f = Func.of((Value x, Value y) -> x.matmul(at).dot(y));
        IllegalArgumentException shapes = assertThrows(IllegalArgumentException.class, () -> Game.of(f, Tensor.zeros(3), Tensor.zeros(3)));
        assertTrue(shapes.getMessage().contains("Game.of") && shapes.getMessage().contains("[3]"), shapes.getMessage());
        Game g = Game.bilinear(a);
        IllegalArgumentException join = assertThrows(IllegalArgumentException.class, () -> g.join(new double[3], new double[3]));
        assertTrue(join.getMessage().contains("2 and 3") && join.getMessage().contains("x of 3"), join.getMessage());
        IllegalArgumentException start = assertThrows(IllegalArgumentException.class,
                () -> Minimize.with(GameMethods.extragradient(g, 0.1, 0.1)).run(g.objective(), new double[4]));
        assertTrue(start.getMessage().contains("got 4") && start.getMessage().contains("2 + 3"), start.getMessage());
        IllegalArgumentException eta = assertThrows(IllegalArgumentException.class, () -> GameMethods.ogda(g, 0.1, -1));
        assertTrue(eta.getMessage().contains("etaY") && eta.getMessage().contains("-1"), eta.getMessage());
        IllegalArgumentException simplex = assertThrows(IllegalArgumentException.class,
                () -> Minimize.with(GameMethods.mirrorProx(Game.matrix(a), Domain.simplex(), Domain.simplex(), 0.1, 0.1))
                        .run(g.objective(), g.join(new double[] {1, 0}, new double[] {0.2, 0.3, 0.5})));
        assertTrue(simplex.getMessage().contains("element 1"), simplex.getMessage());
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class, () -> Game.bilinear(new double[][] {{1, 2}, {3}}));
        assertTrue(ragged.getMessage().contains("ragged"), ragged.getMessage());
    }
}
