package descent.plot

import descent.dsl.Optimum
import descent.optim.History
import org.jetbrains.letsPlot.facet.facetWrap
import org.jetbrains.letsPlot.geom.geomLine
import org.jetbrains.letsPlot.ggsize
import org.jetbrains.letsPlot.intern.Plot
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot

/** What a history plot shows per step. */
enum class Metric(internal val title: String) {
    /** The loss at each iterate. */
    LOSS("loss"),

    /** The gradient norm at each iterate. */
    GRADIENT_NORM("gradient norm"),

    /** The learning rate of each step. */
    LEARNING_RATE("learning rate");

    internal fun of(h: History, k: Int): Double = when (this) {
        LOSS -> h.loss(k)
        GRADIENT_NORM -> h.gradientNorm(k)
        LEARNING_RATE -> h.learningRate(k)
    }
}

/**
 * The loss (and any other [metrics]) against the step for one or more runs, one line per run, one
 * panel per metric. The y axis is logarithmic when [logY] and every plotted value is positive.
 * Each run is thinned to at most [maxPoints] evenly spaced steps (first and last kept).
 */
fun historyPlot(runs: Map<String, History>, vararg metrics: Metric = arrayOf(Metric.LOSS), logY: Boolean = true,
                title: String? = null, maxPoints: Int = 400, width: Int = 640, height: Int = 320): Plot {
    require(runs.isNotEmpty()) { "historyPlot: no runs" }
    require(metrics.isNotEmpty()) { "historyPlot: no metrics" }
    val step = ArrayList<Int>()
    val value = ArrayList<Double>()
    val run = ArrayList<String>()
    val metric = ArrayList<String>()
    for ((name, h) in runs) {
        for (m in metrics) {
            for (k in thin(h.size(), maxPoints)) {
                val v = m.of(h, k)
                if (v.isFinite()) {
                    step += k
                    value += v
                    run += name
                    metric += m.title
                }
            }
        }
    }
    val data = mapOf("step" to step, "value" to value, "run" to run, "metric" to metric)
    var p = letsPlot(data) + geomLine { x = "step"; y = "value"; color = "run" } +
        labs(title = title, x = "step", y = if (metrics.size == 1) metrics[0].title else null, color = "run") + ggsize(width, height)
    if (logY && value.isNotEmpty() && value.all { it > 0 }) p += logScaleY()
    if (metrics.size > 1) p += facetWrap(facets = "metric", ncol = metrics.size, scales = "free_y")
    return p
}

/** [historyPlot] of one run. */
fun historyPlot(history: History, vararg metrics: Metric = arrayOf(Metric.LOSS), logY: Boolean = true, title: String? = null): Plot =
    historyPlot(mapOf("run" to history), *metrics, logY = logY, title = title)

/** [historyPlot] of [minimize][descent.dsl.minimize] results, each under its label. */
fun historyPlot(vararg runs: Optimum, metrics: List<Metric> = listOf(Metric.LOSS), logY: Boolean = true, title: String? = null): Plot =
    historyPlot(runs.associate { it.label to it.history }, *metrics.toTypedArray(), logY = logY, title = title)
