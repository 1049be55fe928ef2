package descent.plot

import descent.curvature.Operator
import descent.curvature.SpectralDensity
import descent.dsl.adam
import descent.dsl.fn
import descent.dsl.get
import descent.dsl.minimize
import descent.dsl.minus
import descent.dsl.plus
import descent.dsl.sgd
import descent.dsl.tensorOf
import descent.dsl.times
import descent.tensor.Rng
import descent.tensor.Tensor
import org.jetbrains.letsPlot.intern.toSpec
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.w3c.dom.Element
import java.io.ByteArrayInputStream
import java.nio.file.Files
import java.nio.file.Path
import javax.imageio.ImageIO
import javax.xml.parsers.DocumentBuilderFactory

class PlotsTest {
    private val rosen = fn { p -> (1 - p[0]).square() + 100 * (p[1] - p[0] * p[0]).square() }
    private val runs = listOf(adam(lr = 2e-2), sgd(lr = 1e-3, momentum = 0.9)).map { opt ->
        minimize(rosen, tensorOf(-1.2, 1.0)) { optimizer = opt; steps = 3000; recordIterates = true }
    }

    /** Parses [svg] as XML and returns its root, which must be an <svg> of positive size. */
    private fun parse(svg: String): Element {
        val doc = DocumentBuilderFactory.newInstance().apply { isNamespaceAware = true }.newDocumentBuilder()
            .parse(ByteArrayInputStream(svg.toByteArray()))
        val root = doc.documentElement
        assertEquals("svg", root.localName)
        assertTrue(root.getAttribute("width").toDouble() > 0 && root.getAttribute("height").toDouble() > 0, svg.take(200))
        return root
    }

    private fun texts(root: Element): List<String> {
        val nodes = root.getElementsByTagNameNS("*", "text")
        return (0 until nodes.length).map { nodes.item(it).textContent.trim() }
    }

    @Test
    fun historyOfSeveralRunsIsOneFigureWithALegendAndALogAxis() {
        val p = historyPlot(*runs.toTypedArray(), metrics = listOf(Metric.LOSS, Metric.GRADIENT_NORM), title = "Rosenbrock")
        val root = parse(p.toSvg())
        val t = texts(root)
        assertTrue(t.containsAll(listOf("adam", "sgd", "Rosenbrock", "loss", "gradient norm")), t.toString())
        // log10 axis: tick labels are powers of ten
        assertTrue(t.any { it.matches(Regex("1e-?\\d+|10\\^.*|0\\.0+1")) }, t.toString())
        // one path per run and panel
        val paths = root.getElementsByTagNameNS("*", "path").length
        assertTrue(paths >= 4, "paths: $paths")
    }

    @Test
    fun trajectoriesOnContoursAndPngExport(@TempDir dir: Path) {
        val p = contourPlot({ x, y -> (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x) }, -2.0..2.0, -1.0..3.0,
            trajectories = runs.associate { it.label to it.trajectory }, title = "paths")
        val svg = p.saveSvg(dir.resolve("nested/contour.svg"))
        val root = parse(Files.readString(svg))
        assertTrue(texts(root).containsAll(listOf("adam", "sgd", "paths")))
        assertTrue(Files.size(svg) < 1_000_000, "svg of ${Files.size(svg)} bytes")
        val png = p.savePng(dir.resolve("contour.png"), scale = 2.0)
        val bytes = Files.readAllBytes(png)
        assertEquals(listOf(0x89, 'P'.code, 'N'.code, 'G'.code), bytes.take(4).map { it.toInt() and 0xff })
        val image = ImageIO.read(png.toFile())
        assertEquals(2 * root.getAttribute("width").toDouble().toInt(), image.width)
        val colors = HashSet<Int>()
        for (yy in 0 until image.height step 7) for (xx in 0 until image.width step 7) colors += image.getRGB(xx, yy)
        assertTrue(colors.size > 10, "the PNG has ${colors.size} colors")
    }

    @Test
    fun heatmapEmbedsOneRasterImage() {
        val field = Tensor.wrap(DoubleArray(50 * 80) { k -> Math.sin(k % 80 / 10.0) * (k / 80) }, 50, 80)
        val svg = heatmap(field, 0.0..1.0, 0.0..2.0, title = "u(x, t)", yLabel = "t").toSvg()
        val root = parse(svg)
        assertEquals(1, root.getElementsByTagNameNS("*", "image").length)
        assertTrue(texts(root).containsAll(listOf("u(x, t)", "t", "x")))
        assertTrue(svg.length < 200_000, "svg of ${svg.length} characters")
        val png = ImageIO.read(ByteArrayInputStream(heatmap({ x, y -> x * y }, 0.0..1.0, 0.0..1.0, nx = 20, ny = 20).toPng()))
        assertTrue(png.width > 100 && png.height > 100)
    }

    @Test
    fun logAxesLabelSmallValuesInScientificNotation() {
        val x = intArrayOf(1, 2, 3, 4, 5)
        val y = doubleArrayOf(1.0, 1e-1, 1e-2, 1e-3, 1e-4)
        val t = texts(parse(linePlot(x, mapOf("loss" to y), logY = true).toSvg()))
        assertTrue(t.contains("1e-4") && t.contains("1e-2"), t.toString())
        assertTrue(t.none { it.matches(Regex("0\\.0+")) }, t.toString())
    }

