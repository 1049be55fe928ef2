package descent.dsl

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class ProgressSnapshotTest {
    private fun snapshot(step: Long, elapsedNanos: Long, phaseStartStep: Long = 0, phaseStartNanos: Long = 0) =
        ProgressSnapshot("run", step, 2000, 1.0, 1.0, Double.NaN, elapsedNanos, phaseStartStep, phaseStartNanos)

    @Test
    fun onePhaseRunsAtItsAverageRate() {
        // 500 steps in 2 s: 250 steps/s, 1500 steps left take 6 s
        val s = snapshot(500, 2_000_000_000)
        assertEquals(250.0, s.rate, 1e-12)
        assertEquals(6.0, s.etaSeconds, 1e-12)
    }

    @Test
    fun aSlowerLaterPhaseSetsTheRateAndTimeLeft() {
        // 1500 fast steps in 1 s, then 100 steps in the 2 s since: 50 steps/s, 400 steps left take 8 s
        val s = snapshot(1600, 3_000_000_000, phaseStartStep = 1500, phaseStartNanos = 1_000_000_000)
        assertEquals(50.0, s.rate, 1e-12)
        assertEquals(8.0, s.etaSeconds, 1e-12)
    }

    @Test
    fun noStepOrNoTimeInThePhaseHasNoRate() {
        assertTrue(snapshot(0, 1_000).rate.isNaN())
        assertTrue(snapshot(0, 1_000).etaSeconds.isNaN())
        assertTrue(snapshot(1500, 1_000, phaseStartStep = 1500, phaseStartNanos = 500).rate.isNaN())
        assertTrue(snapshot(1501, 500, phaseStartStep = 1500, phaseStartNanos = 500).rate.isNaN())
    }
}
