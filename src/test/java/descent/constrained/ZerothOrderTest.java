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

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ZerothOrder.gaussian(null, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> ZerothOrder.gaussian(ZerothOrderTest::sines, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> ZerothOrder.spsa(ZerothOrderTest::sines, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ZerothOrder.coordinate(ZerothOrderTest::sines, -1));
    }
}
