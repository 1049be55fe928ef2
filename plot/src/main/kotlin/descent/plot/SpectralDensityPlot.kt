package descent.plot

import descent.curvature.SpectralDensity
import org.jetbrains.letsPlot.geom.geomLine
import org.jetbrains.letsPlot.ggsize
import org.jetbrains.letsPlot.intern.Plot
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot
import kotlin.math.exp
import kotlin.math.sqrt

/**
 * Eigenvalue densities estimated by stochastic Lanczos quadrature, each smoothed by a Gaussian of
 * width [sigma] (`SpectralDensity.density`), on [points] evenly spaced eigenvalues spanning every
 * quadrature node (and every exact eigenvalue) widened by 3 [sigma]; by default enough points to
 * space them [sigma] / 4 apart, between 200 and 4000, so that no peak falls between two. With [eigenvalues], the exact
 * spectrum of the operator (from a dense Hessian of a small model, say) is drawn beside them under
 * the same smoothing, `(1/n) sum_i N(lambda; lambda_i, sigma^2)`, as the series "exact". On the
 * logarithmic y axis (the default; Hessian spectra span many decades of density) values below
 * [floor] times the largest plotted density are left out, and a line breaks where they are.
 */
fun spectralDensityPlot(densities: Map<String, SpectralDensity>, sigma: Double, eigenvalues: DoubleArray? = null, points: Int? = null,
                        logY: Boolean = true, floor: Double = 1e-6, title: String? = null, xLabel: String = "eigenvalue",
                        yLabel: String = "density", width: Int = 640, height: Int = 360): Plot {
    require(densities.isNotEmpty() || eigenvalues != null) { "spectralDensityPlot: no densities and no eigenvalues" }
    require(sigma > 0 && sigma.isFinite()) { "spectralDensityPlot: sigma must be positive, got $sigma" }
    require(points == null || points >= 2) { "spectralDensityPlot: points must be at least 2, got $points" }
    require(floor >= 0 && floor < 1) { "spectralDensityPlot: floor must be in [0, 1), got $floor" }
    require(eigenvalues == null || (eigenvalues.isNotEmpty() && eigenvalues.all { it.isFinite() })) {
        "spectralDensityPlot: the exact eigenvalues must be finite and not empty"
    }
    val all = densities.values.flatMap { it.nodes().asList() } + (eigenvalues?.asList() ?: emptyList())
    require(all.all { it.isFinite() }) { "spectralDensityPlot: a quadrature node is not finite" }
    val lo = all.min() - 3 * sigma
    val hi = all.max() + 3 * sigma
    val count = points ?: ((hi - lo) / (sigma / 4)).toInt().coerceIn(200, 4000)
    val grid = DoubleArray(count) { lo + (hi - lo) * it / (count - 1) }
    val series = LinkedHashMap<String, DoubleArray>()
    for ((name, d) in densities) series[name] = d.density(grid, sigma)
    if (eigenvalues != null) series["exact"] = smoothed(eigenvalues, grid, sigma)
    val top = series.values.maxOf { it.max() }
    val xs = ArrayList<Double>()
    val ys = ArrayList<Double>()
    val names = ArrayList<String>()
    val segments = ArrayList<Int>()
    var segment = 0
    for ((name, y) in series) {
        segment++
        for (k in grid.indices) {
            if (!logY || y[k] > floor * top) {
                xs += grid[k]
                ys += y[k]
                names += name
                segments += segment
            } else if (segments.lastOrNull() == segment) {
                segment++
            }
        }
    }
    var p = letsPlot(mapOf("x" to xs, "y" to ys, "s" to names, "segment" to segments)) +
        geomLine { x = "x"; y = "y"; color = "s"; group = "segment" } +
        labs(title = title, x = xLabel, y = yLabel, color = "spectrum") + ggsize(width, height)
    if (logY) p += logScaleY()
    return p
}

/** [spectralDensityPlot] of one estimate. */
fun spectralDensityPlot(density: SpectralDensity, sigma: Double, eigenvalues: DoubleArray? = null, logY: Boolean = true,
                        title: String? = null): Plot =
    spectralDensityPlot(mapOf("SLQ" to density), sigma, eigenvalues, logY = logY, title = title)

/** The spectrum of [eigenvalues] smoothed by a Gaussian of width [sigma], normalized to integrate to 1. */
private fun smoothed(eigenvalues: DoubleArray, grid: DoubleArray, sigma: Double): DoubleArray {
    val c = 1 / (sigma * sqrt(2 * Math.PI) * eigenvalues.size)
    return DoubleArray(grid.size) { g ->
        var s = 0.0
        for (l in eigenvalues) {
            val d = (grid[g] - l) / sigma
            s += exp(-0.5 * d * d)
        }
        c * s
    }
}
