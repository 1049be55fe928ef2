package descent.plot

import descent.tensor.Tensor
import org.jetbrains.letsPlot.geom.geomRaster
import org.jetbrains.letsPlot.ggsize
import org.jetbrains.letsPlot.intern.Plot
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot
import org.jetbrains.letsPlot.scale.scaleFillViridis

/**
 * A field sampled on a grid as a heatmap: [field] has shape [ny, nx], row i at
 * y = y.start + i (y.end - y.start) / (ny - 1) and column j likewise in x (a solution or its error
 * over a space-time domain, for example). Drawn as one raster image, so the SVG stays small.
 */
fun heatmap(field: Tensor, x: ClosedFloatingPointRange<Double>, y: ClosedFloatingPointRange<Double>, title: String? = null,
            xLabel: String = "x", yLabel: String = "y", fillLabel: String = "value", width: Int = 520, height: Int = 420): Plot {
    require(field.rank() == 2 && field.shape().dim(0) >= 2 && field.shape().dim(1) >= 2) {
        "heatmap: the field must have shape [ny, nx] with at least 2 points per axis, got ${field.shape()}"
    }
    val ny = field.shape().dim(0)
    val nx = field.shape().dim(1)
    val xs = ArrayList<Double>(nx * ny)
    val ys = ArrayList<Double>(nx * ny)
    val vs = ArrayList<Double>(nx * ny)
    for (i in 0 until ny) {
        for (j in 0 until nx) {
            xs += x.start + (x.endInclusive - x.start) * j / (nx - 1)
            ys += y.start + (y.endInclusive - y.start) * i / (ny - 1)
            vs += field.get(i, j)
        }
    }
    return letsPlot(mapOf("x" to xs, "y" to ys, "v" to vs)) + geomRaster { this.x = "x"; this.y = "y"; fill = "v" } +
        scaleFillViridis(name = fillLabel) + labs(title = title, x = xLabel, y = yLabel) + ggsize(width, height)
}

/** [heatmap] of f sampled on an [nx] by [ny] grid over the rectangle. */
fun heatmap(f: (Double, Double) -> Double, x: ClosedFloatingPointRange<Double>, y: ClosedFloatingPointRange<Double>,
            nx: Int = 100, ny: Int = 100, title: String? = null, xLabel: String = "x", yLabel: String = "y",
            fillLabel: String = "value"): Plot {
    require(nx >= 2 && ny >= 2) { "heatmap: needs at least 2 points per axis, got $nx by $ny" }
    val data = DoubleArray(nx * ny) { k ->
        val i = k / nx
        val j = k % nx
        f(x.start + (x.endInclusive - x.start) * j / (nx - 1), y.start + (y.endInclusive - y.start) * i / (ny - 1))
    }
    return heatmap(Tensor.wrap(data, ny, nx), x, y, title, xLabel, yLabel, fillLabel)
}
