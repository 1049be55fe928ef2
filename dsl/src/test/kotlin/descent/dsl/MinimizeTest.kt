package descent.dsl

import descent.optim.Bounds
import descent.optim.NonFiniteException
import descent.optim.Progress
import descent.optim.Stop
import descent.tensor.Rng
import descent.tensor.Tensor
import org.jetbrains.kotlinx.multik.api.mk
import org.jetbrains.kotlinx.multik.api.ndarray
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import kotlin.math.ceil
import kotlin.math.ln
import kotlin.math.sqrt

class MinimizeTest {
    @AfterEach
    fun uninstall() {
        ProgressDisplay.installed = null
    }

    @Test
    fun gradientDescentOnAQuadraticStopsAtTheStepTheContractionPredicts() {
        val c = tensorOf(1.0, -2.0, 3.0)
        // f = |x - c|^2: with lr 0.1 the error contracts by 0.8 per step, |g_k| = 2 * 0.8^k |x0 - c|
        val r = minimize({ x -> sum((x - c) pow 2) }, Tensor.zeros(3)) {
            optimizer = sgd(lr = 0.1)
            steps = 10_000
            gradientTolerance = 1e-10
        }
        val k = ceil(ln(1e-10 / (2 * sqrt(14.0))) / ln(0.8)).toLong()
        assertEquals(Stop.Reason.GRADIENT_NORM, r.reason)
        assertEquals(k, r.steps)
        assertEquals(k.toInt() + 1, r.history.size())
        assertTrue(r.x.allClose(c, 0.0, 1e-10), r.x.toString())
        assertEquals("sgd", r.label)
    }

    @Test
    fun lbfgsbRespectsBoxConstraintsAndNewtonCgConverges() {
        val rosen = fn { p -> (1 - p[0]).square() + 100 * (p[1] - p[0] * p[0]).square() }
        // with x <= 0.5 the constrained minimum is at x = 0.5, y = 0.25 (f = 0.25)
        val boxed = minimize(rosen, tensorOf(-1.2, 1.0)) {
            bounds = Bounds.of(tensorOf(-2.0, -2.0), tensorOf(0.5, 2.0))
            lbfgsb()
        }
        assertTrue(boxed.x.allClose(tensorOf(0.5, 0.25), 0.0, 1e-5), boxed.x.toString())
        assertEquals(0.25, boxed.value, 1e-9)
        val newton = minimize(rosen, tensorOf(-1.2, 1.0)) {
            newtonCg()
            steps = 200
            gradientTolerance = 1e-10
        }
        assertTrue(newton.x.allClose(tensorOf(1.0, 1.0), 0.0, 1e-8), newton.x.toString())
        assertTrue(newton.steps < 100, "Newton-CG took ${newton.steps} iterations")
    }

    @Test
    fun adamFindsTheRosenbrockMinimumAndKeepsTheShapeOfAMultikStart() {
        val rosen = fn { p -> (1 - p[0]).square() + 100 * (p[1] - p[0] * p[0]).square() }
        val start = mk.ndarray(doubleArrayOf(-1.2, 1.0))
        val r = minimize(rosen, start) {
            optimizer = adam(lr = 2e-2)
            steps = 20_000
            gradientTolerance = 1e-8
            recordIterates = true
        }
        assertEquals(Stop.Reason.GRADIENT_NORM, r.reason)
        assertTrue(r.x.allClose(tensorOf(1.0, 1.0), 0.0, 1e-7), r.x.toString())
        assertEquals(-1.2, start.data[0])
        assertEquals(r.history.size(), r.trajectory.size)
        assertArrayEquals(doubleArrayOf(-1.2, 1.0), r.trajectory[0])
        assertEquals(listOf(2), r.toNDArray().shape.toList())
    }

    @Test
    fun dataArgumentsTreesAndBatches() {
        val rng = Rng(3)
        val xs = rng.normal(64, 3)
        val wTrue = matrixOf(doubleArrayOf(1.0), doubleArrayOf(-2.0), doubleArrayOf(0.5))
        val ys = (xs matmul wTrue) + 0.25
        val p0 = params("w" to Tensor.zeros(3, 1), "b" to Tensor.zeros(1))
        val loss = fn(p0, 2) { p, d -> mean(((d[0] matmul p.get("w")) + p.get("b") - d[1]) pow 2) }
        val full = minimize(loss, p0, xs, ys) {
            optimizer = adam(lr = 0.05)
            steps = 5000
            gradientTolerance = 1e-10
        }
        assertTrue(full.params.get("w").allClose(wTrue, 0.0, 1e-8), full.params.get("w").toString())
        assertEquals(0.25, full.params.get("b").item(), 1e-8)
        assertThrows(IllegalStateException::class.java) { full.x }

        val line = fn3 { w, x, y -> mean(((x matmul w) - y) pow 2) }
        val batched = minimize(line, Tensor.zeros(3, 1), xs, ys - 0.25) {
            optimizer = sgd(lr = 0.05)
            steps = 3000
            batches(16, seed = 1)
        }
        assertTrue(batched.x.allClose(wTrue, 0.0, 1e-6), batched.x.toString())
        assertEquals(3000, batched.steps)

        val e = assertThrows(IllegalArgumentException::class.java) { minimize(line, Tensor.zeros(3, 1), xs) }
        assertTrue(e.message!!.contains("takes 3 arguments (3 tensors), but there are 1 parameter leaves [x] and 1 data tensors"), e.message)
    }

    private class Recorder(label: String, maxSteps: Long) : Throttled(label, maxSteps, intervalNanos = 0) {
        val shown = mutableListOf<ProgressSnapshot>()
        var steps = 0L
        var finished: RunSummary? = null
        var failed: Throwable? = null
        override fun show(snapshot: ProgressSnapshot) {
            shown += snapshot
        }
        fun count(p: Progress) {
            steps++
            onStep(p)
        }
        override fun finished(summary: RunSummary) {
            finished = summary
        }
        override fun failed(error: Throwable) {
            failed = error
        }
    }

    @Test
    fun anInstalledDisplaySeesTheRunAndReadsTheClockRarely() {
        val runs = mutableListOf<Recorder>()
        ProgressDisplay.installed = ProgressDisplay { label, max -> Recorder(label, max).also { runs += it } }
        val r = minimize({ x -> sum(x * x) }, tensorOf(1.0, 2.0)) {
            optimizer = sgd(lr = 1e-3)
            steps = 200_000
            label = "tiny"
        }
        assertEquals(1, runs.size)
        val run = runs[0]
        assertEquals(RunSummary("tiny", "STEPS", 200_000, r.seconds, r.value, r.gradientNorm), run.finished)
        assertTrue(run.shown.isNotEmpty())
        // each snapshot is a clock reading; with strides adapted to ~1 ms there are far fewer than steps
        assertTrue(run.shown.size < 200_000 / 10, "${run.shown.size} clock readings")
        val last = run.shown.last()
        assertEquals("tiny", last.label)
        assertEquals(200_000, last.maxSteps)
        assertTrue(last.step in 1..200_000)
        assertEquals(r.history.loss(last.step.toInt() - 1), last.loss)

        val off = minimize({ x -> sum(x * x) }, tensorOf(1.0)) { progress = false; steps = 10 }
        assertEquals(1, runs.size)
        assertEquals(10, off.steps)

        assertThrows(NonFiniteException::class.java) { minimize({ x -> sum(log(x)) }, tensorOf(1.0)) { optimizer = sgd(lr = 2) } }
        assertTrue(runs.last().failed is NonFiniteException)
    }
}
