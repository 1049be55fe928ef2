package descent.constrained;

import descent.coordinate.CoordinateMethods;
import descent.coordinate.Regression;
import descent.optim.History;
import descent.optim.Minimize;
import descent.optim.Objective;
import descent.optim.Result;
import descent.optim.Stop;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkingSetFistaTest {
    private static final int M = 200;
    private static final int P = 500;
    private static final Quadratics Q;
    private static final Regression DATA;
    private static final double LAMBDA_MAX;

    static {
        double[] truth = new double[P];
        Random r = new Random(42);
        for (int k = 0; k < 10; k++) {
            truth[r.nextInt(P)] = (r.nextBoolean() ? 1 : -1) * (1 + r.nextDouble());
        }
        Q = Quadratics.random(M, P, truth, 0.1, 43);
        DATA = Regression.of(Q.a, M, P, Q.b);
        double[] g = new double[P];
        Q.valueAndGrad(new double[P], g);
        double max = 0;
        for (double v : g) {
            max = Math.max(max, Math.abs(v));
        }
        LAMBDA_MAX = max;
    }

    private static double value(double[] x, double l1, double l2) {
        return Q.valueAndGrad(x, new double[P]) + Penalties.elasticNet(l1, l2).value(x);
    }

    /**
     * The duality gap at {@code x} computed from the row-major matrix, independently of the
     * method: {@code theta = s r / m} with {@code s = min(1, l1 / |A'r / m - l2 x|_inf)}.
     */
    private static double gap(double[] x, double l1, double l2) {
        double[] g = new double[P];
        double loss = Q.valueAndGrad(x, g);
        double[] r = Q.residual(x);
        double dual = 0;
        double xx = 0;
        for (int j = 0; j < P; j++) {
            dual = Math.max(dual, Math.abs(-g[j] - l2 * x[j]));
            xx += x[j] * x[j];
        }
        double s = Math.min(1, l1 / dual);
        double ry = 0;
        for (int i = 0; i < M; i++) {
            ry += -r[i] * Q.b[i];
        }
        double d = s * ry / M - s * s * (loss + 0.5 * l2 * xx);
        return value(x, l1, l2) - d;
    }

    private static double scale() {
        double yy = 0;
        for (double v : Q.b) {
            yy += v * v;
        }
        return yy / M;
    }

    @Test
    void lassoReachesTheCoordinateDescentOptimumWithItsSupportAndGap() {
        double lambda = 0.1 * LAMBDA_MAX;
        double[] reference = Q.lassoByCoordinateDescent(lambda, 1e-13);
        double optimum = value(reference, lambda, 0);
        Objective f = DATA.objective();
        Result r = Minimize.with(ConstrainedMethods.fista(DATA, Penalties.l1(lambda), 1e-12)).steps(200).run(f, new double[P]);
        assertEquals(Stop.Reason.STATIONARY, r.reason());
        assertEquals(optimum, r.value(), 1e-10 * optimum);
        assertEquals(optimum, value(r.x(), lambda, 0), 1e-10 * optimum);
        int support = 0;
        for (int j = 0; j < P; j++) {
            assertEquals(reference[j] != 0, r.x()[j] != 0, "support at " + j + ": " + reference[j] + " vs " + r.x()[j]);
            support += reference[j] != 0 ? 1 : 0;
        }
        assertTrue(support >= 5 && support <= 60, "support " + support);
        History h = r.history();
        double last = h.measure(h.size() - 1);
        double independent = gap(r.x(), lambda, 0);
        assertEquals(independent, last, 1e-12 * optimum);
        assertTrue(last <= 1e-12 * scale(), "gap " + last);
        assertTrue(independent >= r.value() - optimum - 1e-13 * optimum, "gap " + independent + " below the suboptimality " + (r.value() - optimum));
        for (int k = 0; k < h.size(); k++) {
            assertTrue(h.measure(k) >= 0, "gap " + k + ": " + h.measure(k));
        }
    }

    @Test
    void screeningNeverDiscardsAFeatureOfTheSupportOnAPathOfLambdas() {
        for (double fraction : new double[] {0.5, 0.1, 0.03, 0.01, 0.003, 0.001}) {
            double lambda = fraction * LAMBDA_MAX;
            Result cd = Minimize.with(CoordinateMethods.lasso(DATA, lambda, 0)).steps(100_000).run(DATA.objective(), new double[P]);
            double[] reference = cd.x();
            double optimum = value(reference, lambda, 0);
            Result r = Minimize.with(ConstrainedMethods.fista(DATA, Penalties.l1(lambda), 1e-12)).steps(500).run(DATA.objective(), new double[P]);
            String at = "lambda = " + fraction + " lambda_max";
            assertEquals(Stop.Reason.STATIONARY, r.reason(), at);
            assertEquals(optimum, r.value(), 1e-10 * optimum, at);
            WorkingSetFista.WsState st = r.state().find(WorkingSetFista.WsState.class);
            int screened = 0;
            int support = 0;
            for (int j = 0; j < P; j++) {
                support += reference[j] != 0 ? 1 : 0;
                if (st.screened[j] != 0) {
                    screened++;
                    assertEquals(0, reference[j], at + ": feature " + j + " screened out");
                }
                assertEquals(reference[j] != 0, r.x()[j] != 0, at + ": support at " + j + ": " + reference[j] + " vs " + r.x()[j]);
            }
            assertTrue(screened >= (P - support) / 2, at + ": only " + screened + " of " + (P - support) + " zeros screened");
            if (fraction == 0.001) {
                assertTrue(support >= 150, at + ": support " + support);
            }
            assertTrue(gap(r.x(), lambda, 0) <= 1e-12 * scale(), at + ": gap " + gap(r.x(), lambda, 0));
        }
    }

    @Test
    void elasticNetReachesTheCoordinateDescentOptimum() {
        double l1 = 0.05 * LAMBDA_MAX;
        double l2 = 0.5;
        Result cd = Minimize.with(CoordinateMethods.elasticNet(DATA, l1, l2, 0)).steps(100_000).run(DATA.objective(), new double[P]);
        double optimum = value(cd.x(), l1, l2);
        Result r = Minimize.with(ConstrainedMethods.fista(DATA, Penalties.elasticNet(l1, l2), 1e-12)).steps(200).run(DATA.objective(),
                new double[P]);
        assertEquals(Stop.Reason.STATIONARY, r.reason());
        assertEquals(optimum, r.value(), 1e-10 * optimum);
        for (int j = 0; j < P; j++) {
            assertEquals(cd.x()[j] != 0, r.x()[j] != 0, "support at " + j + ": " + cd.x()[j] + " vs " + r.x()[j]);
        }
        double last = r.history().measure(r.history().size() - 1);
        assertEquals(gap(r.x(), l1, l2), last, 1e-12 * optimum);
        assertTrue(last >= r.value() - optimum - 1e-13 * optimum);
    }

    @Test
    void aLooseToleranceStopsOnTheGapAndTheGapBoundsTheSuboptimality() {
        double lambda = 0.1 * LAMBDA_MAX;
        double optimum = value(Q.lassoByCoordinateDescent(lambda, 1e-13), lambda, 0);
        for (double tol : new double[] {1e-4, 1e-8}) {
            Result r = Minimize.with(ConstrainedMethods.fista(DATA, Penalties.l1(lambda), tol)).steps(200).run(DATA.objective(), new double[P]);
            double last = r.history().measure(r.history().size() - 1);
            assertEquals(Stop.Reason.STATIONARY, r.reason());
            assertTrue(last <= tol * scale(), "gap " + last);
            assertTrue(r.value() - optimum <= last, "suboptimality " + (r.value() - optimum) + " above the gap " + last);
            assertEquals(gap(r.x(), lambda, 0), last, 1e-12 * optimum);
        }
    }

    @Test
    void aboveLambdaMaxTheSolutionIsZeroAndAWarmStartReachesTheOptimum() {
        for (double fraction : new double[] {1.0001, 2}) {
            double[] start = new double[P];
            start[3] = 1;
            start[70] = -0.5;
            Result r = Minimize.with(ConstrainedMethods.fista(DATA, Penalties.l1(fraction * LAMBDA_MAX), 0)).steps(50).run(DATA.objective(),
                    start);
            assertEquals(Stop.Reason.STATIONARY, r.reason());
            assertEquals(0, java.util.Arrays.stream(r.x()).filter(v -> v != 0).count(), "lambda = " + fraction + " lambda_max");
            assertEquals(0.5 * scale(), r.value(), 1e-15 * scale());
        }
        double lambda = 0.03 * LAMBDA_MAX;
        double optimum = value(Q.lassoByCoordinateDescent(lambda, 1e-13), lambda, 0);
        double[] start = new double[P];
        for (int j = 0; j < P; j += 7) {
            start[j] = 0.1 * (j % 3 - 1);
        }
        Result r = Minimize.with(ConstrainedMethods.fista(DATA, Penalties.l1(lambda), 1e-12)).steps(200).run(DATA.objective(), start);
        assertEquals(Stop.Reason.STATIONARY, r.reason());
        assertEquals(optimum, r.value(), 1e-10 * optimum);
    }

    @Test
    void badInputIsRejectedWithTheOperationNamed() {
        Exception e = assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.fista(DATA, Penalties.groupLasso(1, 250, 250), 1e-8));
        assertTrue(e.getMessage().contains("fista(Regression)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.fista(DATA, Penalties.l1(0), 1e-8));
        assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.fista(null, Penalties.l1(1), 1e-8));
        assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.fista(DATA, Penalties.l1(1), -1));
        e = assertThrows(IllegalArgumentException.class, () -> Minimize.with(ConstrainedMethods.fista(DATA, Penalties.l1(1), 1e-8)).steps(10)
                .run(DATA.objective(), new double[P - 1]));
        assertTrue(e.getMessage().contains("499"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Minimize.with(ConstrainedMethods.fista(DATA, Penalties.l1(1), 1e-8)).steps(10)
                .run((x, g) -> 2 * Q.valueAndGrad(x, g), new double[P]));
        assertTrue(e.getMessage().contains("data.objective()"), e.getMessage());
    }
}
