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

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.awayStepFrankWolfe(0, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.awayStepFrankWolfe(1, -1));
    }
}
