package descent.jupyter

import java.util.Locale

/** Formatting shared by the renderers. */
internal object Html {
    fun escape(s: String): String = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")

    fun number(v: Double): String = when {
        v.isNaN() -> "NaN"
        v.isInfinite() -> if (v > 0) "&infin;" else "-&infin;"
        v == Math.rint(v) && Math.abs(v) < 1e15 -> String.format(Locale.ROOT, "%.1f", v)
        else -> String.format(Locale.ROOT, "%.6g", v)
    }

    fun seconds(s: Double): String = when {
        s.isNaN() -> "&ndash;"
        s < 1e-3 -> String.format(Locale.ROOT, "%.0f &micro;s", s * 1e6)
        s < 1 -> String.format(Locale.ROOT, "%.0f ms", s * 1e3)
        s < 120 -> String.format(Locale.ROOT, "%.1f s", s)
        else -> String.format(Locale.ROOT, "%d min %02d s", (s / 60).toLong(), (s % 60).toLong())
    }
}
