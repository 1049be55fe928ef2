package descent.jupyter

import descent.tensor.Tensor

/**
 * HTML for a tensor in a notebook: a header with shape and dtype, then a table for scalars,
 * vectors and matrices (long axes elided in the middle), or the text form for higher ranks.
 */
object TensorHtml {
    private const val EDGE = 8

    /** The HTML fragment for [t]. */
    fun render(t: Tensor): String {
        val header = "<div style=\"font-family:monospace;font-size:90%;color:#555\">Tensor ${t.shape()} ${t.dtype().name.lowercase()}</div>"
        val body = when (t.rank()) {
            0 -> "<pre>${t.item()}</pre>"
            1 -> table(1, t.size()) { _, j -> t.get(j) }
            2 -> table(t.shape().dim(0), t.shape().dim(1)) { i, j -> t.get(i, j) }
            else -> "<pre>${Html.escape(t.toString())}</pre>"
        }
        return header + body
    }

    private fun indices(n: Int): List<Int?> =
        if (n <= 2 * EDGE) (0 until n).toList() else (0 until EDGE).toList() + listOf(null) + (n - EDGE until n).toList()

    private fun table(rows: Int, cols: Int, value: (Int, Int) -> Double): String {
        val sb = StringBuilder("<table style=\"font-family:monospace;font-size:90%\">")
        for (i in indices(rows)) {
            sb.append("<tr>")
            for (j in indices(cols)) {
                val cell = if (i == null || j == null) "&hellip;" else format(value(i, j))
                sb.append("<td style=\"text-align:right\">").append(cell).append("</td>")
            }
            sb.append("</tr>")
        }
        return sb.append("</table>").toString()
    }

    private fun format(v: Double): String = Html.number(v)

}
