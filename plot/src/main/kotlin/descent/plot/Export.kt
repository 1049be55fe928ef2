package descent.plot

import org.apache.batik.transcoder.TranscoderInput
import org.apache.batik.transcoder.TranscoderOutput
import org.apache.batik.transcoder.image.PNGTranscoder
import org.jetbrains.letsPlot.Figure
import org.jetbrains.letsPlot.awt.plot.PlotSvgExport
import org.jetbrains.letsPlot.intern.toSpec
import java.io.ByteArrayOutputStream
import java.io.StringReader
import java.nio.file.Files
import java.nio.file.Path

/**
 * The figure as SVG text, rendered on this machine by lets-plot's own renderer (no browser, no
 * network). Raster layers are embedded as PNG data.
 */
fun Figure.toSvg(): String = svg(pixelated = true)

/** The figure as PNG bytes, the SVG rasterized by Batik at [scale] times its size in pixels. */
fun Figure.toPng(scale: Double = 1.0): ByteArray = svgToPng(svg(pixelated = false), scale)

/** Browsers draw raster layers with sharp pixels through CSS that Batik does not know, so PNG export leaves it out. */
private fun Figure.svg(pixelated: Boolean): String = PlotSvgExport.buildSvgImageFromRawSpecs(toSpec(), null, pixelated)

/** Writes the figure's SVG to [file] (creating its directory) and returns the file. */
fun Figure.saveSvg(file: Path): Path {
    file.toAbsolutePath().parent?.let { Files.createDirectories(it) }
    return Files.writeString(file, toSvg())
}

/** Writes the figure as a PNG at [scale] times its size to [file] (creating its directory) and returns the file. */
fun Figure.savePng(file: Path, scale: Double = 1.0): Path {
    file.toAbsolutePath().parent?.let { Files.createDirectories(it) }
    return Files.write(file, toPng(scale))
}

/** Rasterizes SVG text to PNG bytes with Batik, headless, at [scale] times the SVG's own width. */
fun svgToPng(svg: String, scale: Double = 1.0): ByteArray {
    require(scale > 0 && scale.isFinite()) { "svgToPng: scale must be positive, got $scale" }
    val transcoder = PNGTranscoder()
    val width = Regex("""<svg[^>]*?\swidth="([0-9.]+)""").find(svg)?.groupValues?.get(1)?.toFloat()
    if (width != null && scale != 1.0) {
        transcoder.addTranscodingHint(PNGTranscoder.KEY_WIDTH, (width * scale).toFloat())
    }
    val out = ByteArrayOutputStream()
    transcoder.transcode(TranscoderInput(StringReader(svg)), TranscoderOutput(out))
    return out.toByteArray()
}
