package descent.dsl

import descent.pinn.Domain
import descent.pinn.zoo.Zoo
import descent.tensor.Key
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import kotlin.math.PI

class PinnDslTest {
    @AfterEach
    fun uninstall() {
        ProgressDisplay.installed = null
    }

    @Test
    fun poissonWrittenAsABlockMatchesTheZooProblemTrainedTheSameWay() {
        // u'' = -pi^2 sin(pi x) on [-1, 1], u(+-1) = 0: u = sin(pi x)
        val mine = pinn {
            name = "Poisson 1-D"
            domain(Domain.interval(-1.0, 1.0))
            residual { u, x -> u.partial(0, 0) + PI * PI * sin(PI * x[all, 0]) }
            boundary { u, _ -> u.value() }
            exact { x -> sin(PI * x[all, 0]) }
            network(32, 32)
            points = 256
            boundaryPoints = 8
            metrics(every = 500, points = 1000)
            train { adam(steps = 1500, lr = cosineDecay(5e-3, 1500, 1e-5)) }
        }
        val zoo = pinn {
            problem(Zoo.poisson1d())
            network(32, 32)
            points = 256
            boundaryPoints = 8
            metrics(every = 500, points = 1000)
            train { adam(steps = 1500, lr = cosineDecay(5e-3, 1500, 1e-5)) }
        }
        // the same equation, network, points, keys and recipe: the same numbers
        assertEquals(zoo.loss, mine.loss, 1e-12 * zoo.loss)
        val test = Domain.interval(-1.0, 1.0).sample(Key.of(9), 500)
        val error = mine.relativeL2(test)
        assertTrue(error < 1e-2, "relative L2 $error")
        assertEquals(1500, mine.steps)
        assertEquals(3, mine.training.records().size)
        assertTrue(mine.toString().startsWith("Poisson 1-D: 1500 steps"), mine.toString())
    }

    @Test
    fun aSourceTermGivenApartTrainsToTheSameNumbersAsTheSameResidualWrittenInline() {
        fun run(sourced: Boolean) = pinn {
            domain(Domain.interval(-1.0, 1.0))
            if (sourced) {
                residual(source = { x -> -PI * PI * sin(PI * x[all, 0]) }) { u, _, g -> u.partial(0, 0) - g }
            } else {
                residual { u, x -> u.partial(0, 0) + PI * PI * sin(PI * x[all, 0]) }
            }
            boundary { u, _ -> u.value() }
            exact { x -> sin(PI * x[all, 0]) }
            network(16, 16)
            points = 64
            boundaryPoints = 4
            metrics(every = 100, points = 200)
            train { adam(steps = 200, lr = 5e-3) }
        }
        val inline = run(false)
        val apart = run(true)
        assertEquals(inline.loss, apart.loss, 1e-12 * inline.loss)
        assertEquals(inline.relativeL2, apart.relativeL2, 1e-12)
    }

    @Test
    fun phasesJoinedWithThenRunInOrderAndOneDisplayFollowsThemAll() {
        val seen = mutableListOf<Long>()
        val phaseStarts = mutableListOf<Long>()
        val phaseClock = mutableListOf<Long>()
        var ended: RunSummary? = null
        ProgressDisplay.installed = ProgressDisplay { label, max ->
            assertEquals("heat" to 30L, label to max)
            object : Throttled(label, max, intervalNanos = 0, checkNanos = 0) {
                override fun show(snapshot: ProgressSnapshot) {
                    seen += snapshot.step
                    phaseStarts += snapshot.phaseStartStep
                    phaseClock += snapshot.phaseStartNanos
                    assertTrue(snapshot.phaseStartNanos in 0..snapshot.elapsedNanos, snapshot.toString())
                }

                override fun finished(summary: RunSummary) {
                    ended = summary
                }

                override fun failed(error: Throwable) = throw error
            }
        }
        val r = pinn {
            name = "heat"
            problem(Zoo.heat1d(0.1))
            network(8)
            points = 32
            boundaryPoints = 8
            initialPoints = 8
            metrics(every = 10, points = 200)
            train { adam(steps = 10, lr = 1e-3) then adam(steps = 15, lr = 1e-4) then phase(sgd(lr = 1e-4), 5) }
        }
        assertEquals(listOf(10L, 15L, 5L), r.training.phases().map { it.steps() })
        // the display counts on across phases: every step once, 1..30
        assertEquals((1L..30L).toList(), seen)
        // each snapshot names where its phase began, in steps and on the run's clock
        assertEquals(List(10) { 0L } + List(15) { 10L } + List(5) { 25L }, phaseStarts)
        assertEquals(0L, phaseClock[9])
        assertTrue(phaseClock[10] > 0 && phaseClock[10] == phaseClock[24] && phaseClock[25] > phaseClock[24], phaseClock.toString())
        assertEquals("heat", ended!!.label)
        assertEquals(30, ended!!.steps)
        assertEquals(r.relativeL2, ended!!.metrics["rel. L2"])
    }

    @Test
    fun missingPartsAreNamed() {
        val e = assertThrows(IllegalArgumentException::class.java) { pinn { problem(Zoo.poisson1d()) } }
        assertTrue(e.message!!.contains("needs a training recipe"), e.message)
        val f = assertThrows(IllegalStateException::class.java) { pinn { residual { u, _ -> u.value() } } }
        assertTrue(f.message!!.contains("call domain(...) before"), f.message)
        val g = assertThrows(IllegalArgumentException::class.java) { pinn { problem(Zoo.poisson1d()); train { 3 } } }
        assertTrue(g.message!!.contains("must end with a phase"), g.message)
    }
}
