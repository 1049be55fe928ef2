package descent.plot

import org.jetbrains.letsPlot.geom.geomContour
import org.jetbrains.letsPlot.geom.geomPath
import org.jetbrains.letsPlot.geom.geomPoint
import org.jetbrains.letsPlot.ggsize
import org.jetbrains.letsPlot.intern.Plot
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot
import kotlin.math.log10

/**
 * Level sets of f(x, y) over a rectangle with optimizer paths drawn over them: each trajectory is a
 * list of points (x, y) (the iterates a run recorded), thinned to at most [maxPoints], with its
 * start marked. With [logLevels] the [levels] contours are equally spaced in
 * log10(f - min f + 1e-3 (max f - min f)), which resolves narrow valleys such as Rosenbrock's.
 */
fun contourPlot(f: (Double, Double) -> Double, x: ClosedFloatingPointRange<Double>, y: ClosedFloatingPointRange<Double>,
                trajectories: Map<String, List<DoubleArray>> = emptyMap(), levels: Int = 25, logLevels: Boolean = true,
                resolution: Int = 100, maxPoints: Int = 300, title: String? = null, width: Int = 560, height: Int = 460): Plot {
    require(resolution >= 2) { "contourPlot: resolution must be at least 2, got $resolution" }
    val n = resolution
    val gx = DoubleArray(n * n)
    val gy = DoubleArray(n * n)
    val gz = DoubleArray(n * n)
    for (i in 0 until n) {
        for (j in 0 until n) {
            val k = i * n + j
            gx[k] = x.start + (x.endInclusive - x.start) * j / (n - 1)
            gy[k] = y.start + (y.endInclusive - y.start) * i / (n - 1)
            gz[k] = f(gx[k], gy[k])
        }
    }
    val finite = gz.filter { it.isFinite() }
    require(finite.isNotEmpty()) { "contourPlot: f is not finite anywhere on the grid" }
    val lo = finite.min()
    val hi = finite.max()
    if (logLevels) {
        val shift = 1e-3 * (hi - lo).coerceAtLeast(Double.MIN_VALUE)
        for (k in gz.indices) gz[k] = log10(gz[k] - lo + shift)
    }
    var p = letsPlot() + geomContour(data = mapOf("x" to gx.toList(), "y" to gy.toList(), "z" to gz.toList()), bins = levels,
        color = "#9a9a9a", size = 0.4) { this.x = "x"; this.y = "y"; z = "z" }
    if (trajectories.isNotEmpty()) {
        val px = ArrayList<Double>()
        val py = ArrayList<Double>()
        val run = ArrayList<String>()
        val sx = ArrayList<Double>()
        val sy = ArrayList<Double>()
        for ((name, points) in trajectories) {
            require(points.all { it.size >= 2 }) { "contourPlot: trajectory '$name' needs points with two coordinates" }
            for (k in thin(points.size, maxPoints)) {
                px += points[k][0]
                py += points[k][1]
                run += name
            }
            if (points.isNotEmpty()) {
                sx += points[0][0]
                sy += points[0][1]
            }
        }
        p += geomPath(data = mapOf("x" to px, "y" to py, "run" to run), size = 1.0) { this.x = "x"; this.y = "y"; color = "run" }
        p += geomPoint(data = mapOf("x" to sx, "y" to sy), size = 3.0, shape = 1) { this.x = "x"; this.y = "y" }
    }
    return p + labs(title = title, x = "x", y = "y", color = "run") + ggsize(width, height)
}
