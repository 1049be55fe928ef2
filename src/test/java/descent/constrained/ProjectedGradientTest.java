package descent.constrained;

import descent.optim.Bounds;
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

class ProjectedGradientTest {
    /** {@code 1/2 x'Qx + c'x} with a random positive definite Q (condition number about 100). */
    private static Objective quadratic(int n, long seed, double[] c) {
        Random r = new Random(seed);
        double[] m = new double[n * n];
        for (int i = 0; i < m.length; i++) {
            m[i] = r.nextGaussian();
        }
        double[] q = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? 0.1 : 0;
                for (int k = 0; k < n; k++) {
                    s += m[k * n + i] * m[k * n + j] / n;
                }
                q[i * n + j] = s;
            }
        }
        for (int i = 0; i < n; i++) {
            c[i] = r.nextGaussian();
        }
        return (x, g) -> {
            double v = 0;
            for (int i = 0; i < n; i++) {
                double s = c[i];
                for (int j = 0; j < n; j++) {
                    s += q[i * n + j] * x[j];
                }
                g[i] = s;
                v += x[i] * (s + c[i]) / 2;
            }
            return v;
        };
    }

    @Test
    void boxQpMatchesLbfgsbAndMeetsKkt() {
        int n = 12;
        double[] c = new double[n];
        Objective f = quadratic(n, 1, c);
        Result r = Minimize.with(ConstrainedMethods.projectedGradient(Sets.box(0, 1))).steps(20000).run(f, new double[n]);
        assertEquals(Stop.Reason.STATIONARY, r.reason());
        double[] x = r.x();
        double[] g = new double[n];
        f.valueAndGrad(x, g);
        int active = 0;
        for (int i = 0; i < n; i++) {
            if (x[i] <= 1e-12) {
                assertTrue(g[i] >= -1e-8, "g_" + i + " = " + g[i] + " at the lower bound");
                active++;
            } else if (x[i] >= 1 - 1e-12) {
                assertTrue(g[i] <= 1e-8, "g_" + i + " = " + g[i] + " at the upper bound");
                active++;
            } else {
                assertEquals(0, g[i], 1e-7, "g_" + i + " in the interior");
            }
        }
        assertTrue(active > 0 && active < n, "a test of bounds needs active and free elements, got " + active + " active");
        Result ref = Minimize.with(Methods.lbfgsb(10, 0, 1e-12, 20)).bounds(Bounds.box(n, 0, 1)).steps(10000).run(f, new double[n]);
        assertArrayEquals(ref.x(), x, 1e-7);
    }

    @Test
    void simplexQpMeetsKkt() {
        int n = 15;
        double[] c = new double[n];
        Objective f = quadratic(n, 2, c);
        Result r = Minimize.with(ConstrainedMethods.projectedGradient(Sets.simplex())).steps(20000).run(f, new double[n]);
        assertEquals(Stop.Reason.STATIONARY, r.reason());
        double[] x = r.x();
        double[] g = new double[n];
        f.valueAndGrad(x, g);
        // KKT on the simplex: g_i = mu where x_i > 0 and g_i >= mu where x_i = 0.
        double mu = Double.NaN;
        int support = 0;
        for (int i = 0; i < n; i++) {
            if (x[i] > 1e-10) {
                if (Double.isNaN(mu)) {
                    mu = g[i];
                }
                assertEquals(mu, g[i], 1e-7);
                support++;
            }
        }
        for (int i = 0; i < n; i++) {
            if (x[i] <= 1e-10) {
                assertTrue(g[i] >= mu - 1e-7);
            }
        }
        assertTrue(support > 1 && support < n, "support " + support);
        assertTrue(Sets.simplex().contains(x, 1e-12));
    }

    @Test
    void ballConstrainedDistanceIsTheProjection() {
        double[] target = {3, -4, 12};
        Objective f = (x, g) -> {
            double v = 0;
            for (int i = 0; i < 3; i++) {
                g[i] = x[i] - target[i];
                v += g[i] * g[i] / 2;
            }
            return v;
        };
        Result r = Minimize.with(ConstrainedMethods.projectedGradient(Sets.l2Ball(2), 1, 1e-13)).run(f, new double[] {5, 5, 5});
        assertArrayEquals(new double[] {6.0 / 13, -8.0 / 13, 24.0 / 13}, r.x(), 1e-12);
        assertTrue(r.history().measure(r.history().size() - 1) <= 1e-13);
    }

    @Test
    void aStartOutsideTheSetIsProjectedAndTheHistoryRecordsTheMeasure() {
        Objective f = (x, g) -> {
            g[0] = 2 * (x[0] - 3);
            g[1] = 2 * x[1];
            return (x[0] - 3) * (x[0] - 3) + x[1] * x[1];
        };
        Result r = Minimize.with(ConstrainedMethods.projectedGradient(Sets.box(-1, 1))).run(f, new double[] {10, 10});
        assertEquals(4 + 1, r.history().loss(0), 1e-15, "the first entry is at the projected start (1, 1)");
        assertArrayEquals(new double[] {1, 0}, r.x(), 1e-9);
        assertTrue(r.history().measure(0) > 0);
        for (int k = 1; k < r.history().size(); k++) {
            assertTrue(r.history().loss(k) <= r.history().loss(k - 1), "projected gradient with Armijo is monotone");
        }
    }

    @Test
    void aResumedRunContinuesBitForBitWithItsMeasures(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        int n = 12;
        double[] c = new double[n];
        Objective f = quadratic(n, 1, c);
        java.nio.file.Path file = dir.resolve("pg.ckpt");
        Result whole = Minimize.with(ConstrainedMethods.projectedGradient(Sets.simplex(), 1, 0)).steps(30).run(f, new double[n]);
        Minimize.with(ConstrainedMethods.projectedGradient(Sets.simplex(), 1, 0)).steps(12).checkpoint(file, 12).run(f, new double[n]);
        Result resumed = Minimize.with(ConstrainedMethods.projectedGradient(Sets.simplex(), 1, 0)).steps(30).resume(file)
                .run(f, new double[n]);
        assertArrayEquals(whole.x(), resumed.x(), 0);
        assertArrayEquals(whole.history().measures(), resumed.history().measures(), 0);
        assertArrayEquals(whole.history().losses(), resumed.history().losses(), 0);
        assertTrue(whole.history().measure(20) > 0);
    }

    @Test
    void badInputIsRefused() {
        Objective f = (x, g) -> {
            g[0] = 2 * x[0];
            return x[0] * x[0];
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Minimize.with(ConstrainedMethods.projectedGradient(Sets.box(new double[] {0, 0}, new double[] {1, 1}))).run(f,
                        new double[] {3}));
        assertTrue(e.getMessage().contains("1 elements") && e.getMessage().contains("dimension 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Minimize.with(ConstrainedMethods.projectedGradient(Sets.box(0, 1))).bounds(Bounds.box(1, 0, 1)).run(f,
                        new double[] {3}));
        assertTrue(e.getMessage().contains("does not handle bounds"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.projectedGradient(null));
        assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.projectedGradient(Sets.box(0, 1), -1, 1e-8));
        Objective throwing = (x, g) -> {
            throw new IllegalStateException("model failed");
        };
        IllegalStateException t = assertThrows(IllegalStateException.class,
                () -> Minimize.with(ConstrainedMethods.projectedGradient(Sets.box(0, 1))).run(throwing, new double[] {0.5}));
        assertEquals("model failed", t.getMessage());
    }
}
