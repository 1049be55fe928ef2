package descent.constrained;

import descent.optim.History;
import descent.optim.Minimize;
import descent.optim.Objective;
import descent.optim.Result;
import descent.optim.Stop;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrankWolfeTest {
    /** Least squares over the simplex in 30 dimensions, with a solution on a face of the simplex. */
    private static final Quadratics Q;
    private static final double OPTIMUM;

    static {
        double[] truth = new double[30];
        truth[0] = 0.9;
        truth[3] = 0.6;
        truth[7] = -0.4;
        Q = Quadratics.random(50, 30, truth, 0.05, 9);
        Result ref = Minimize.with(ConstrainedMethods.projectedGradient(Sets.simplex(), 1, 1e-13)).steps(100000).run(Q.objective(),
                new double[30]);
        OPTIMUM = ref.value();
    }

    private static double slope(double[] ks, double[] ys) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < ks.length; i++) {
            mx += Math.log(ks[i]) / ks.length;
            my += Math.log(ys[i]) / ks.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < ks.length; i++) {
            double dx = Math.log(ks[i]) - mx;
            sxy += dx * (Math.log(ys[i]) - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }

    @Test
    void openLoopMeetsJaggisBound() {
        double lip = Q.lipschitz();
        int steps = 4000;
        Result r = Minimize.with(ConstrainedMethods.frankWolfe(Sets.simplex(), ConstrainedMethods.FwStep.OPEN_LOOP, 1, 0)).steps(steps)
                .run(Q.objective(), new double[30]);
        History h = r.history();
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < steps; k++) {
            double err = h.loss(k) - OPTIMUM;
            // Jaggi (2013), Theorem 1 with C_f <= L diam^2 and diam^2 = 2 for the simplex.
            assertTrue(err <= 2 * lip * 2 / (k + 2), "f - f* = " + err + " at " + k);
            assertTrue(h.measure(k) >= err - 1e-12, "the gap bounds f - f* from above at " + k);
            best = Math.min(best, h.measure(k));
            // Jaggi's Theorem 2: the smallest gap so far is at most 2 beta C_f / (k + 2), beta = 27 / 8.
            if (k >= 1) {
                assertTrue(best <= 2 * 27.0 / 8 * lip * 2 / (k + 2), "min gap " + best + " at " + k);
            }
        }
    }

    /**
     * With the optimum inside a face of the simplex, Frank–Wolfe with an exact line search zigzags
     * and its gap falls as 1/t, not faster (Wolfe, 1970; Canon and Cullum, 1968): the slope of
     * log(gap) against log(t) is -1.
     */
    @Test
    void adaptiveStepGapFallsAsOneOverT() {
        Result r = Minimize.with(ConstrainedMethods.frankWolfe(Sets.simplex(), ConstrainedMethods.FwStep.ADAPTIVE, 1, 0))
                .steps(20000).run(Q.objective(), new double[30]);
        History h = r.history();
        double[] ks = new double[20];
        double[] gaps = new double[20];
        for (int i = 0; i < 20; i++) {
            int k = 1000 * (i + 1) - 1;
            ks[i] = k;
            double best = Double.POSITIVE_INFINITY;
            for (int j = k - 50; j <= k; j++) {
                best = Math.min(best, h.measure(j));
            }
            gaps[i] = best;
            assertTrue(h.loss(k) - OPTIMUM <= h.measure(k) + 1e-15);
        }
        double s = slope(ks, gaps);
        assertEquals(-1, s, 0.1, "slope of log(gap) against log(t) on [1000, 20000]");
        for (int k = 1; k < h.size(); k++) {
            assertTrue(h.loss(k) <= h.loss(k - 1) + 1e-15, "the adaptive step decreases f at " + k);
        }
    }

    @Test
    void shortStepReachesTheToleranceOnItsGap() {
        Result r = Minimize.with(ConstrainedMethods.frankWolfe(Sets.simplex(), ConstrainedMethods.FwStep.SHORT_STEP,
                Q.lipschitz(), 1e-4)).steps(100000).run(Q.objective(), new double[30]);
        assertEquals(Stop.Reason.STATIONARY, r.reason());
        double gap = r.history().measure(r.history().size() - 1);
        assertTrue(gap <= 1e-4);
        assertTrue(r.value() - OPTIMUM <= gap && r.value() >= OPTIMUM - 1e-12, "f - f* = " + (r.value() - OPTIMUM));
    }

    @Test
    void l1BallLeastSquaresIsSparse() {
        Objective f = (x, g) -> {
            g[0] = x[0] - 2;
            g[1] = x[1] - 0.5;
            g[2] = x[2];
            return 0.5 * ((x[0] - 2) * (x[0] - 2) + (x[1] - 0.5) * (x[1] - 0.5) + x[2] * x[2]);
        };
        // The projection of (2, 0.5, 0) onto the l1 ball of radius 1 is (1, 0, 0): soft thresholding at 1.
        Result r = Minimize.with(ConstrainedMethods.frankWolfe(Sets.l1Ball(1))).steps(1000).run(f, new double[3]);
        assertEquals(1, r.x()[0], 1e-9);
        assertEquals(0, r.x()[1], 1e-9);
        assertEquals(0, r.x()[2], 0);
    }

    @Test
    void setsWithoutAnOracleAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConstrainedMethods.frankWolfe(Sets.nonnegative()));
        assertTrue(e.getMessage().contains("nonnegative") && e.getMessage().contains("projectedGradient"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ConstrainedMethods.frankWolfe(Sets.simplex(), ConstrainedMethods.FwStep.SHORT_STEP, -1, 0));
    }
}
