package descent.jupyter

import descent.dsl.ProgressSnapshot
import descent.dsl.RunSummary
import java.util.Locale

/** The HTML of a live progress display: a bar, the step, loss, gradient norm, the current phase's rate and time left. */
object ProgressHtml {
    private const val STYLE = "font-family:monospace;font-size:90%"

    /** During the run. */
    fun running(s: ProgressSnapshot): String {
        val fraction = if (s.maxSteps > 0) s.step.toDouble() / s.maxSteps else 0.0
        return "<div style=\"$STYLE\"><b>${Html.escape(s.label)}</b> " +
            "<progress value=\"${String.format(Locale.ROOT, "%.4f", fraction)}\" max=\"1\" style=\"width:12em\"></progress> " +
            "step ${s.step}/${s.maxSteps} &nbsp; loss ${Html.number(s.loss)} &nbsp; |g| ${Html.number(s.gradientNorm)}" +
            (if (s.learningRate.isNaN()) "" else " &nbsp; lr ${Html.number(s.learningRate)}") +
            " &nbsp; ${if (s.rate.isNaN()) "&ndash;" else String.format(Locale.ROOT, "%.0f", s.rate)} steps/s" +
            " &nbsp; ETA ${Html.seconds(s.etaSeconds)}</div>"
    }

    /** After the run. */
    fun finished(s: RunSummary): String =
        "<div style=\"$STYLE\"><b>${Html.escape(s.label)}</b> done: ${s.reason} after ${s.steps} steps in ${Html.seconds(s.seconds)}" +
            " &nbsp; loss ${Html.number(s.loss)} &nbsp; |g| ${Html.number(s.gradientNorm)}" +
            s.metrics.entries.joinToString("") { " &nbsp; ${Html.escape(it.key)} ${Html.number(it.value)}" } + "</div>"

    /** After a run that failed. */
    fun failed(label: String, e: Throwable): String =
        "<div style=\"$STYLE;color:#b00\"><b>${Html.escape(label)}</b> failed: ${Html.escape(e.toString())}</div>"
}
