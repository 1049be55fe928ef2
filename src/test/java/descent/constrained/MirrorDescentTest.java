package descent.constrained;

import descent.optim.History;
import descent.optim.LineSearch;
import descent.optim.Methods;
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

class MirrorDescentTest {
    private static final double[] W = {0.5, 1, 2, 4, 8};
    private static final double[] LO = {-1, -0.2, 0, -2, -0.5};
    private static final double[] HI = {1, 0.3, 2, 0, 0.5};

    private static MirrorMap[] maps() {
        return new MirrorMap[] {MirrorMaps.entropy(1), MirrorMaps.entropy(2.5), MirrorMaps.euclidean(), MirrorMaps.euclidean(Sets.l1Ball(1)),
            MirrorMaps.pNorm(1.5), MirrorMaps.pNorm(1 + 1 / Math.log(5)), MirrorMaps.pNorm(2), MirrorMaps.weighted(W),
            MirrorMaps.weighted(W, LO, HI)};
    }

    /** A random point of the map's domain (in the relative interior for the entropy). */
    private static double[] point(MirrorMap map, Random r) {
        double[] x = new double[5];
        for (int i = 0; i < 5; i++) {
            x[i] = map instanceof EntropyMap ? 0.05 + r.nextDouble() : 2 * r.nextGaussian();
        }
        if (map.domain() != null) {
            map.domain().project(x);
        }
        return x;
    }

    private static double model(MirrorMap map, double[] g, double eta, double[] x, double[] y) {
        return Quadratics.dot(g, y) + map.divergence(y, x) / eta;
    }

    /**
     * The step is the minimizer it claims to be: {@code <g, y> + D(y, x) / eta} at the step is no
     * larger than at 200 other points of the domain (random ones and small perturbations of the
     * step), and the divergence vanishes on the diagonal and is positive off it (random points of
     * the l1 ball often project onto the same vertex). The two are
     * implemented separately, so each checks the other.
     */
    @Test
    void theStepMinimizesTheLinearizationPlusTheDivergence() {
        Random r = new Random(4);
        for (MirrorMap map : maps()) {
            for (int trial = 0; trial < 20; trial++) {
                double[] x = point(map, r);
                double[] g = new double[5];
                for (int i = 0; i < 5; i++) {
                    g[i] = r.nextGaussian();
                }
                double eta = 0.1 + r.nextDouble();
                double[] next = new double[5];
                map.step(x, g, eta, next);
                if (map.domain() != null) {
                    assertTrue(map.domain().contains(next, 1e-12), map.name());
                }
                assertEquals(0, map.divergence(x, x), 1e-12, map.name());
                double best = model(map, g, eta, x, next);
                for (int k = 0; k < 200; k++) {
                    double[] y;
                    if (k % 2 == 0) {
                        y = point(map, r);
                    } else {
                        y = next.clone();
                        for (int i = 0; i < 5; i++) {
                            y[i] += 1e-3 * r.nextGaussian();
                        }
                        if (map.domain() != null) {
                            map.domain().project(y);
                        }
                    }
                    if (map instanceof EntropyMap) {
                        for (double yi : y) {
                            assertTrue(yi >= 0);
                        }
                    }
                    boolean same = true;
                    for (int i = 0; i < 5; i++) {
                        same &= x[i] == y[i];
                    }
                    assertTrue(same ? map.divergence(y, x) == 0 : map.divergence(y, x) > 0, map.name());
                    assertTrue(best <= model(map, g, eta, x, y) + 1e-12, map.name() + ": step " + best + " vs " + model(map, g, eta, x, y));
                }
            }
        }
    }

    /** With p = 2 the p-norm map is the Euclidean one, and the weighted map with unit weights too. */
    @Test
    void specialCasesAgree() {
        Random r = new Random(2);
        double[] x = {0.3, -1.2, 2, 0, 0.7};
        double[] g = {1, 0.5, -0.25, 3, -2};
        double[] a = new double[5];
        double[] b = new double[5];
        double[] c = new double[5];
        MirrorMaps.pNorm(2).step(x, g, 0.4, a);
        MirrorMaps.euclidean().step(x, g, 0.4, b);
        MirrorMaps.weighted(new double[] {1, 1, 1, 1, 1}).step(x, g, 0.4, c);
        assertArrayEquals(b, a, 1e-14);
        assertArrayEquals(b, c, 0);
        assertEquals(-1.2 - 0.4 * 0.5, b[1], 0);
        double[] y = {r.nextGaussian(), r.nextGaussian(), 0, 1, 2};
        assertEquals(MirrorMaps.euclidean().divergence(y, x), MirrorMaps.pNorm(2).divergence(y, x), 1e-13);
    }

