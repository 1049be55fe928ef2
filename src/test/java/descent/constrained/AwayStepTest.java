package descent.constrained;

import descent.optim.History;
import descent.optim.Minimize;
import descent.optim.Result;
import descent.optim.Stop;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwayStepTest {
    /**
     * The simplex-constrained least squares of {@link FrankWolfeTest}, whose optimum lies on a face:
     * plain Frank–Wolfe with the same adaptive step still has a gap near 5e-5 after 20000
     * iterations there; with away steps the error falls linearly, by at least tenfold every 100
     * iterations, to rounding.
     */
    @Test
    void awayStepsConvergeLinearlyOnTheSimplex() {
        double[] truth = new double[30];
        truth[0] = 0.9;
        truth[3] = 0.6;
        truth[7] = -0.4;
        Quadratics q = Quadratics.random(50, 30, truth, 0.05, 9);
        Result ref = Minimize.with(ConstrainedMethods.projectedGradient(Sets.simplex(), 1, 1e-13)).steps(100000).run(q.objective(),
                new double[30]);
        Result r = Minimize.with(ConstrainedMethods.awayStepFrankWolfe(1, 1e-12)).steps(5000).run(q.objective(), new double[30]);
        assertEquals(Stop.Reason.STATIONARY, r.reason());
        assertArrayEquals(ref.x(), r.x(), 1e-8);
        History h = r.history();
        double f0 = h.loss(0) - ref.value();
        for (int k = 100; k < h.size(); k += 100) {
            double err = h.loss(k) - ref.value();
            double bound = f0 * Math.pow(0.1, k / 100.0);
            assertTrue(err <= Math.max(bound, 1e-13), "f - f* = " + err + " at " + k + ", linear bound " + bound);
        }
        assertTrue(h.size() < 1000, "iterations " + h.size());
        assertTrue(Sets.simplex().contains(r.x(), 1e-12));
    }

    /** Pairwise steps on the face-optimum problem above: the 27 drop steps then the optimum to 1e-8 within 100 iterations. */
    @Test
    void pairwiseStepsFindTheFaceOptimumQuickly() {
        double[] truth = new double[30];
        truth[0] = 0.9;
        truth[3] = 0.6;
        truth[7] = -0.4;
        Quadratics q = Quadratics.random(50, 30, truth, 0.05, 9);
        Result ref = Minimize.with(ConstrainedMethods.projectedGradient(Sets.simplex(), 1, 1e-13)).steps(100000).run(q.objective(),
                new double[30]);
        Result r = Minimize.with(ConstrainedMethods.pairwiseFrankWolfe(1, 1e-12)).steps(5000).run(q.objective(), new double[30]);
        assertEquals(Stop.Reason.STATIONARY, r.reason());
        assertArrayEquals(ref.x(), r.x(), 1e-8);
        assertTrue(r.history().size() < 100, "iterations " + r.history().size());
    }

    /**
     * Pairwise steps on a well-conditioned least squares whose optimum lies inside the simplex: a
     * least-squares line through log10(f - f*) over the iterations where the error is above 1e-12
     * has a slope of at most -0.1 per iteration (measured: -0.14) and every point lies within one
     * decade of it, as linear convergence means; the optimum is the projected-gradient one. The
     * gap is linear in the distance to an interior optimum while f - f* is quadratic, so once
     * f - f* is at rounding (1e-18 here) the gap stays near 1e-9: the run stops at a gap of 1e-8.
     */
    @Test
    void pairwiseStepsConvergeLinearlyOnTheSimplex() {
        double[] truth = new double[10];
        for (int i = 0; i < 10; i++) {
            truth[i] = 0.055 + 0.01 * i;
        }
        Quadratics q = Quadratics.random(50, 10, truth, 0.05, 9);
        Result ref = Minimize.with(ConstrainedMethods.projectedGradient(Sets.simplex(), 1, 1e-13)).steps(100000).run(q.objective(),
                new double[10]);
        Result r = Minimize.with(ConstrainedMethods.pairwiseFrankWolfe(1, 1e-8)).steps(5000).run(q.objective(), new double[10]);
        assertEquals(Stop.Reason.STATIONARY, r.reason());
        assertArrayEquals(ref.x(), r.x(), 1e-7);
        assertTrue(Sets.simplex().contains(r.x(), 1e-12));
        History h = r.history();
        int k = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        while (k < h.size() && h.loss(k) - ref.value() > 1e-12) {
            double y = Math.log10(h.loss(k) - ref.value());
            sx += k;
            sy += y;
            sxx += (double) k * k;
            sxy += k * y;
            k++;
        }
        assertTrue(k >= 20, "points above rounding: " + k);
        double slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
        double intercept = (sy - slope * sx) / k;
        assertTrue(slope <= -0.1, "slope of log10(f - f*) per iteration: " + slope);
        for (int i = 0; i < k; i++) {
            double residual = Math.log10(h.loss(i) - ref.value()) - (intercept + slope * i);
            assertTrue(Math.abs(residual) <= 1, "iteration " + i + " is " + residual + " decades off the line");
        }
        assertTrue(h.size() < 1000, "iterations " + h.size());
    }

    @Test
    void aResumedPairwiseRunContinuesBitForBit(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        double[] truth = new double[10];
        truth[1] = 0.7;
        truth[4] = 0.4;
        Quadratics q = Quadratics.random(30, 10, truth, 0.05, 4);
        java.nio.file.Path file = dir.resolve("pfw.ckpt");
        Result whole = Minimize.with(ConstrainedMethods.pairwiseFrankWolfe(1, 0)).steps(30).run(q.objective(), new double[10]);
        Minimize.with(ConstrainedMethods.pairwiseFrankWolfe(1, 0)).steps(12).checkpoint(file, 12).run(q.objective(), new double[10]);
        Result resumed = Minimize.with(ConstrainedMethods.pairwiseFrankWolfe(1, 0)).steps(30).resume(file).run(q.objective(),
                new double[10]);
        assertArrayEquals(whole.x(), resumed.x(), 0);
        assertArrayEquals(whole.history().measures(), resumed.history().measures(), 0);
        assertArrayEquals(whole.history().learningRates(), resumed.history().learningRates(), 0);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.pairwiseFrankWolfe(-1, 1e-8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.pairwiseFrankWolfe(1, Double.NaN));
        assertTrue(e.getMessage().contains("pairwiseFrankWolfe") && e.getMessage().contains("tolerance"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.awayStepFrankWolfe(0, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.awayStepFrankWolfe(1, -1));
    }
}
