package descent.dsl

import descent.optim.Minimize
import descent.optim.Objective
import descent.optim.Optimizers
import descent.optim.Schedule
import descent.optim.Transform
import descent.optim.Transforms
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import kotlin.math.PI
import kotlin.math.cos

class OptimizersTest {
    /** A badly scaled quartic with a cross term: every optimizer moves differently on it. */
    private val objective = Objective { x, g ->
        val a = x[0] - 1
        val b = x[1] + 0.5
        g[0] = 4 * a * a * a + 0.3 * b
        g[1] = 20 * b + 0.3 * a
        a * a * a * a + 10 * b * b + 0.3 * a * b
    }

    private fun path(t: Transform): DoubleArray = Minimize.with(t).steps(25).run(objective, doubleArrayOf(-0.7, 1.2)).x()

    private fun same(expected: Transform, actual: Transform) = assertArrayEquals(path(expected), path(actual), 0.0)

    @Test
    fun buildersMatchTheCatalogue() {
        same(Optimizers.sgd(0.01, 0.9, 0.0, 1e-3, true), sgd(lr = 0.01, momentum = 0.9, weightDecay = 1e-3, nesterov = true))
        same(Optimizers.adam(1e-2, 0.8, 0.99, 1e-7, 0.0), adam(lr = 1e-2, betas = 0.8 to 0.99, eps = 1e-7))
        same(Optimizers.adam(1e-3), adam())
        same(Optimizers.amsgrad(3e-2), adam(lr = 3e-2, amsgrad = true))
        same(Optimizers.adamW(1e-2, 0.9, 0.95, 1e-8, 0.1), adamW(lr = 1e-2, betas = 0.9 to 0.95, weightDecay = 0.1))
        same(Optimizers.adagrad(0.1), adagrad(lr = 0.1))
        same(Optimizers.adadelta(), adadelta())
        same(Optimizers.rmsprop(1e-2, 0.9, 1e-8, 0.0, 0.5, true), rmsprop(alpha = 0.9, momentum = 0.5, centered = true))
        same(Optimizers.rprop(1e-2, 0.4, 1.1, 1e-6, 1.0), rprop(etas = 0.4 to 1.1, stepSizes = 1e-6 to 1))
        same(Optimizers.asgd(1e-2), asgd())
        same(Optimizers.adamax(2e-3), adamax())
        same(Optimizers.nadam(2e-3), nadam())
        same(Optimizers.radam(1e-2), radam(lr = 1e-2))
        same(Optimizers.adaBelief(1e-2), adaBelief(lr = 1e-2))
        same(Optimizers.lion(1e-3, 0.9, 0.99, 0.0), lion(lr = 1e-3))
        same(Optimizers.adafactor(), adafactor())
        same(Optimizers.adafactor(1e-2), adafactor(lr = 1e-2))
        same(Optimizers.signSgd(1e-2), signSgd(lr = 1e-2))
        same(Optimizers.signum(1e-2), signum(lr = 1e-2))
        same(Optimizers.normalizedGd(1e-2), normalizedGd(1e-2))
        same(Optimizers.clippedSgd(0.1, 1.0), clippedSgd(0.1, 1))
        same(Optimizers.sam(Optimizers.sgd(0.01)), sam(sgd(0.01)))
        same(Optimizers.asam(Optimizers.sgd(0.01)), asam(sgd(0.01)))
        same(Optimizers.gam(Optimizers.sgd(0.01)), gam(sgd(0.01)))
        same(Optimizers.scheduleFreeSgd(0.05), scheduleFreeSgd(lr = 0.05))
        same(Optimizers.scheduleFreeAdamW(1e-2), scheduleFreeAdamW(lr = 1e-2))
        same(Optimizers.prodigy(), prodigy())
        same(Optimizers.sps(0.5), sps(0.5))
        same(Optimizers.sgld(1e-3, 0.1, 7), sgld(1e-3, temperature = 0.1, seed = 7))
        same(Optimizers.adamMini(1e-2), adamMini(lr = 1e-2))
        same(Optimizers.signRR(Schedule.constant(1e-2)), signRR(constantSchedule(1e-2)))
        same(Optimizers.orthoGrad(Optimizers.adam(1e-2)), orthoGrad(adam(lr = 1e-2)))
        same(Optimizers.fromTorch("AdamW", mapOf("lr" to 1e-2, "betas" to listOf(0.9, 0.95))), fromTorch("AdamW", "lr" to 1e-2, "betas" to listOf(0.9, 0.95)))
    }

    @Test
    fun transformsAndSchedulesMatchTheirJavaForms() {
        same(Transforms.chain(Transforms.clipByGlobalNorm(1.0), Optimizers.adamW(1e-2)), chain(clipByGlobalNorm(1), adamW(lr = 1e-2)))
        same(Transforms.chain(Transforms.clipByValue(0.5), Transforms.scaleByLearningRate(0.01)), chain(clipByValue(0.5), scaleByLearningRate(0.01)))
        same(Transforms.lookahead(Optimizers.sgd(0.01), 5, 0.5), lookahead(sgd(0.01)))
        same(Transforms.paramEma(Optimizers.sgd(0.01), 0.9), paramEma(sgd(0.01), decay = 0.9))
        same(Transforms.accumulate(Optimizers.sgd(0.01), 3), accumulate(sgd(0.01), 3))
        same(Optimizers.adam(Schedule.cosine(0.05, 25, 0.0), Schedule.constant(0.9), Schedule.constant(0.999), Schedule.constant(1e-8),
            Schedule.constant(0.0), false), adam(lr = cosineDecay(0.05, steps = 25)))
        same(Optimizers.sgd(Schedule.warmupCosine(0.0, 0.05, 5, 25, 0.001), Schedule.constant(0.0), Schedule.constant(0.0),
            Schedule.constant(0.0), false), sgd(lr = warmupCosineDecay(peak = 0.05, warmupSteps = 5, totalSteps = 25, end = 0.001)))
    }

    @Test
    fun schedulesTakeNamedArgumentsAndAnyIntegralSteps() {
        val n: Int = 100
        assertEquals(0.5, cosineDecay(1.0, steps = n).at(50), 1e-15)
        assertEquals(0.1 + 0.9 * 0.5 * (1 + cos(PI * 0.25)), cosineDecay(init = 1, steps = 100L, end = 0.1).at(25), 1e-15)
        assertEquals(0.01, piecewise(0.1, 10 to 0.01, 20 to 0.001).at(10))
        assertEquals(0.001, piecewise(0.1, 10 to 0.01, 20 to 0.001).at(25))
        assertEquals(0.1 * 0.5 * 0.5, stepDecay(0.1, stepSize = 10, gamma = 0.5).at(29), 1e-17)
        assertEquals(0.5, linearWarmup(1.0, warmupSteps = 10).at(5))
        assertEquals(0.2, (linearSchedule(0.0, 1.0, 10) * 2).at(1), 1e-15)
        assertEquals(3.0, joinSchedules(constantSchedule(1), 5 to linearSchedule(2, 4, 2)).at(6))
        val e = assertThrows(IllegalArgumentException::class.java) { cosineDecay(1.0, steps = 2.5) }
        assertTrue(e.message!!.contains("cosineDecay: steps must be a whole number of steps >= 0, got 2.5"), e.message)
    }

    @Test
    fun invalidHyperparametersAreNamed() {
        val e = assertThrows(IllegalArgumentException::class.java) { adam(lr = 1e-3, betas = 0.9 to 1.5) }
        assertTrue(e.message!!.contains("beta2"), e.message)
    }
}
