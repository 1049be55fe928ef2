package descent.dsl

import descent.optim.History
import descent.optim.Result
import descent.optim.Stop
import descent.tensor.Params
import descent.tensor.Tensor
import org.jetbrains.kotlinx.multik.ndarray.data.DN
import org.jetbrains.kotlinx.multik.ndarray.data.NDArray
import java.util.Locale

/**
 * The outcome of [minimize]: the final point shaped like the starting point, the loss and gradient
 * norm there, why and after how many steps the run stopped, and its history. [result] is
 * descent.optim's own record of the run.
 */
class Optimum internal constructor(
    /** The run as descent.optim records it. */
    val result: Result,
    /** The run's name (the optimizer's unless set with `label`). */
    val label: String,
    private val shape: IntArray?,
) {
    /** The final point, shaped like the starting tensor or array. Fails for a run over a tree of several leaves: use [params]. */
    val x: Tensor
        get() = shape?.let { Tensor.wrap(result.x(), *it) }
            ?: throw IllegalStateException("minimize: the run was over a parameter tree ${params.paths()}; use params")

    /** The final point as a parameter tree (one leaf "x" for a run from a tensor). */
    val params: Params<Tensor> get() = result.params()

    /** The final point as a multik array of the starting point's shape. */
    fun toNDArray(): NDArray<Double, DN> = x.toNDArray()

    /** The loss at the final point. */
    val value: Double get() = result.value()

    /** The gradient norm at the final point. */
    val gradientNorm: Double get() = result.gradientNorm()

    /** Why the run stopped. */
    val reason: Stop.Reason get() = result.reason()

    /** The number of steps taken. */
    val steps: Long get() = result.steps()

    /** Loss, gradient norm, learning rate and time of every step. */
    val history: History get() = result.history()

    /** Wall time of the run in seconds. */
    val seconds: Double get() = result.nanos() / 1e9

    /** The iterates, one flat vector per step, when the run recorded them (`recordIterates = true`). */
    val trajectory: List<DoubleArray> get() = result.history().iterates()

    override fun toString(): String = String.format(Locale.ROOT, "%s: %s after %d steps, f = %.6e, |grad f| = %.3e, %.3f s",
        label, reason, steps, value, gradientNorm, seconds)
}