    @Test
    fun linePlotWithLogAxes() {
        val n = intArrayOf(1, 4, 16, 64)
        val err = doubleArrayOf(1.0, 0.5, 0.25, 0.125)
        val root = parse(linePlot(n, mapOf("d = 10" to err, "d = 100" to err.map { it * 3 }.toDoubleArray()), logX = true, logY = true,
            xLabel = "|J|", yLabel = "relative error").toSvg())
        assertTrue(texts(root).containsAll(listOf("|J|", "relative error", "d = 10", "d = 100")))
        val e = runCatching { linePlot(n, mapOf("a" to doubleArrayOf(1.0))) }.exceptionOrNull()
        assertEquals("linePlot: series 'a' has 1 values for 4 x values", e?.message)
    }

    @Suppress("UNCHECKED_CAST")
    private fun data(p: org.jetbrains.letsPlot.intern.Plot): Map<String, List<Any>> = p.toSpec()["data"] as Map<String, List<Any>>

    @Test
    fun curvesWithTheirOwnXValuesAreThinnedAndKeepOnlyPositivePointsOnLogAxes() {
        val many = DoubleArray(5000) { it + 1.0 }
        val runs = mapOf(
            "one evaluation per step" to (many to DoubleArray(5000) { 1.0 / (it + 1) }),
            "line search" to (doubleArrayOf(1.0, 3.0, 7.0, 12.0) to doubleArrayOf(1.0, 1e-3, 0.0, 1e-9)),
        )
        val p = curvePlot(runs, logX = true, xLabel = "evaluations", yLabel = "f - f*", maxPoints = 100)
        val d = data(p)
        val names = d["run"]!!.map { it.toString() }
        assertEquals(100, names.count { it == "one evaluation per step" })
        // the zero cannot be drawn on a log axis; the other three points of the short run are kept
        assertEquals(listOf(1.0, 3.0, 12.0), d["x"]!!.indices.filter { names[it] == "line search" }.map { (d["x"]!![it] as Number).toDouble() })
        val t = texts(parse(p.toSvg()))
        assertTrue(t.containsAll(listOf("evaluations", "f - f*", "line search", "one evaluation per step")), t.toString())
        val e = assertThrows(IllegalArgumentException::class.java) { curvePlot(mapOf("a" to (doubleArrayOf(1.0) to doubleArrayOf()))) }
        assertEquals("curvePlot: run 'a' has 1 x values and 0 y values", e.message)
    }

    @Test
    fun spectralDensityOfADiagonalOperatorMatchesItsExactSpectrum() {
        // Rademacher probes of a diagonal matrix weight every eigenvalue by exactly 1/n, so with as many
        // Lanczos steps as distinct eigenvalues the quadrature is the exact spectrum
        val eigenvalues = doubleArrayOf(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 5.0, 40.0)
        val slq = SpectralDensity.estimate(Operator.diagonal(eigenvalues), 10, 3, Rng(7))
        val sigma = 0.5
        val p = spectralDensityPlot(mapOf("SLQ" to slq), sigma, eigenvalues, points = 300, logY = false)
        val d = data(p)
        val names = d["s"]!!.map { it.toString() }
        val y = d["y"]!!.map { (it as Number).toDouble() }
        val x = d["x"]!!.map { (it as Number).toDouble() }
        val est = y.indices.filter { names[it] == "SLQ" }.map { y[it] }
        val exact = y.indices.filter { names[it] == "exact" }.map { y[it] }
        assertEquals(300, est.size)
        for (k in est.indices) assertEquals(exact[k], est[k], 1e-12)
        assertEquals(1.0 - 3 * sigma, x.first(), 1e-12)
        assertEquals(40.0 + 3 * sigma, x.last(), 1e-12)
        // the density integrates to one over the grid (trapezoids)
        val h = (x[1] - x[0])
        assertEquals(1.0, exact.zipWithNext { a, b -> (a + b) / 2 * h }.sum(), 2e-3)
        val logged = spectralDensityPlot(slq, sigma, eigenvalues, title = "Hessian spectrum")
        val t = texts(parse(logged.toSvg()))
        assertTrue(t.containsAll(listOf("Hessian spectrum", "SLQ", "exact", "eigenvalue", "density")), t.toString())
        val kept = data(logged)
        val top = kept["y"]!!.maxOf { (it as Number).toDouble() }
        assertTrue(kept["y"]!!.all { (it as Number).toDouble() > 1e-6 * top })
        // the default grid spaces points sigma / 4 apart; between the eigenvalues 5 and 40 the density falls
        // below the floor, so each series breaks into two segments there instead of joining across the gap
        val kx = kept["x"]!!.map { (it as Number).toDouble() }
        assertEquals(sigma / 4, kx[1] - kx[0], 1e-3)
        val segmentsOf = { s: String -> kept["segment"]!!.indices.filter { kept["s"]!![it] == s }.map { kept["segment"]!![it] }.distinct().size }
        assertEquals(2, segmentsOf("SLQ"))
        assertEquals(2, segmentsOf("exact"))
        val e = assertThrows(IllegalArgumentException::class.java) { spectralDensityPlot(slq, 0.0) }
        assertEquals("spectralDensityPlot: sigma must be positive, got 0.0", e.message)
    }
}
