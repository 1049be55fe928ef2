package descent.plot

import org.jetbrains.letsPlot.geom.geomLine
import org.jetbrains.letsPlot.ggsize
import org.jetbrains.letsPlot.intern.Plot
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot

/**
 * One line of y against x per run, where the runs need not share their x values: a loss against the
 * number of objective evaluations or the wall time, which puts a method that evaluates several times
 * per step beside one that evaluates once. Each run is a pair (x, y) of equal length, thinned to at
 * most [maxPoints] evenly spaced points (first and last kept). Points that are not finite, and on a log
 * axis points that are not positive, are left out.
 */
fun curvePlot(runs: Map<String, Pair<DoubleArray, DoubleArray>>, logX: Boolean = false, logY: Boolean = true, title: String? = null,
              xLabel: String = "x", yLabel: String = "y", seriesLabel: String = "run", maxPoints: Int = 400, width: Int = 640,
              height: Int = 360): Plot {
    require(runs.isNotEmpty()) { "curvePlot: no runs" }
    require(maxPoints >= 2) { "curvePlot: maxPoints must be at least 2, got $maxPoints" }
    val xs = ArrayList<Double>()
    val ys = ArrayList<Double>()
    val names = ArrayList<String>()
    for ((name, curve) in runs) {
        val (x, y) = curve
        require(x.size == y.size) { "curvePlot: run '$name' has ${x.size} x values and ${y.size} y values" }
        for (k in thin(x.size, maxPoints)) {
            val shown = x[k].isFinite() && y[k].isFinite() && (!logX || x[k] > 0) && (!logY || y[k] > 0)
            if (shown) {
                xs += x[k]
                ys += y[k]
                names += name
            }
        }
    }
    var p = letsPlot(mapOf("x" to xs, "y" to ys, "run" to names)) + geomLine { this.x = "x"; y = "y"; color = "run" } +
        labs(title = title, x = xLabel, y = yLabel, color = seriesLabel) + ggsize(width, height)
    if (logX) p += logScaleX()
    if (logY) p += logScaleY()
    return p
}
