package descent.plot

import org.jetbrains.letsPlot.geom.geomLine
import org.jetbrains.letsPlot.geom.geomPoint
import org.jetbrains.letsPlot.ggsize
import org.jetbrains.letsPlot.intern.Plot
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot

/**
 * Lines of y against x, one per series, with the points marked: an estimator's error against its
 * sample count, a loss against a hyperparameter. Every series has one y per x. Log axes need
 * positive values.
 */
fun linePlot(x: DoubleArray, series: Map<String, DoubleArray>, logX: Boolean = false, logY: Boolean = false, title: String? = null,
             xLabel: String = "x", yLabel: String = "y", seriesLabel: String = "series", width: Int = 560, height: Int = 360): Plot {
    require(series.isNotEmpty()) { "linePlot: no series" }
    val xs = ArrayList<Double>()
    val ys = ArrayList<Double>()
    val names = ArrayList<String>()
    for ((name, y) in series) {
        require(y.size == x.size) { "linePlot: series '$name' has ${y.size} values for ${x.size} x values" }
        for (i in x.indices) {
            xs += x[i]
            ys += y[i]
            names += name
        }
    }
    require(!logX || xs.all { it > 0 }) { "linePlot: a log x axis needs positive x values" }
    require(!logY || ys.all { it > 0 }) { "linePlot: a log y axis needs positive y values" }
    var p = letsPlot(mapOf("x" to xs, "y" to ys, "s" to names)) + geomLine { this.x = "x"; y = "y"; color = "s" } +
        geomPoint { this.x = "x"; y = "y"; color = "s" } + labs(title = title, x = xLabel, y = yLabel, color = seriesLabel) +
        ggsize(width, height)
    if (logX) p += logScaleX()
    if (logY) p += logScaleY()
    return p
}

/** [linePlot] with integer x values (sample counts, dimensions). */
fun linePlot(x: IntArray, series: Map<String, DoubleArray>, logX: Boolean = false, logY: Boolean = false, title: String? = null,
             xLabel: String = "x", yLabel: String = "y", seriesLabel: String = "series"): Plot =
    linePlot(DoubleArray(x.size) { x[it].toDouble() }, series, logX, logY, title, xLabel, yLabel, seriesLabel)
