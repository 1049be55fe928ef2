package descent.constrained;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Consensus-based optimization from fixed seeds within stated budgets, on the problems of
 * {@link CmaEsTest}: Rastrigin in 10-D from particles around (3, ..., 3) and Ackley in 10-D
 * around (15, ..., 15), both to f <= 1e-8 within 100000 evaluations with 200 particles, from each
 * of ten seeds (the largest count measured: 78600 and 88600).
 */
class CboTest {
    @Test
    void findsTheGlobalMinimumOfRastriginIn10D() {
        for (long seed = 1; seed <= 10; seed++) {
            SearchOutcome o = Cbo.of(CmaEsTest::rastrigin).particles(200).spread(2).seed(seed).budget(100_000).target(1e-8)
                    .run(CmaEsTest.start(10, 3));
            assertEquals("target", o.reason(), "seed " + seed + ": value " + o.value() + " after " + o.evaluations());
            assertTrue(o.value() >= 0);
            for (double v : o.x()) {
                assertEquals(0, v, 1e-5);
            }
            assertEquals(0, o.evaluations() % 200);
        }
    }

    @Test
    void findsTheGlobalMinimumOfAckleyIn10D() {
        for (long seed = 1; seed <= 10; seed++) {
            SearchOutcome o = Cbo.of(CmaEsTest::ackley).particles(200).spread(10).seed(seed).budget(100_000).target(1e-8)
                    .run(CmaEsTest.start(10, 15));
            assertEquals("target", o.reason(), "seed " + seed + ": value " + o.value() + " after " + o.evaluations());
            for (double v : o.x()) {
                assertEquals(0, v, 1e-8);
            }
        }
    }

    /**
     * Without the growth of alpha, the consensus stays a soft average over basins: the same
     * Rastrigin search then ends in the budget short of the target, which is what the growth buys.
     */
    @Test
    void aFixedSmallAlphaStopsShortOfTheMinimum() {
        SearchOutcome o = Cbo.of(CmaEsTest::rastrigin).particles(200).alphaGrowth(1).spread(2).seed(1).budget(100_000).target(1e-8)
                .run(CmaEsTest.start(10, 3));
        assertEquals("budget", o.reason());
        assertTrue(o.value() > 1e-6, "value " + o.value());
    }

    @Test
    void countsEvaluationsAndStopsWhenTheParticlesCollapse() {
        long[] calls = {0};
        SearchOutcome o = Cbo.of(x -> {
            calls[0]++;
            return (x[0] - 1) * (x[0] - 1) + 2 * (x[1] + 0.5) * (x[1] + 0.5);
        }).particles(20).tolerance(1e-6).seed(3).run(new double[] {0, 0});
        assertEquals("tolerance", o.reason());
        assertEquals(calls[0], o.evaluations());
        assertEquals(20 * o.iterations(), o.evaluations());
        assertEquals(1, o.x()[0], 1e-6);
        assertEquals(-0.5, o.x()[1], 1e-6);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Cbo.of(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cbo.of(CmaEsTest::ackley).particles(1));
        assertTrue(e.getMessage().contains("particles"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Cbo.of(CmaEsTest::ackley).alpha(0));
        assertTrue(e.getMessage().contains("alpha"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Cbo.of(CmaEsTest::ackley).alphaGrowth(0.5));
        assertTrue(e.getMessage().contains("alphaGrowth"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Cbo.of(CmaEsTest::ackley).dt(-1));
        assertTrue(e.getMessage().contains("dt"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Cbo.of(CmaEsTest::ackley).sigma(Double.NaN));
        assertTrue(e.getMessage().contains("sigma"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cbo.of(CmaEsTest::ackley).run(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Cbo.of(CmaEsTest::ackley).run(new double[] {Double.NaN}));
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> Cbo.of(x -> Double.NaN).run(new double[] {1}));
        assertTrue(s.getMessage().contains("NaN at evaluation 1"), s.getMessage());
        ArithmeticException t = assertThrows(ArithmeticException.class, () -> Cbo.of(x -> {
            throw new ArithmeticException("simulator failed");
        }).run(new double[] {1}));
        assertEquals("simulator failed", t.getMessage());
    }
}
