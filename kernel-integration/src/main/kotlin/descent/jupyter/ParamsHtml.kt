package descent.jupyter

import descent.tensor.Params
import descent.tensor.Tensor

/** HTML for a parameter tree: one row per leaf with its path, shape, size and norm (and its values when few). */
object ParamsHtml {
    private const val SHOWN = 6

    /** The HTML fragment for [p]; leaves that are not tensors are shown by their text. */
    fun render(p: Params<*>): String {
        val paths = p.paths()
        val sb = StringBuilder("<div style=\"font-family:monospace;font-size:90%;color:#555\">Params: ")
            .append(paths.size).append(if (paths.size == 1) " leaf" else " leaves")
        val tensors = paths.map { p.get(it) }.filterIsInstance<Tensor>()
        if (tensors.size == paths.size) sb.append(", ").append(tensors.sumOf { it.size().toLong() }).append(" numbers")
        sb.append("</div><table style=\"font-family:monospace;font-size:90%\"><tr><th style=\"text-align:left\">path</th>")
            .append("<th>shape</th><th>size</th><th>norm</th><th style=\"text-align:left\">values</th></tr>")
        for (path in paths) {
            val leaf = p.get(path)
            sb.append("<tr><td style=\"text-align:left\">").append(Html.escape(path)).append("</td>")
            if (leaf is Tensor) {
                val values = leaf.toArray()
                val shown = values.take(SHOWN).joinToString(", ") { Html.number(it) } + if (values.size > SHOWN) ", &hellip;" else ""
                sb.append("<td>").append(leaf.shape()).append("</td><td style=\"text-align:right\">").append(leaf.size())
                    .append("</td><td style=\"text-align:right\">").append(Html.number(leaf.norm().item()))
                    .append("</td><td style=\"text-align:left\">").append(shown).append("</td>")
            } else {
                sb.append("<td colspan=\"4\" style=\"text-align:left\">").append(Html.escape(leaf.toString())).append("</td>")
            }
            sb.append("</tr>")
        }
        return sb.append("</table>").toString()
    }
}
