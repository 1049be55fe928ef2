package descent.constrained;

import descent.optim.Minimize;
import descent.optim.Objective;
import descent.optim.Result;
import descent.optim.Stop;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProximalTest {
    private static double proxObjective(Penalty h, double[] z, double[] v, double t) {
        double d = 0;
        for (int i = 0; i < z.length; i++) {
            d += (z[i] - v[i]) * (z[i] - v[i]);
        }
        return h.value(z) + d / (2 * t);
    }

    /** The prox minimizes {@code h(z) + |z - v|^2 / (2t)}: no random nearby point, nor any coordinate move, does better. */
    @Test
    void proxOperatorsMinimizeTheirDefiningObjective() {
        Random r = new Random(17);
        Penalty[] hs = {Penalties.l1(0.7), Penalties.elasticNet(0.5, 2.0), Penalties.groupLasso(0.9, 3, 2, 4),
            Penalties.indicator(Sets.l1Ball(1.5)), Penalties.zero(), Penalties.nuclearNorm(3, 3, 0.7)};
        for (Penalty h : hs) {
            for (int trial = 0; trial < 30; trial++) {
                double[] v = new double[9];
                for (int i = 0; i < 9; i++) {
                    v[i] = 1.5 * r.nextGaussian();
                }
                double t = 0.1 + r.nextDouble();
                double[] z = v.clone();
                h.prox(z, t);
                double best = proxObjective(h, z, v, t);
                assertTrue(Double.isFinite(best), h.name());
                for (int k = 0; k < 200; k++) {
                    double[] w = z.clone();
                    double scale = k < 100 ? 1e-3 : 1e-1;
                    for (int i = 0; i < 9; i++) {
                        w[i] += scale * r.nextGaussian();
                    }
                    if (k % 2 == 0) {
                        w[r.nextInt(9)] = 0;
                    }
                    double other = proxObjective(h, w, v, t);
                    assertTrue(best <= other + 1e-12, h.name() + ": a point with " + other + " < " + best);
                }
            }
        }
    }

    /** Soft thresholding meets the subgradient condition {@code (v - z) / t in lambda d|z|} element by element. */
    @Test
    void l1ProxMeetsTheSubgradientCondition() {
        double lambda = 0.4;
        double t = 0.5;
        double[] v = {1.0, -0.1, 0.2, -3.0, 0.0};
        double[] z = v.clone();
        Penalties.l1(lambda).prox(z, t);
        assertArrayEquals(new double[] {0.8, 0, 0, -2.8, 0}, z, 1e-15);
        for (int i = 0; i < v.length; i++) {
            double s = (v[i] - z[i]) / t;
            if (z[i] != 0) {
                assertEquals(lambda * Math.signum(z[i]), s, 1e-15);
            } else {
                assertTrue(Math.abs(s) <= lambda);
            }
        }
    }

    /** Singular value thresholding of diag(2, 0.5, -1) by 0.7: singular values (2, 1, 0.5) become (1.3, 0.3, 0). */
    @Test
    void nuclearNormProxThresholdsSingularValues() {
        double[] v = {2, 0, 0, 0, 0.5, 0, 0, 0, -1};
        Penalties.nuclearNorm(3, 3, 1.4).prox(v, 0.5);
        assertArrayEquals(new double[] {1.3, 0, 0, 0, 0, 0, 0, 0, -0.3}, v, 1e-14);
        assertEquals(1.4 * 3.5, Penalties.nuclearNorm(3, 3, 1.4).value(new double[] {2, 0, 0, 0, 0.5, 0, 0, 0, -1}), 1e-14);
    }

    @Test
    void moreauEnvelopeGradientMatchesFiniteDifferences() {
        Penalty h = Penalties.groupLasso(0.6, 2, 3);
        double[] x = {0.3, -0.1, 1.0, 2.0, -0.5};
        double t = 0.7;
        double[] g = new double[5];
        double e = h.envelope(x, t, g);
        // For |x_g| <= t lambda the envelope of a group is |x_g|^2 / (2t), else lambda |x_g| - t lambda^2 / 2.
        double n1 = Math.hypot(0.3, -0.1);
        double n2 = Math.sqrt(1 + 4 + 0.25);
        assertEquals(n1 * n1 / (2 * t) + 0.6 * n2 - t * 0.36 / 2, e, 1e-14);
        double[] scratch = new double[5];
        for (int i = 0; i < 5; i++) {
            double[] p = x.clone();
            double[] m = x.clone();
            p[i] += 1e-6;
            m[i] -= 1e-6;
            double fd = (h.envelope(p, t, scratch) - h.envelope(m, t, scratch)) / 2e-6;
            assertEquals(fd, g[i], 1e-8);
        }
    }

    /** A lasso instance as issue-sized as the tests allow: n = 200 observations, p = 500 features, 10 nonzeros. */
    private static final class Lasso {
        final Quadratics q;
        final double lambda;
        final double[] reference;
        final double optimum;

        Lasso() {
            double[] truth = new double[500];
            Random r = new Random(42);
            for (int k = 0; k < 10; k++) {
                truth[r.nextInt(500)] = (r.nextBoolean() ? 1 : -1) * (1 + r.nextDouble());
            }
            q = Quadratics.random(200, 500, truth, 0.1, 43);
            double[] g = new double[500];
            q.valueAndGrad(new double[500], g);
            double max = 0;
            for (double v : g) {
                max = Math.max(max, Math.abs(v));
            }
            lambda = 0.1 * max;
            reference = q.lassoByCoordinateDescent(lambda, 1e-13);
            optimum = value(reference);
        }

        double value(double[] x) {
            return q.valueAndGrad(x, new double[500]) + Penalties.l1(lambda).value(x);
        }
    }

    private static final Lasso LASSO = new Lasso();

    private static void assertSupport(double[] expected, double[] x) {
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j] != 0, Math.abs(x[j]) > 1e-7, "support at " + j + ": " + expected[j] + " vs " + x[j]);
        }
    }

    @Test
    void lassoByIstaAndFistaReachesTheCoordinateDescentOptimum() {
        Lasso l = LASSO;
        // The reference meets the lasso's KKT conditions: |grad_j| <= lambda off the support, = -lambda sign(x_j) on it.
        double[] g = new double[500];
        l.q.valueAndGrad(l.reference, g);
        int support = 0;
        for (int j = 0; j < 500; j++) {
            if (l.reference[j] != 0) {
                assertEquals(-l.lambda * Math.signum(l.reference[j]), g[j], 1e-10);
                support++;
            } else {
                assertTrue(Math.abs(g[j]) <= l.lambda + 1e-12);
            }
        }
        assertTrue(support >= 5 && support <= 60, "support " + support);
        Objective f = l.q.objective();
        Result fista = Minimize.with(ConstrainedMethods.fista(Penalties.l1(l.lambda))).steps(5000).run(f, new double[500]);
        assertEquals(Stop.Reason.STATIONARY, fista.reason());
        assertEquals(l.optimum, fista.value(), 1e-10 * l.optimum);
        assertEquals(l.optimum, l.value(fista.x()), 1e-10 * l.optimum);
        assertSupport(l.reference, fista.x());
        Result ista = Minimize.with(ConstrainedMethods.proximalGradient(Penalties.l1(l.lambda))).steps(20000).run(f, new double[500]);
        assertEquals(Stop.Reason.STATIONARY, ista.reason());
        assertEquals(l.optimum, ista.value(), 1e-10 * l.optimum);
        assertSupport(l.reference, ista.x());
        assertTrue(fista.iterations() * 2 < ista.iterations(), "FISTA " + fista.iterations() + " vs ISTA " + ista.iterations());
    }

    @Test
    void lassoByAdmmReachesTheSameOptimum() {
        Lasso l = LASSO;
        for (double alpha : new double[] {1.0, 1.6}) {
            Result r = Minimize.with(ConstrainedMethods.admm(Penalties.l1(l.lambda),
                    descent.optim.Methods.lbfgs(20, descent.optim.LineSearch.strongWolfe(), 0, 0), 1, alpha, 1e-10, 500)).steps(2000)
                    .run(l.q.objective(), new double[500]);
            assertEquals(Stop.Reason.STATIONARY, r.reason(), "alpha " + alpha);
            assertEquals(l.optimum, l.value(r.x()), 1e-10 * l.optimum, "alpha " + alpha);
            assertSupport(l.reference, r.x());
        }
    }

    /**
     * With the fixed step 1/L, Beck and Teboulle's bounds hold at every iteration:
     * {@code F(x_k) - F* <= L |x0 - x*|^2 / (2k)} for ISTA and {@code <= 2 L |x0 - x*|^2 / (k + 1)^2} for FISTA.
     */
    @Test
    void fixedStepRatesMeetBeckTeboulleBounds() {
        Lasso l = LASSO;
        double lip = l.q.lipschitz();
        double r2 = Quadratics.dot(l.reference, l.reference);
        Objective f = l.q.objective();
        Result ista = Minimize.with(ConstrainedMethods.proximalGradient(Penalties.l1(l.lambda), 1 / lip, false, 0)).steps(300)
                .run(f, new double[500]);
        Result fista = Minimize.with(ConstrainedMethods.fista(Penalties.l1(l.lambda), 1 / lip, false, false, 0)).steps(300)
                .run(f, new double[500]);
        for (int k = 1; k < 300; k++) {
            double ei = ista.history().loss(k) - l.optimum;
            double ef = fista.history().loss(k) - l.optimum;
            assertTrue(ei <= lip * r2 / (2 * k) * (1 + 1e-12), "ISTA at " + k + ": " + ei);
            assertTrue(ef <= 2 * lip * r2 / ((k + 1.0) * (k + 1)) * (1 + 1e-12), "FISTA at " + k + ": " + ef);
        }
        // Before both reach the linear phase of this strongly convex restriction, FISTA is far ahead.
        double ei = ista.history().loss(30) - l.optimum;
        double ef = fista.history().loss(30) - l.optimum;
        assertTrue(ef < 0.02 * ei, "after 30 iterations FISTA " + ef + " vs ISTA " + ei);
    }

    @Test
    void indicatorPenaltyMakesProximalGradientAProjectedMethod() {
        double[] target = {3, -4, 12};
        Objective f = (x, g) -> {
            double v = 0;
            for (int i = 0; i < 3; i++) {
                g[i] = x[i] - target[i];
                v += g[i] * g[i] / 2;
            }
            return v;
        };
        Result r = Minimize.with(ConstrainedMethods.fista(Penalties.indicator(Sets.l2Ball(2)))).steps(2000).run(f,
                new double[] {5, 5, 5});
        assertArrayEquals(new double[] {6.0 / 13, -8.0 / 13, 24.0 / 13}, r.x(), 1e-8);
    }

    @Test
    void badPenaltiesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Penalties.l1(-1));
        assertThrows(IllegalArgumentException.class, () -> Penalties.elasticNet(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Penalties.groupLasso(1, 2, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Penalties.groupLasso(1, 2, 2).prox(new double[5], 1));
        assertTrue(e.getMessage().contains("5 elements") && e.getMessage().contains("cover 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.fista(null));
        assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.fista(Penalties.l1(1), 0, true, true, 1e-8));
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.admm(Penalties.l1(1),
                descent.optim.Methods.lbfgs(), 1, 2.0, 1e-8, 100));
        assertTrue(a.getMessage().contains("alpha") && a.getMessage().contains("(0, 2)"), a.getMessage());
    }
}
