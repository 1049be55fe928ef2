package descent.jupyter

import descent.optim.History
import descent.optim.Result
import descent.plot.Metric
import descent.plot.historyPlot
import descent.plot.toSvg

/** HTML for an optimization run: a summary table and its loss and gradient-norm history as inline SVG. */
object ResultHtml {
    /** The summary and history of [r], under [label] when given. */
    fun render(label: String?, r: Result): String {
        val sb = StringBuilder("<div style=\"font-family:monospace;font-size:90%\">")
        if (label != null) sb.append("<b>").append(Html.escape(label)).append("</b> ")
        sb.append("stopped: ").append(r.reason()).append(" after ").append(r.steps()).append(" steps in ")
            .append(Html.seconds(r.nanos() / 1e9)).append("</div>")
        sb.append("<table style=\"font-family:monospace;font-size:90%\">")
        row(sb, "f(x)", Html.number(r.value()))
        row(sb, "|grad f(x)|", Html.number(r.gradientNorm()))
        row(sb, "steps", r.steps().toString())
        row(sb, "stop reason", r.reason().toString())
        val h = r.history()
        if (h.skippedSteps() > 0) row(sb, "skipped steps", h.skippedSteps().toString())
        val x = r.x()
        if (x.size <= 8) row(sb, "x", x.joinToString(", ", "[", "]") { Html.number(it) })
        else row(sb, "parameters", x.size.toString())
        sb.append("</table>")
        if (h.size() > 1) sb.append("<div>").append(historySvg(h, label ?: "run")).append("</div>")
        return sb.toString()
    }

    /** The loss and gradient-norm history as an SVG figure, its line named [name]. */
    fun historySvg(h: History, name: String = "run"): String =
        historyPlot(mapOf(name to h), Metric.LOSS, Metric.GRADIENT_NORM, maxPoints = 300, width = 640, height = 260).toSvg()

    private fun row(sb: StringBuilder, name: String, value: String) {
        sb.append("<tr><td style=\"text-align:left\">").append(name).append("</td><td style=\"text-align:left\">").append(value)
            .append("</td></tr>")
    }
}