    @Test
    void exponentiatedGradientIsMirrorDescentWithTheEntropy() {
        Quadratics q = Quadratics.random(40, 8, new double[] {0.3, 0.1, 0, 0.2, 0, 0.4, 0, 0}, 0.05, 2);
        double[] x0 = new double[8];
        java.util.Arrays.fill(x0, 0.125);
        Result eg = Minimize.with(ConstrainedMethods.exponentiatedGradient(1, 0.3, 1e-10)).steps(300).run(q.objective(), x0);
        Result md = Minimize.with(ConstrainedMethods.mirrorDescent(MirrorMaps.entropy(1), 0.3, 1e-10)).steps(300).run(q.objective(), x0);
        assertArrayEquals(eg.history().losses(), md.history().losses(), 0);
        assertArrayEquals(eg.history().measures(), md.history().measures(), 0);
        assertArrayEquals(eg.x(), md.x(), 0);
    }

    /**
     * The rate {@code f(x_k) - f* <= L D(x*, x_0) / k} at {@code eta = 1/L} for the entropy on the
     * simplex (f is L-smooth relative to it with L the largest |entry| of A'A/m, by Pinsker) and
     * for the Euclidean map on a box (L the largest eigenvalue), at every iteration, with monotone
     * descent, ending at the projected-gradient optimum.
     */
    @Test
    void relativeSmoothnessRate() {
        double[] truth = new double[12];
        truth[1] = 0.8;
        truth[5] = 0.5;
        truth[8] = -0.3;
        Quadratics q = Quadratics.random(60, 12, truth, 0.05, 6);
        double lInf = 0;
        for (int j = 0; j < 12; j++) {
            for (int k = 0; k < 12; k++) {
                double h = 0;
                for (int i = 0; i < 60; i++) {
                    h += q.a[i * 12 + j] * q.a[i * 12 + k] / 60;
                }
                lInf = Math.max(lInf, Math.abs(h));
            }
        }
        double[] uniform = new double[12];
        java.util.Arrays.fill(uniform, 1.0 / 12);
        check(q, MirrorMaps.entropy(1), Sets.simplex(), lInf, uniform);
        check(q, MirrorMaps.euclidean(Sets.box(-0.3, 0.3)), Sets.box(-0.3, 0.3), q.lipschitz(), new double[12]);
    }

    private static void check(Quadratics q, MirrorMap map, ConvexSet set, double l, double[] x0) {
        Result ref = Minimize.with(ConstrainedMethods.projectedGradient(set, 1, 1e-13)).steps(100000).run(q.objective(), x0);
        Result r = Minimize.with(ConstrainedMethods.mirrorDescent(map, 1 / l, 0)).steps(3000).run(q.objective(), x0);
        History h = r.history();
        double d0 = map.divergence(ref.x(), x0);
        for (int k = 1; k < h.size(); k++) {
            assertTrue(h.loss(k) <= h.loss(k - 1) + 1e-15, map.name() + ": descent at " + k);
            assertTrue(h.loss(k) - ref.value() <= l * d0 / k + 1e-15, map.name() + " at " + k + ": " + (h.loss(k) - ref.value())
                    + " > " + l * d0 / k);
        }
        assertArrayEquals(ref.x(), r.x(), 1e-6, map.name());
    }

