package descent.coordinate;

import descent.constrained.ConstrainedMethods;
import descent.constrained.Penalties;
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
 * Coordinate descent for the lasso and the elastic net on the sparse regression of the lasso
 * benchmark: n = 200 observations, p = 500 features, 10 nonzeros, noise 0.1, lambda = 0.1
 * lambda_max.
 */
class ElasticNetDescentTest {
    private static final int M = 200;
    private static final int P = 500;
    private static final double[] TRUTH = new double[P];
    private static final double[] A = new double[M * P];
    private static final double[] Y = new double[M];
    private static final Regression DATA;
    private static final double LAMBDA;

    static {
        double[] truth = TRUTH;
        Random r = new Random(42);
        for (int k = 0; k < 10; k++) {
            truth[r.nextInt(P)] = (r.nextBoolean() ? 1 : -1) * (1 + r.nextDouble());
        }
        Random d = new Random(43);
        for (int i = 0; i < A.length; i++) {
            A[i] = d.nextGaussian();
        }
        for (int i = 0; i < M; i++) {
            double s = 0;
            for (int j = 0; j < P; j++) {
                s += A[i * P + j] * truth[j];
            }
            Y[i] = s + 0.1 * d.nextGaussian();
        }
        DATA = Regression.of(A, M, P, Y);
        double[] g = new double[P];
        DATA.objective().valueAndGrad(new double[P], g);
        double max = 0;
        for (double v : g) {
            max = Math.max(max, Math.abs(v));
        }
        LAMBDA = 0.1 * max;
    }

    private static double penalty(double[] x, double l1, double l2) {
        double a = 0;
        double b = 0;
        for (double v : x) {
            a += Math.abs(v);
            b += v * v;
        }
        return l1 * a + 0.5 * l2 * b;
    }

    /**
     * The KKT conditions of the elastic net at {@code x}, with the loss's gradient computed from
     * scratch: {@code g_j + lambda2 x_j = -lambda1 sign(x_j)} on the support and
     * {@code |g_j| <= lambda1} off it.
     */
    private static void assertKkt(double[] x, double l1, double l2, double tolerance) {
        double[] g = new double[P];
        DATA.objective().valueAndGrad(x, g);
        for (int j = 0; j < P; j++) {
            if (x[j] != 0) {
                assertEquals(-l1 * Math.signum(x[j]), g[j] + l2 * x[j], tolerance, "coordinate " + j);
            } else {
                assertTrue(Math.abs(g[j]) <= l1 + tolerance, "coordinate " + j + ": |g| = " + Math.abs(g[j]));
            }
        }
    }

    /**
     * The lasso and the elastic net run until a sweep moves no coordinate: the solutions of long
     * FISTA runs to 1e-8, the KKT conditions to 1e-8, the same objective to 1e-12 relative, the
     * support of the 10 true nonzeros (measured: 3 iterations of a sweep and active-set passes,
     * about 2050 coordinate updates, for either; FISTA 97 and 451 iterations).
     */
    @Test
    void reachesTheFistaSolutionAndMeetsTheKktConditions() {
        for (double l2 : new double[] {0, 0.05}) {
            String what = l2 == 0 ? "lasso" : "elastic net";
            Result cd = Minimize.with(l2 == 0 ? CoordinateMethods.lasso(DATA, LAMBDA, 0) : CoordinateMethods.elasticNet(DATA, LAMBDA, l2, 0))
                    .steps(10_000).run(DATA.objective(), new double[P]);
            assertEquals(Stop.Reason.STATIONARY, cd.reason(), what);
            Result fista = Minimize.with(ConstrainedMethods.fista(Penalties.elasticNet(LAMBDA, l2), 1, true, true, 1e-13)).steps(100_000)
                    .run(DATA.objective(), new double[P]);
            assertEquals(Stop.Reason.STATIONARY, fista.reason(), what);
            assertArrayEquals(fista.x(), cd.x(), 1e-8, what);
            assertKkt(cd.x(), LAMBDA, l2, 1e-8);
            for (int j = 0; j < P; j++) {
                assertEquals(TRUTH[j] != 0, cd.x()[j] != 0, what + ": support at " + j);
            }
            double f = DATA.objective().valueAndGrad(cd.x(), new double[P]) + penalty(cd.x(), LAMBDA, l2);
            assertEquals(f, cd.value(), 1e-12 * f, what + ": the iterate's value is F");
            assertEquals(fista.value(), cd.value(), 1e-12 * f, what);
            assertTrue(cd.iterations() <= 100, what + ": sweeps " + cd.iterations());
            long updates = cd.state().find(CoordinateState.class).updates();
            assertTrue(updates >= (cd.iterations() - 1) * (long) P && updates <= 2 * cd.iterations() * (long) P, what + ": " + updates);
        }
    }

