package descent.dsl

import descent.optim.Minimize
import descent.optim.Progress

/**
 * Shows [minimize] and [pinn] runs while they go. Nothing is installed in a plain program; the
 * Jupyter integration installs a display that updates one output in place. A display is called
 * back after steps it chooses ([Throttled]: about once a millisecond, and after the last step) and
 * decides itself when to show one.
 */
fun interface ProgressDisplay {
    /** A run named [label] with a budget of [maxSteps] steps (over all its phases) is starting. */
    fun start(label: String, maxSteps: Long): Run

    /**
     * The live view of one run. A run may have several phases (a PINN's training recipe): a step
     * number lower than the previous one starts the next phase, counted on from the steps before it.
     */
    interface Run : Minimize.Callback {
        /** After a step: cheap unless it decides to show something. */
        override fun onStep(progress: Progress)

        /** The run ended normally. */
        fun finished(summary: RunSummary)

        /** The run ended with [error]. */
        fun failed(error: Throwable)
    }

    companion object {
        /** The display used by [minimize] runs, or null for none. */
        @Volatile
        var installed: ProgressDisplay? = null
    }
}

/** How a run ended: what a display shows last. [metrics] are named results such as a PINN's relative L2 error. */
data class RunSummary(
    val label: String,
    val reason: String,
    val steps: Long,
    val seconds: Double,
    val loss: Double,
    val gradientNorm: Double,
    val metrics: Map<String, Double> = emptyMap(),
)

/**
 * One look at a run: what a display shows. The current phase (of a PINN's recipe; a [minimize] run
 * has one) began after [phaseStartStep] steps, [phaseStartNanos] into the run: phases can differ in
 * cost per step by orders of magnitude (Adam, then L-BFGS), so the rate is the current phase's.
 */
data class ProgressSnapshot(
    val label: String,
    val step: Long,
    val maxSteps: Long,
    val loss: Double,
    val gradientNorm: Double,
    val learningRate: Double,
    val elapsedNanos: Long,
    val phaseStartStep: Long = 0,
    val phaseStartNanos: Long = 0,
) {
    /** Steps per second in the current phase: (step - phaseStartStep) / (elapsed - phaseStart). */
    val rate: Double
        get() = if (elapsedNanos > phaseStartNanos && step > phaseStartStep) (step - phaseStartStep) * 1e9 / (elapsedNanos - phaseStartNanos)
        else Double.NaN

    /** Seconds until the step budget is spent at the current phase's [rate]. */
    val etaSeconds: Double get() = (maxSteps - step) / rate
}

/**
 * A run view that shows a [ProgressSnapshot] at most every [intervalNanos]. It asks to be called
 * back about once per [checkNanos] (reading the clock at each call and adapting the number of steps
 * that takes), so a fast loop pays nothing on the steps in between, and it follows the step
 * number across phases. Time is measured from the view's creation.
 */
abstract class Throttled(
    private val label: String,
    private val maxSteps: Long,
    private val intervalNanos: Long = 250_000_000L,
    private val checkNanos: Long = 1_000_000L,
) : ProgressDisplay.Run {
    private var stride = 1L
    private val started = System.nanoTime()
    private var lastCheck = started
    private var lastShown = started
    private var shown = 0
    private var offset = 0L
    private var lastStep = 0L
    private var phaseStartNanos = 0L

    /** How many snapshots this run has shown. */
    val updates: Int get() = shown

    /** Shows [snapshot]. */
    protected abstract fun show(snapshot: ProgressSnapshot)

    final override fun onStep(progress: Progress) {
        val step = progress.step()
        val steps = if (step > lastStep) step - lastStep else step
        if (step < lastStep) {
            offset += lastStep
            phaseStartNanos = System.nanoTime() - started
        }
        lastStep = step
        val now = System.nanoTime()
        val perStep = maxOf(1L, (now - lastCheck) / maxOf(1L, steps))
        stride = (checkNanos / perStep).coerceIn(1L, 1L shl 20)
        lastCheck = now
        if (now - lastShown >= intervalNanos) {
            lastShown = now
            shown++
            show(ProgressSnapshot(label, offset + step, maxSteps, progress.loss(), progress.gradientNorm(), progress.learningRate(),
                now - started, offset, phaseStartNanos))
        }
    }

    final override fun stepsToNext(): Int = stride.toInt()
}
