package descent.plot

import descent.dsl.PinnResult
import org.jetbrains.letsPlot.facet.facetWrap
import org.jetbrains.letsPlot.geom.geomLine
import org.jetbrains.letsPlot.ggsize
import org.jetbrains.letsPlot.intern.Plot
import org.jetbrains.letsPlot.label.labs
import org.jetbrains.letsPlot.letsPlot

/**
 * The training of one or more physics-informed networks: the loss at every step over all phases
 * (thinned to [maxPoints] per run) and the relative L2 error at every metric record, one panel
 * each, one line per run, on log scales.
 */
fun trainingPlot(vararg runs: PinnResult, title: String? = null, maxPoints: Int = 400, width: Int = 640, height: Int = 300): Plot {
    require(runs.isNotEmpty()) { "trainingPlot: no runs" }
    val step = ArrayList<Long>()
    val value = ArrayList<Double>()
    val run = ArrayList<String>()
    val metric = ArrayList<String>()
    fun add(s: Long, v: Double, r: String, m: String) {
        if (v.isFinite() && v > 0) {
            step += s
            value += v
            run += r
            metric += m
        }
    }
    for (r in runs) {
        var offset = 0L
        for (phase in r.training.phases()) {
            val h = phase.history()
            for (k in thin(h.size(), maxOf(2, maxPoints / r.training.phases().size))) add(offset + k, h.loss(k), r.label, "loss")
            offset += phase.steps()
        }
        for (rec in r.training.records()) add(rec.step(), rec.relativeL2(), r.label, "relative L2 error")
    }
    return letsPlot(mapOf("step" to step, "value" to value, "run" to run, "metric" to metric)) +
        geomLine { x = "step"; y = "value"; color = "run" } + logScaleY() +
        facetWrap(facets = "metric", ncol = 2, scales = "free_y") + labs(title = title, x = "step", y = null, color = "run") +
        ggsize(width, height)
}
