package descent.jupyter

import descent.dsl.PinnResult
import descent.plot.toSvg
import descent.plot.trainingPlot

/** HTML for a trained PINN: its problem, network, recipe and final numbers, and its training as inline SVG. */
object PinnHtml {
    /** The summary and training plot of [r]. */
    fun render(r: PinnResult): String {
        val sb = StringBuilder("<div style=\"font-family:monospace;font-size:90%\"><b>").append(Html.escape(r.label))
            .append("</b> trained: ").append(r.steps).append(" steps in ").append(Html.seconds(r.seconds)).append("</div>")
        sb.append("<table style=\"font-family:monospace;font-size:90%\">")
        row(sb, "problem", Html.escape(r.pinn.problem().name()) + ", d = " + r.pinn.problem().domain().dimension())
        row(sb, "parameters", r.params.leafCount().toString() + " leaves, " + r.params.paths().sumOf { r.params.get(it).size().toLong() } + " numbers")
        row(sb, "recipe", Html.escape(r.phases.joinToString(" then ") { "${it.name()} ${it.steps()}" }))
        row(sb, "loss", Html.number(r.loss))
        row(sb, "relative L2 error", Html.number(r.relativeL2))
        sb.append("</table>")
        sb.append("<div>").append(trainingPlot(r).toSvg()).append("</div>")
        return sb.toString()
    }

    private fun row(sb: StringBuilder, name: String, value: String) {
        sb.append("<tr><td style=\"text-align:left\">").append(name).append("</td><td style=\"text-align:left\">").append(value)
            .append("</td></tr>")
    }
}