    /**
     * The measure is the duality gap: it equals the gap computed from scratch (residual, dual
     * point scaled into the dual's domain) at every recorded point, bounds the suboptimality
     * {@code F(x) - F*} from above, and a tolerance stops the run once it is below
     * {@code tolerance |y|^2 / m}.
     */
    @Test
    void theMeasureIsTheDualityGapAndStopsTheRun() {
        double l2 = 0.05;
        Result exact = Minimize.with(CoordinateMethods.elasticNet(DATA, LAMBDA, l2, 0)).steps(10_000).run(DATA.objective(), new double[P]);
        double fstar = exact.value();
        double yy = 0;
        for (double v : Y) {
            yy += v * v;
        }
        double tolerance = 1e-6;
        Result r = Minimize.with(CoordinateMethods.elasticNet(DATA, LAMBDA, l2, tolerance)).steps(10_000).recordIterates()
                .run(DATA.objective(), new double[P]);
        assertEquals(Stop.Reason.STATIONARY, r.reason());
        double[] gaps = r.history().measures();
        assertTrue(gaps[gaps.length - 1] <= tolerance * yy / M);
        assertTrue(gaps[gaps.length - 2] > tolerance * yy / M);
        for (int k = 0; k < gaps.length; k++) {
            double[] x = r.history().iterates().get(k);
            double[] res = new double[M];
            double uy = 0;
            double uu = 0;
            for (int i = 0; i < M; i++) {
                double s = Y[i];
                for (int j = 0; j < P; j++) {
                    s -= A[i * P + j] * x[j];
                }
                res[i] = s / M;
                uy += res[i] * Y[i];
                uu += res[i] * res[i];
            }
            double dual = 0;
            double xx = 0;
            for (int j = 0; j < P; j++) {
                double atu = 0;
                for (int i = 0; i < M; i++) {
                    atu += A[i * P + j] * res[i];
                }
                dual = Math.max(dual, Math.abs(atu - l2 * x[j]));
                xx += x[j] * x[j];
            }
            double s = Math.min(1, LAMBDA / dual);
            double primal = DATA.objective().valueAndGrad(x, new double[P]) + penalty(x, LAMBDA, l2);
            double d = s * uy - 0.5 * M * s * s * (uu + l2 * xx / M);
            assertEquals(primal - d, gaps[k], 1e-12 * primal, "gap at " + k);
            assertTrue(primal - fstar <= gaps[k] + 1e-14, "suboptimality " + (primal - fstar) + " vs gap " + gaps[k]);
        }
    }

    @Test
    void aResumedRunContinuesBitForBit(@TempDir Path dir) {
        Path file = dir.resolve("lasso.ckpt");
        Result whole = Minimize.with(CoordinateMethods.lasso(DATA, LAMBDA, 0)).steps(3).run(DATA.objective(), new double[P]);
        Minimize.with(CoordinateMethods.lasso(DATA, LAMBDA, 0)).steps(2).checkpoint(file, 2).run(DATA.objective(), new double[P]);
        Result resumed = Minimize.with(CoordinateMethods.lasso(DATA, LAMBDA, 0)).steps(3).resume(file).run(DATA.objective(), new double[P]);
        assertEquals(3, resumed.history().size());
        assertArrayEquals(whole.x(), resumed.x(), 0);
        assertArrayEquals(whole.history().measures(), resumed.history().measures(), 0);
    }

