package descent.pinn;

import descent.pinn.zoo.BurgersReference;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BurgersReferenceTest {
    private static final double NU = 0.01 / Math.PI;
    private static final BurgersReference U = new BurgersReference(NU, 4001);

    @Test
    void initialAndBoundaryValues() {
        assertEquals(-Math.sin(Math.PI * 0.3), U.value(0.3, 1e-9), 1e-7);
        assertEquals(0, U.value(1, 0.5), 1e-12);
        assertEquals(0, U.value(-1, 0.7), 1e-12);
        assertEquals(0, U.value(0, 0.6), 1e-12);
        assertEquals(-U.value(0.4, 0.6), U.value(-0.4, 0.6), 1e-12);
    }

    @Test
    void quadratureHasConverged() {
        BurgersReference coarse = new BurgersReference(NU, 2001);
        for (double x : new double[] {-0.8, -0.05, 0.01, 0.3}) {
            for (double t : new double[] {0.1, 0.5, 0.99}) {
                assertEquals(U.value(x, t), coarse.value(x, t), 1e-11, "x = " + x + ", t = " + t);
            }
        }
    }

    @Test
    void satisfiesBurgersEquationByFiniteDifferences() {
        double h = 1e-4;
        double worst = 0;
        for (double x : new double[] {-0.7, -0.3, 0.2, 0.5, 0.85}) {
            for (double t : new double[] {0.2, 0.4, 0.8}) {
                double ut = (U.value(x, t + h) - U.value(x, t - h)) / (2 * h);
                double ux = (U.value(x + h, t) - U.value(x - h, t)) / (2 * h);
                double uxx = (U.value(x + h, t) - 2 * U.value(x, t) + U.value(x - h, t)) / (h * h);
                double r = ut + U.value(x, t) * ux - NU * uxx;
                worst = Math.max(worst, Math.abs(r) / (1 + Math.abs(ut) + Math.abs(ux)));
            }
        }
        assertTrue(worst < 1e-5, "residual " + worst);
    }

    @Test
    void theShockAtTheOriginSteepens() {
        // the slope at x = 0 grows from -pi to its extreme -152.00516 at t = 1.6037/pi, the value published by
        // Basdevant et al. (J. Comput. Phys. 1986) for this problem
        double h = 1e-6;
        double t = 1.6037 / Math.PI;
        double slope = (U.value(h, t) - U.value(-h, t)) / (2 * h);
        assertEquals(-152.00516, slope, 1e-4);
    }
}
