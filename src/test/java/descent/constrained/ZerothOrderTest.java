package descent.constrained;

import descent.optim.Minimize;
import descent.optim.Optimizers;
import descent.optim.Result;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZerothOrderTest {
    private static final double[] X = {0.1, 0.2, -0.3, 0.4, 0.0};

    private static double sines(double[] x) {
        double s = 0;
        for (double v : x) {
            s += Math.sin(v);
        }
        return s;
    }

    /** Mean and standard error of each coordinate of {@code draws} calls of the estimator at {@link #X}. */
    private static double[][] moments(ZerothOrder.Estimator e, int draws) {
        int n = X.length;
        double[] mean = new double[n];
        double[] sq = new double[n];
        double[] g = new double[n];
        for (int k = 0; k < draws; k++) {
            e.valueAndGrad(X, g);
            for (int i = 0; i < n; i++) {
                mean[i] += g[i] / draws;
                sq[i] += g[i] * g[i] / draws;
            }
        }
        double[] se = new double[n];
        for (int i = 0; i < n; i++) {
            se[i] = Math.sqrt((sq[i] - mean[i] * mean[i]) / draws);
        }
        return new double[][] {mean, se};
    }

    /**
     * For {@code f = sum_i sin(x_i)}, {@code E sin(x + mu u) = sin(x) exp(-mu^2 / 2)}, so the
     * smoothed gradient is {@code cos(x) exp(-mu^2 / 2)}: 12% below the true gradient at mu = 0.5,
     * which the test tells apart from it.
     */
    @Test
    void gaussianEstimatorIsUnbiasedForTheSmoothedGradient() {
        double mu = 0.5;
        ZerothOrder.Estimator e = ZerothOrder.gaussian(ZerothOrderTest::sines, mu, 1, 3);
        double[][] m = moments(e, 40000);
        for (int i = 0; i < X.length; i++) {
            double smoothed = Math.cos(X[i]) * Math.exp(-mu * mu / 2);
            assertEquals(smoothed, m[0][i], 4 * m[1][i], "coordinate " + i);
            assertTrue(Math.abs(Math.cos(X[i]) - m[0][i]) > 4 * m[1][i], "the mean is told apart from the unsmoothed gradient");
        }
        assertEquals(2 * 40000, e.evaluations());
    }

    /** For separable f and Rademacher directions, SPSA's mean is {@code cos(x_i) sin(c) / c}. */
    @Test
    void spsaIsUnbiasedForItsSmoothedGradient() {
        double c = 0.8;
        ZerothOrder.Estimator e = ZerothOrder.spsa(ZerothOrderTest::sines, c, 2, 5);
        double[][] m = moments(e, 40000);
        for (int i = 0; i < X.length; i++) {
            assertEquals(Math.cos(X[i]) * Math.sin(c) / c, m[0][i], 4 * m[1][i], "coordinate " + i);
        }
        assertEquals(5 * 40000, e.evaluations());
    }

    @Test
    void coordinateDifferencesMatchTheGradient() {
        ZerothOrder.Estimator e = ZerothOrder.coordinate(ZerothOrderTest::sines, 1e-5);
        double[] g = new double[5];
        assertEquals(sines(X), e.valueAndGrad(X, g), 0);
        for (int i = 0; i < 5; i++) {
            assertEquals(Math.cos(X[i]), g[i], 1e-10);
        }
        assertEquals(11, e.evaluations());
    }

    /** Adam runs on function values only through the estimator and finds the minimum of a 10-D quadratic. */
    @Test
    void firstOrderOptimizersRunOnFunctionValues() {
        ZerothOrder.Function f = x -> {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += (i + 1) * (x[i] - 1) * (x[i] - 1);
            }
            return s;
        };
        ZerothOrder.Estimator e = ZerothOrder.gaussian(f, 1e-4, 4, 11);
        Result r = Minimize.with(Optimizers.adam(0.02)).steps(3000).run(e, new double[10]);
        double[] ones = new double[10];
        java.util.Arrays.fill(ones, 1);
        assertArrayEquals(ones, r.x(), 0.05);
        assertTrue(f.value(r.x()) < 1e-2 * f.value(new double[10]));
        assertTrue(e.evaluations() >= 3000 * 5, "evaluations " + e.evaluations());
        // A projected method on the box [0, 0.5] through coordinate differences: the minimum is at the upper bound.
        Result boxed = Minimize.with(ConstrainedMethods.projectedGradient(Sets.box(0, 0.5), 1, 1e-6)).steps(200)
                .run(ZerothOrder.coordinate(f, 1e-6), new double[10]);
        double[] halves = new double[10];
        java.util.Arrays.fill(halves, 0.5);
        assertArrayEquals(halves, boxed.x(), 1e-9);
    }

    /** ZO-signSGD (Liu, Chen, Chen and Hero, 2019) is sign descent on the Gaussian estimator: it ends within a few steps of the minimum. */
    @Test
    void zerothOrderSignSgdComposesFromTheEstimator() {
        ZerothOrder.Function f = x -> {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += (1 + i % 3) * (x[i] - 1) * (x[i] - 1);
            }
            return s;
        };
        ZerothOrder.Estimator e = ZerothOrder.gaussian(f, 1e-4, 10, 13);
        Result r = Minimize.with(Optimizers.signSgd(1e-3)).steps(3000).run(e, new double[20]);
        for (double v : r.x()) {
            assertEquals(1, v, 5e-3);
        }
        assertEquals(3000 * 11 + 11, e.evaluations());
    }

    /** {@code f(x) = x'Hx / 2 + b'x} with a fixed symmetric H (eigenvalues 1 .. 10), and its gradient. */
    private static final int N = 8;

    private static double quadratic(double[] x) {
        double s = 0;
        for (int i = 0; i < N; i++) {
            s += (0.5 * (1 + 9.0 * i / (N - 1)) * x[i] + 0.3 * (i % 2 == 0 ? 1 : -1)) * x[i];
            if (i + 1 < N) {
                s += 0.2 * x[i] * x[i + 1];
            }
        }
        return s;
    }

    private static double[] quadraticGradient(double[] x) {
        double[] g = new double[N];
        for (int i = 0; i < N; i++) {
            g[i] = (1 + 9.0 * i / (N - 1)) * x[i] + 0.3 * (i % 2 == 0 ? 1 : -1);
            if (i + 1 < N) {
                g[i] += 0.2 * x[i + 1];
            }
            if (i > 0) {
                g[i] += 0.2 * x[i - 1];
            }
        }
        return g;
    }

    /**
     * On a quadratic the restart (central differences) is exact and the Gaussian differences of
     * the correction lose their mu^2 terms, so the estimate after one correction is unbiased for
     * the gradient itself: its mean is within 4 standard errors of it, and the standard error is
     * proportional to the step from the previous point (tenfold smaller for a tenfold shorter step).
     */
    @Test
    void spiderIsUnbiasedAndItsVarianceShrinksWithTheStep() {
        double[] y = {0.3, -0.2, 0.5, 0.1, -0.4, 0.2, 0.0, 0.6};
        double[] dir = {1, -2, 0.5, 1, 0, -1, 2, 0.5};
        double[] se = new double[2];
        for (int c = 0; c < 2; c++) {
            double h = c == 0 ? 0.1 : 0.01;
            double[] x = y.clone();
            for (int i = 0; i < N; i++) {
                x[i] += h * dir[i];
            }
            ZerothOrder.Estimator e = ZerothOrder.spider(ZerothOrderTest::quadratic, 1e-3, 1, 2, 17);
            int draws = 20000;
            double[] mean = new double[N];
            double[] sq = new double[N];
            double[] g = new double[N];
            for (int k = 0; k < draws; k++) {
                e.valueAndGrad(y, g);
                e.valueAndGrad(x, g);
                for (int i = 0; i < N; i++) {
                    mean[i] += g[i] / draws;
                    sq[i] += g[i] * g[i] / draws;
                }
            }
            double[] truth = quadraticGradient(x);
            for (int i = 0; i < N; i++) {
                double sei = Math.sqrt((sq[i] - mean[i] * mean[i]) / draws);
                assertEquals(truth[i], mean[i], 4 * sei + 1e-9, "coordinate " + i + " at step " + h);
                se[c] += sei;
            }
            assertEquals(draws * (2L * N + 1 + 3), e.evaluations());
        }
        assertEquals(10, se[0] / se[1], 0.5, "standard errors " + se[0] + ", " + se[1]);
    }

    /**
     * Gradient descent (lr 0.01) on the 8-D quadratic, every estimator given the same budget of
     * 12000 calls of f: with SPIDER (restart every 10 steps, one direction) the corrections shrink
     * with the steps and x ends within 1e-9 of the minimizer (measured 1e-12), while the two-point
     * Gaussian estimator with one direction, which buys 2.2 times as many steps, stalls at its
     * noise floor (measured 3e-4), and coordinate differences, exact but buying 0.26 times as
     * many steps, are still on their way (measured 4e-4).
     */
    @Test
    void spiderBeatsTheGaussianEstimatorAtEqualEvaluations() {
        double[] xstar = solve();
        long budget = 12000;
        double[] err = new double[3];
        ZerothOrder.Estimator[] es = {ZerothOrder.spider(ZerothOrderTest::quadratic, 1e-4, 1, 10, 5),
            ZerothOrder.gaussian(ZerothOrderTest::quadratic, 1e-4, 1, 5), ZerothOrder.coordinate(ZerothOrderTest::quadratic, 1e-4)};
        double[] perStep = {(2 * N + 1 + 9 * 3) / 10.0, 3 - 1, 2 * N + 1};
        for (int k = 0; k < 3; k++) {
            long steps = (long) (budget / perStep[k]);
            Result r = Minimize.with(Optimizers.sgd(0.01)).steps(steps).run(es[k], new double[N]);
            double d = 0;
            for (int i = 0; i < N; i++) {
                d = Math.max(d, Math.abs(r.x()[i] - xstar[i]));
            }
            err[k] = d;
            assertTrue(Math.abs(es[k].evaluations() - budget) <= 2 * N + 1, "evaluations " + es[k].evaluations());
        }
        assertTrue(err[0] <= 1e-9, "SPIDER: " + err[0]);
        assertTrue(err[1] >= 1e-5 && err[2] >= 1e-5, "Gaussian " + err[1] + ", coordinate " + err[2]);
    }

    /** The minimizer of the quadratic, by Gauss-Seidel sweeps on H x = -b. */
    private static double[] solve() {
        double[] x = new double[N];
        for (int sweep = 0; sweep < 2000; sweep++) {
            for (int i = 0; i < N; i++) {
                double r = -0.3 * (i % 2 == 0 ? 1 : -1);
                if (i + 1 < N) {
                    r -= 0.2 * x[i + 1];
                }
                if (i > 0) {
                    r -= 0.2 * x[i - 1];
                }
                x[i] = r / (1 + 9.0 * i / (N - 1));
            }
        }
        return x;
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ZerothOrder.gaussian(null, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> ZerothOrder.gaussian(ZerothOrderTest::sines, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> ZerothOrder.spsa(ZerothOrderTest::sines, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ZerothOrder.coordinate(ZerothOrderTest::sines, -1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZerothOrder.spider(ZerothOrderTest::sines, 1e-3, 1, 0, 0));
        assertTrue(e.getMessage().contains("period"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ZerothOrder.spider(ZerothOrderTest::sines, 1e-3, 0, 5, 0));
        assertTrue(e.getMessage().contains("samples"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ZerothOrder.spider(ZerothOrderTest::sines, Double.NaN, 1, 5, 0));
        assertTrue(e.getMessage().contains("mu"), e.getMessage());
    }
}
