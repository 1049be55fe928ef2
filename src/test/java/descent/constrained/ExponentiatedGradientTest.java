package descent.constrained;

import descent.optim.History;
import descent.optim.Minimize;
import descent.optim.Objective;
import descent.optim.Result;
import descent.optim.Stop;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExponentiatedGradientTest {
    /** On a linear objective one step is the closed form {@code x_i exp(-eta c_i) / Z}. */
    @Test
    void oneStepIsTheMultiplicativeUpdate() {
        double[] c = {1, 2, 3};
        Objective f = (x, g) -> {
            System.arraycopy(c, 0, g, 0, 3);
            return x[0] + 2 * x[1] + 3 * x[2];
        };
        Result r = Minimize.with(ConstrainedMethods.exponentiatedGradient(1, 0.5, 0)).steps(1).run(f, new double[] {1, 1, 1});
        double z = Math.exp(-0.5) + Math.exp(-1) + Math.exp(-1.5);
        assertArrayEquals(new double[] {Math.exp(-0.5) / z, Math.exp(-1) / z, Math.exp(-1.5) / z}, r.x(), 1e-15);
    }

    /**
     * On the interior-optimum problem {@code min |x - p|^2 / 2} over the simplex with {@code p} in
     * it, the method converges to {@code p}, decreasing f at every step with {@code eta = 1}
     * ({@code L = 1} from l1 to l-infinity), and the gap bounds f - f*.
     */
    @Test
    void convergesToAnInteriorOptimum() {
        double[] p = {0.1, 0.2, 0.3, 0.4};
        Objective f = (x, g) -> {
            double v = 0;
            for (int i = 0; i < 4; i++) {
                g[i] = x[i] - p[i];
                v += g[i] * g[i] / 2;
            }
            return v;
        };
        Result r = Minimize.with(ConstrainedMethods.exponentiatedGradient(1, 1, 1e-14)).steps(5000).run(f, new double[] {1, 1, 1, 1});
        assertEquals(Stop.Reason.STATIONARY, r.reason());
        assertArrayEquals(p, r.x(), 1e-7);
        History h = r.history();
        for (int k = 1; k < h.size(); k++) {
            assertTrue(h.loss(k) <= h.loss(k - 1) + 1e-16, "descent at " + k);
            assertTrue(h.measure(k) >= h.loss(k) - 1e-16, "the gap bounds f - f* at " + k);
        }
    }

    @Test
    void aStartOnTheBoundaryIsRefused() {
        Objective f = (x, g) -> {
            g[0] = 1;
            g[1] = 0;
            return x[0];
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Minimize.with(ConstrainedMethods.exponentiatedGradient(1, 1, 0)).run(f, new double[] {1, 0}));
        assertTrue(e.getMessage().contains("element 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConstrainedMethods.exponentiatedGradient(1, 0, 0));
    }
}
