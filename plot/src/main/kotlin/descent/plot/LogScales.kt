package descent.plot

import org.jetbrains.letsPlot.scale.scaleXLog10
import org.jetbrains.letsPlot.scale.scaleYLog10

/**
 * Log10 axes labelled in scientific notation (1e-2, 1e-4): lets-plot's default labels on a log axis
 * round small values to a few decimals, so that 1e-4 reads as 0.000.
 */
internal const val LOG_AXIS_FORMAT = ".0e"

internal fun logScaleY() = scaleYLog10(format = LOG_AXIS_FORMAT)

internal fun logScaleX() = scaleXLog10(format = LOG_AXIS_FORMAT)
