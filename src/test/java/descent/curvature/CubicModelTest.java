package descent.curvature;

import descent.tensor.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cubic model's minimizer against closed forms (one dimension; the hard case of
 * {@code diag(1, -1)}), against the global optimality conditions on random indefinite matrices,
 * against the values of the model at random points, and the Krylov form against the dense one.
 */
class CubicModelTest {
    static double model(double[][] a, double[] g, double m, double[] h) {
        int n = g.length;
        double v = 0;
        double hh = 0;
        for (int i = 0; i < n; i++) {
            double ahi = 0;
            for (int j = 0; j < n; j++) {
                ahi += a[i][j] * h[j];
            }
            v += g[i] * h[i] + 0.5 * h[i] * ahi;
            hh += h[i] * h[i];
        }
        return v + m / 6 * Math.pow(hh, 1.5);
    }

    static double[][] randomSymmetric(int n, double shift, Rng rng) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = rng.nextGaussian() / Math.sqrt(n);
                a[i][j] = v;
                a[j][i] = v;
            }
            a[i][i] += shift;
        }
        return a;
    }

    @Test
    void oneDimensionMatchesTheClosedForm() {
        // m(h) = g h + a/2 h^2 + M/6 |h|^3: h = -sign(g) r, (M/2) r^2 + a r - |g| = 0
        double[][] cases = {{3, 2, 1}, {-0.5, -4, 3}, {2, 0, 0.1}, {1e-3, 5, 10}};
        for (double[] c : cases) {
            double g = c[0];
            double a = c[1];
            double m = c[2];
            double r = (-a + Math.sqrt(a * a + 2 * m * Math.abs(g))) / m;
            CubicModel.Solution s = CubicModel.dense(Eigen.symmetric(new double[][] {{a}}), new double[] {g}).minimize(m);
            assertEquals(-Math.signum(g) * r, s.step()[0], 1e-13 * Math.max(1, r));
            assertEquals(m / 2 * r, s.multiplier(), 1e-12 * Math.max(1, m * r));
        }
    }

    @Test
    void theHardCaseStepsAlongTheNegativeCurvature() {
        // A = diag(1, -1), g = (1, 0), M = 2: lambda = 1, h_x = -1/2, |h| = 1, so h_y = +-sqrt(3)/2
        double[][] a = {{1, 0}, {0, -1}};
        CubicModel.Solution s = CubicModel.dense(Eigen.symmetric(a), new double[] {1, 0}).minimize(2);
        assertTrue(s.hardCase());
        assertEquals(1, s.multiplier(), 1e-14);
        assertEquals(-0.5, s.step()[0], 1e-14);
        assertEquals(Math.sqrt(3) / 2, Math.abs(s.step()[1]), 1e-14);
        assertEquals(model(a, new double[] {1, 0}, 2, s.step()), s.value(), 1e-14);
        // at a saddle (g = 0) the step has length -2 mu_min / M along the eigenvector
        s = CubicModel.dense(Eigen.symmetric(a), new double[] {0, 0}).minimize(4);
        assertEquals(0, s.step()[0], 1e-15);
        assertEquals(0.5, Math.abs(s.step()[1]), 1e-14);
        assertTrue(s.value() < 0);
        // the Krylov space of g = e_x never sees e_y: its step is the 1-D one, with lambda = 0.5 (|h| = 1/2 + ... solved exactly)
        CubicModel.Solution k = CubicModel.krylov(Operator.dense(a), new double[] {1, 0}, 0, 10).minimize(2);
        assertFalse(k.hardCase());
        assertEquals(0, k.step()[1], 0);
        assertEquals(-(-1 + Math.sqrt(1 + 4)) / 2, k.step()[0], 1e-14);
    }

    @Test
    void denseSolutionsSatisfyTheGlobalOptimalityConditions() {
        Rng rng = new Rng(11);
        for (int trial = 0; trial < 20; trial++) {
            int n = 12;
            double[][] a = randomSymmetric(n, trial % 2 == 0 ? -0.8 : 0.5, rng);
            double[] g = Eigen.gaussian(n, rng);
            double m = 0.1 + 5 * trial / 20.0;
            Eigen.Pairs e = Eigen.symmetric(a);
            CubicModel.Solution s = CubicModel.dense(e, g).minimize(m);
            double[] h = s.step();
            double r = Krylov.norm(h);
            double lambda = s.multiplier();
            assertEquals(m / 2 * r, lambda, 1e-12 * Math.max(1, lambda));
            assertTrue(e.values()[n - 1] + lambda >= -1e-12, "A + lambda I must be positive semidefinite");
            for (int i = 0; i < n; i++) {
                double res = g[i] + lambda * h[i];
                for (int j = 0; j < n; j++) {
                    res += a[i][j] * h[j];
                }
                assertEquals(0, res, 1e-9 * Math.max(1, Krylov.norm(g)), "stationarity at row " + i);
            }
            double best = model(a, g, m, h);
            assertEquals(best, s.value(), 1e-12 * Math.max(1, Math.abs(best)));
            for (int p = 0; p < 200; p++) {
                double[] y = h.clone();
                double scale = p < 100 ? 1e-3 : 1;
                for (int i = 0; i < n; i++) {
                    y[i] += scale * rng.nextGaussian();
                }
                assertTrue(model(a, g, m, y) >= best - 1e-12, "a random point beats the minimizer");
            }
        }
    }

    @Test
    void krylovMatchesDenseOnA100DimensionalIndefiniteMatrix() {
        Rng rng = new Rng(5);
        int n = 100;
        double[][] a = randomSymmetric(n, 0.3, rng);
        double[] g = Eigen.gaussian(n, rng);
        for (double m : new double[] {0.05, 1, 20}) {
            CubicModel.Solution d = CubicModel.dense(Eigen.symmetric(a), g).minimize(m);
            CubicModel krylov = CubicModel.krylov(Operator.dense(a), g, 1e-10, n);
            CubicModel.Solution k = krylov.minimize(m);
            assertTrue(k.residual() <= 1e-10 * Krylov.norm(g), "residual " + k.residual());
            assertTrue(krylov.products() < n, "Krylov used " + krylov.products() + " products");
            for (int i = 0; i < n; i++) {
                assertEquals(d.step()[i], k.step()[i], 1e-8, "element " + i + " at M = " + m);
            }
            assertEquals(d.value(), k.value(), 1e-10 * Math.abs(d.value()));
        }
    }

    @Test
    void badInputIsRejected() {
        Eigen.Pairs e = Eigen.symmetric(new double[][] {{1, 0}, {0, 2}});
        assertThrows(IllegalArgumentException.class, () -> CubicModel.dense(e, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> CubicModel.dense(e, new double[] {1, Double.NaN}));
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> CubicModel.dense(e, new double[] {1, 1}).minimize(0));
        assertTrue(x.getMessage().contains("regularization M"), x.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Eigen.symmetric(new double[][] {{1, 2}}));
    }
}
