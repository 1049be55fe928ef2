package descent.constrained;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CMA-ES from fixed seeds within stated budgets: Rastrigin in 10-D (minimum 0 at 0, about 10^10
 * local minima in [-5.12, 5.12]^10) with a population of 200 in 60000 evaluations; Ackley in 10-D
 * from (15, ..., 15) with a population of 50 in 20000.
 */
class CmaEsTest {
    static double rastrigin(double[] x) {
        double s = 10 * x.length;
        for (double v : x) {
            s += v * v - 10 * Math.cos(2 * Math.PI * v);
        }
        return s;
    }

    static double ackley(double[] x) {
        double a = 0;
        double b = 0;
        for (double v : x) {
            a += v * v;
            b += Math.cos(2 * Math.PI * v);
        }
        int n = x.length;
        return -20 * Math.exp(-0.2 * Math.sqrt(a / n)) - Math.exp(b / n) + 20 + Math.E;
    }

    static double[] start(int n, double v) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, v);
        return x;
    }

    @Test
    void findsTheGlobalMinimumOfRastriginIn10D() {
        CmaEs.Outcome o = CmaEs.of(CmaEsTest::rastrigin).sigma(2).population(200).seed(1).budget(60_000).target(1e-8)
                .run(start(10, 3));
        assertEquals("target", o.reason(), "value " + o.value() + " after " + o.evaluations());
        for (double v : o.x()) {
            assertEquals(0, v, 1e-4);
        }
    }

    @Test
    void findsTheGlobalMinimumOfAckleyIn10D() {
        CmaEs.Outcome o = CmaEs.of(CmaEsTest::ackley).sigma(10).population(50).seed(2).budget(20_000).target(1e-8)
                .run(start(10, 15));
        assertEquals("target", o.reason(), "value " + o.value() + " after " + o.evaluations());
        for (double v : o.x()) {
            assertEquals(0, v, 1e-8);
        }
    }

    @Test
    void convergesOnAnIllConditionedEllipsoidWithTheDefaultPopulation() {
        CmaEs.Outcome o = CmaEs.of(x -> {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += Math.pow(1e4, i / (x.length - 1.0)) * x[i] * x[i];
            }
            return s;
        }).seed(3).budget(50_000).target(1e-12).run(start(8, 1));
        assertEquals("target", o.reason(), "value " + o.value() + " after " + o.evaluations());
        assertTrue(o.evaluations() < 6_000, "evaluations " + o.evaluations());
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CmaEs.of(null));
        assertThrows(IllegalArgumentException.class, () -> CmaEs.of(CmaEsTest::ackley).population(2));
        assertThrows(IllegalArgumentException.class, () -> CmaEs.of(CmaEsTest::ackley).sigma(-1));
        assertThrows(IllegalArgumentException.class, () -> CmaEs.of(CmaEsTest::ackley).run(new double[] {Double.NaN}));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CmaEs.of(x -> Double.NaN).run(new double[] {1}));
        assertTrue(e.getMessage().contains("NaN at evaluation 1"), e.getMessage());
    }
}
