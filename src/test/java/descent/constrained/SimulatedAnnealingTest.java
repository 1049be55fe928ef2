package descent.constrained;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Simulated annealing as the baseline of the global searches: with its defaults it finds the
 * global minimum of Rastrigin in 2-D (and 3-D) from (3, ..., 3), to f <= 1e-8 within 60000
 * (80000) evaluations from each of ten seeds (largest measured: 53164 and 72364), but in 10-D,
 * where CMA-ES and CBO succeed within 100000 evaluations, it ends in a side basin.
 */
class SimulatedAnnealingTest {
    @Test
    void findsTheGlobalMinimumOfRastriginIn2DAnd3D() {
        for (int n = 2; n <= 3; n++) {
            for (long seed = 1; seed <= 10; seed++) {
                long[] calls = {0};
                SearchOutcome o = SimulatedAnnealing.of(x -> {
                    calls[0]++;
                    return CmaEsTest.rastrigin(x);
                }).seed(seed).budget(n == 2 ? 60_000 : 80_000).target(1e-8).run(CmaEsTest.start(n, 3));
                assertEquals("target", o.reason(), n + "-D, seed " + seed + ": value " + o.value() + " after " + o.evaluations());
                for (double v : o.x()) {
                    assertEquals(0, v, 1e-5);
                }
                assertEquals(calls[0], o.evaluations());
                assertEquals(o.iterations() + 1, o.evaluations());
            }
        }
    }

    @Test
    void isOnlyABaselineIn10D() {
        SearchOutcome sa = SimulatedAnnealing.of(CmaEsTest::rastrigin).seed(1).budget(100_000).target(1e-8).run(CmaEsTest.start(10, 3));
        assertEquals("budget", sa.reason());
        assertTrue(sa.value() >= 0.9, "value " + sa.value());
        SearchOutcome cbo = Cbo.of(CmaEsTest::rastrigin).particles(200).spread(2).seed(1).budget(100_000).target(1e-8)
                .run(CmaEsTest.start(10, 3));
        assertEquals("target", cbo.reason());
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SimulatedAnnealing.of(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimulatedAnnealing.of(CmaEsTest::ackley).cooling(1));
        assertTrue(e.getMessage().contains("cooling"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SimulatedAnnealing.of(CmaEsTest::ackley).temperature(0));
        assertTrue(e.getMessage().contains("temperature"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SimulatedAnnealing.of(CmaEsTest::ackley).step(-1));
        assertTrue(e.getMessage().contains("step"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SimulatedAnnealing.of(CmaEsTest::ackley).budget(0));
        assertTrue(e.getMessage().contains("budget"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SimulatedAnnealing.of(CmaEsTest::ackley).run(new double[0]));
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> SimulatedAnnealing.of(x -> x[0] > 1.5 ? Double.NaN : x[0] * x[0]).seed(1).run(new double[] {1}));
        assertTrue(s.getMessage().contains("NaN at evaluation"), s.getMessage());
        ArithmeticException t = assertThrows(ArithmeticException.class, () -> SimulatedAnnealing.of(x -> {
            throw new ArithmeticException("simulator failed");
        }).run(new double[] {1}));
        assertEquals("simulator failed", t.getMessage());
    }
}
