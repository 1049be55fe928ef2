package descent.jupyter

import descent.dsl.Optimum
import descent.dsl.PinnResult
import descent.dsl.ProgressDisplay
import descent.optim.History
import descent.optim.Result
import descent.plot.toSvg
import descent.tensor.Params
import descent.tensor.Tensor
import org.jetbrains.kotlinx.jupyter.api.HTML
import org.jetbrains.kotlinx.jupyter.api.MIME
import org.jetbrains.kotlinx.jupyter.api.libraries.JupyterIntegration
import org.jetbrains.letsPlot.Figure

/**
 * Loads Descent into a Kotlin notebook, by `%use descent` or by adding the jar with
 * `@file:DependsOn`: imports the tensor, AD, DSL, optimizer, curvature, STDE, PINN and plot packages (with
 * lets-plot's own builders), renders tensors, parameter trees, optimization and PINN results, histories
 * and lets-plot figures (as SVG rendered in the kernel, so no network is needed), and shows
 * [descent.dsl.minimize] and [descent.dsl.pinn] runs live in an output that is updated in place.
 */
class DescentIntegration : JupyterIntegration() {
    override fun Builder.onLoaded() {
        import(
            "descent.tensor.*", "descent.ad.*", "descent.dsl.*", "descent.plot.*", "descent.stde.*", "descent.pinn.*", "descent.pinn.zoo.*",
            "descent.optim.Optimizers", "descent.optim.Transforms", "descent.optim.Schedule", "descent.optim.Stop",
            "descent.optim.Minimize", "descent.optim.Objective", "descent.optim.BatchObjective", "descent.optim.History",
            "descent.optim.Sampling", "descent.optim.Transform", "descent.optim.Methods", "descent.optim.Bounds",
            "descent.optim.HessianObjective", "descent.optim.LineSearch", "descent.optim.SharpnessMonitor", "descent.curvature.*",
            "org.jetbrains.letsPlot.*", "org.jetbrains.letsPlot.geom.*", "org.jetbrains.letsPlot.scale.*",
            "org.jetbrains.letsPlot.label.*", "org.jetbrains.letsPlot.facet.*", "org.jetbrains.letsPlot.themes.*",
            "org.jetbrains.letsPlot.coord.*",
        )
        onLoaded { if (JupyterProgress.enabled) ProgressDisplay.installed = JupyterProgress(this) }
        onShutdown { ProgressDisplay.installed = null }
        render<Tensor> { HTML(TensorHtml.render(it)) }
        render<Params<*>> { HTML(ParamsHtml.render(it)) }
        render<Optimum> { HTML(ResultHtml.render(it.label, it.result)) }
        render<Result> { HTML(ResultHtml.render(null, it)) }
        render<PinnResult> { HTML(PinnHtml.render(it)) }
        render<History> { MIME("image/svg+xml" to ResultHtml.historySvg(it)) }
        render<Figure> { MIME("image/svg+xml" to it.toSvg()) }
    }
}