    /** The p-norm map with p = 1 + 1/log n and the Jacobi-weighted map on a box reach the optima found by L-BFGS and projected gradient. */
    @Test
    void pNormAndWeightedMapsConverge() {
        double[] truth = new double[20];
        truth[2] = 1.5;
        truth[11] = -2;
        Quadratics q = Quadratics.random(80, 20, truth, 0.1, 8);
        Result ref = Minimize.with(Methods.lbfgs(20, LineSearch.strongWolfe(), 0, 0)).steps(1000).stopWhen(Stop.gradientNorm(1e-13))
                .run(q.objective(), new double[20]);
        double p = 1 + 1 / Math.log(20);
        Result r = Minimize.with(ConstrainedMethods.mirrorDescent(MirrorMaps.pNorm(p), 0.2 / q.lipschitz(), 1e-10)).steps(200000)
                .run(q.objective(), new double[20]);
        assertEquals(Stop.Reason.STATIONARY, r.reason());
        assertArrayEquals(ref.x(), r.x(), 1e-8);

        double[] w = new double[20];
        for (int j = 0; j < 20; j++) {
            for (int i = 0; i < 80; i++) {
                w[j] += q.a[i * 20 + j] * q.a[i * 20 + j] / 80;
            }
        }
        double[] lo = new double[20];
        double[] hi = new double[20];
        java.util.Arrays.fill(lo, -1);
        java.util.Arrays.fill(hi, 1);
        Result boxRef = Minimize.with(ConstrainedMethods.projectedGradient(Sets.box(lo, hi), 1, 1e-13)).steps(100000).run(q.objective(),
                new double[20]);
        Result weighted = Minimize.with(ConstrainedMethods.mirrorDescent(MirrorMaps.weighted(w, lo, hi), 0.5, 1e-11)).steps(100000)
                .run(q.objective(), new double[20]);
        assertEquals(Stop.Reason.STATIONARY, weighted.reason());
        assertArrayEquals(boxRef.x(), weighted.x(), 1e-8);
        assertEquals(-1, weighted.x()[11], 0, "the bound is active");
    }

    @Test
    void aResumedRunContinuesBitForBit(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Quadratics q = Quadratics.random(40, 8, new double[] {0.3, 0.1, 0, 0.2, 0, 0.4, 0, 0}, 0.05, 2);
        java.nio.file.Path file = dir.resolve("md.ckpt");
        Result whole = Minimize.with(ConstrainedMethods.mirrorDescent(MirrorMaps.pNorm(1.5), 0.05, 0)).steps(40).run(q.objective(),
                new double[8]);
        Minimize.with(ConstrainedMethods.mirrorDescent(MirrorMaps.pNorm(1.5), 0.05, 0)).steps(15).checkpoint(file, 15).run(q.objective(),
                new double[8]);
        Result resumed = Minimize.with(ConstrainedMethods.mirrorDescent(MirrorMaps.pNorm(1.5), 0.05, 0)).steps(40).resume(file)
                .run(q.objective(), new double[8]);
        assertArrayEquals(whole.x(), resumed.x(), 0);
        assertArrayEquals(whole.history().measures(), resumed.history().measures(), 0);
    }

    @Test
    void badInputGetsClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MirrorMaps.pNorm(1));
        assertTrue(e.getMessage().contains("p must be in (1, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MirrorMaps.pNorm(Double.NaN));
        e = assertThrows(IllegalArgumentException.class, () -> MirrorMaps.weighted(new double[] {1, 0}));
        assertTrue(e.getMessage().contains("w[1] must be > 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MirrorMaps.weighted(new double[] {1, 1}, new double[] {0}, new double[] {1}));
        assertTrue(e.getMessage().contains("2 weights"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MirrorMaps.weighted(new double[] {1}, new double[] {1}, new double[] {0}));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.mirrorDescent(null, 1, 0));
        assertTrue(e.getMessage().contains("mirror map"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.mirrorDescent(MirrorMaps.euclidean(), -1, 0));
        assertTrue(e.getMessage().contains("eta"), e.getMessage());
        Objective f = (x, g) -> {
            g[0] = 2 * x[0];
            g[1] = 0;
            return x[0] * x[0];
        };
        e = assertThrows(IllegalArgumentException.class,
                () -> Minimize.with(ConstrainedMethods.mirrorDescent(MirrorMaps.weighted(new double[] {1, 1, 1}), 0.1, 0)).run(f,
                        new double[] {1, 1}));
        assertTrue(e.getMessage().contains("2 elements for 3 weights"), e.getMessage());
        Objective throwing = (x, g) -> {
            throw new ArithmeticException("model failed");
        };
        ArithmeticException t = assertThrows(ArithmeticException.class,
                () -> Minimize.with(ConstrainedMethods.mirrorDescent(MirrorMaps.pNorm(1.5), 0.1, 0)).run(throwing, new double[] {1, 1}));
        assertEquals("model failed", t.getMessage());
    }
}