    /** The row-major, row-array and column-major forms of the same data are the same loss. */
    @Test
    void theThreeLayoutsAgree() {
        double[] columns = new double[M * P];
        double[][] rows = new double[M][P];
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < P; j++) {
                columns[j * M + i] = A[i * P + j];
                rows[i][j] = A[i * P + j];
            }
        }
        Random r = new Random(5);
        double[] x = new double[P];
        for (int j = 0; j < P; j += 7) {
            x[j] = r.nextGaussian();
        }
        double[] g0 = new double[P];
        double f0 = DATA.objective().valueAndGrad(x, g0);
        for (Regression other : new Regression[] {Regression.ofColumns(columns, M, P, Y), Regression.of(rows, Y)}) {
            double[] g = new double[P];
            assertEquals(f0, other.objective().valueAndGrad(x, g), 0);
            assertArrayEquals(g0, g, 0);
        }
        // Against the row-major formula written out.
        double f = 0;
        double[] g = new double[P];
        for (int i = 0; i < M; i++) {
            double res = -Y[i];
            for (int j = 0; j < P; j++) {
                res += A[i * P + j] * x[j];
            }
            f += res * res / (2 * M);
            for (int j = 0; j < P; j++) {
                g[j] += A[i * P + j] * res / M;
            }
        }
        assertEquals(f, f0, 1e-12 * f);
        assertArrayEquals(g, g0, 1e-12);
    }

    @Test
    void badInputGetsClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Regression.of(new double[5], 2, 3, new double[2]));
        assertTrue(e.getMessage().contains("m = 2, p = 3") && e.getMessage().contains("5 elements"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Regression.of(new double[6], 2, 3, new double[3]));
        assertTrue(e.getMessage().contains("response of 3 elements"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Regression.of(new double[] {1, 2, Double.NaN, 4}, 2, 2, new double[2]));
        assertTrue(e.getMessage().contains("A[1][0] is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Regression.ofColumns(new double[] {1, 2, Double.NaN, 4}, 2, 2, new double[2]));
        assertTrue(e.getMessage().contains("A[0][1] is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Regression.of(new double[4], 2, 2, new double[] {0, Double.POSITIVE_INFINITY}));
        assertTrue(e.getMessage().contains("y[1] is Infinity"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Regression.of(new double[][] {{1, 2}, {3}}, new double[2]));
        assertTrue(e.getMessage().contains("row 1 has 1 elements"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CoordinateMethods.lasso(DATA, 0, 1e-4));
        assertTrue(e.getMessage().contains("lasso") && e.getMessage().contains("lambda1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CoordinateMethods.elasticNet(DATA, 0.1, -1, 1e-4));
        assertTrue(e.getMessage().contains("lambda2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CoordinateMethods.lasso(DATA, 0.1, Double.NaN));
        assertTrue(e.getMessage().contains("tolerance"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CoordinateMethods.lasso(null, 0.1, 1e-4));
        assertTrue(e.getMessage().contains("regression data are null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Minimize.with(CoordinateMethods.lasso(DATA, 0.1, 1e-4))
                .run(DATA.objective(), new double[3]));
        assertTrue(e.getMessage().contains("3 elements"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Minimize.with(CoordinateMethods.lasso(DATA, 0.1, 1e-4))
                .run((x, g) -> DATA.objective().valueAndGrad(x, g) * 2, new double[P]));
        assertTrue(e.getMessage().contains("run it on data.objective()"), e.getMessage());
    }

    /** A column of zeros leaves its coordinate at zero (no division by its zero curvature). */
    @Test
    void aZeroColumnStaysAtZero() {
        double[] a = {1, 0, 2, 0, 3, 0};
        Regression data = Regression.of(a, 3, 2, new double[] {1, 2, 3});
        Result r = Minimize.with(CoordinateMethods.lasso(data, 0.1, 0)).steps(100).run(data.objective(), new double[] {0, 5});
        assertEquals(Stop.Reason.STATIONARY, r.reason());
        // min |a x - y|^2 / 6 + 0.1 |x| with a = y = (1, 2, 3): x = 1 - 0.1 / (14 / 3).
        assertArrayEquals(new double[] {1 - 0.3 / 14, 0}, r.x(), 1e-15);
    }
}
