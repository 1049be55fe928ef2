package descent.jupyter

import descent.dsl.ProgressDisplay
import org.jetbrains.kotlinx.jupyter.EvalRequestData
import org.jetbrains.kotlinx.jupyter.ReplForJupyter
import org.jetbrains.kotlinx.jupyter.api.MimeTypedResult
import org.jetbrains.kotlinx.jupyter.api.libraries.ExecutionHost
import org.jetbrains.kotlinx.jupyter.libraries.EmptyResolutionInfoProvider
import org.jetbrains.kotlinx.jupyter.libraries.getStandardResolver
import org.jetbrains.kotlinx.jupyter.messaging.DisplayHandler
import org.jetbrains.kotlinx.jupyter.repl.creating.createRepl
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import java.io.File
import java.nio.file.Files
import java.util.jar.JarEntry
import java.util.jar.JarOutputStream
import kotlin.script.experimental.jvm.util.classpathFromClassloader

/**
 * Runs cells in the Kotlin kernel's own REPL (the version notebooks use), with a library home that
 * holds Descent's descriptor where the launcher installs it, and checks what each cell renders and
 * displays.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelTest {
    /** Every display and display update the cells sent, in order. */
    private val sent = mutableListOf<Triple<String, String?, Any?>>()

    private val recorder = object : DisplayHandler {
        override fun handleDisplay(value: Any, host: ExecutionHost, id: String?) {
            sent += Triple("display", id, value)
        }

        override fun handleUpdate(value: Any, host: ExecutionHost, id: String?) {
            sent += Triple("update", id, value)
        }
    }

    private lateinit var home: File
    private lateinit var repl: ReplForJupyter

    @BeforeAll
    fun start() {
        home = Files.createTempDirectory("descent-kernel-home").toFile()
        // The shipped descriptor with its Maven coordinates replaced by a jar holding only the
        // integration's entry (its classes are on this classpath already): it is found in
        // <home>/libraries like the installed one, and the kernel loads the integration from it.
        val shipped = File("target/library/descent.json").readText()
        val entry = "META-INF/kotlin-jupyter-libraries/libraries.json"
        val jar = File(home, "descent-entry.jar")
        JarOutputStream(jar.outputStream()).use {
            it.putNextEntry(JarEntry(entry))
            it.write(File("target/classes/$entry").readBytes())
            it.closeEntry()
        }
        File(home, "libraries").mkdirs()
        File(home, "libraries/descent.json").writeText(shipped.replace(Regex("\"dev\\.descent:descent-jupyter:[^\"]+\""), "\"${jar.absolutePath}\""))
        val cl = javaClass.classLoader
        repl = createRepl(EmptyResolutionInfoProvider, classpathFromClassloader(cl).orEmpty(), home,
            libraryResolver = getStandardResolver(home.absolutePath, EmptyResolutionInfoProvider), isEmbedded = true,
            displayHandler = recorder)
    }

    @AfterAll
    fun stop() {
        ProgressDisplay.installed = null
        home.deleteRecursively()
    }

    /**
     * Loads Descent by its descriptor. The embedded REPL runs the integration of a library that a
     * cell added at the end of the following cell (the kernel process runs it before that cell's
     * code), so an empty cell follows.
     */
    private fun useDescent() {
        eval("%use descent")
        eval("Unit")
    }

    private fun eval(code: String): Pair<Any?, Any?> {
        val r = repl.evalEx(EvalRequestData(code))
        return r.rawValue to r.renderedValue
    }

    private fun mime(rendered: Any?): Map<String, String> {
        assertTrue(rendered is MimeTypedResult, "rendered as ${rendered?.javaClass}")
        return (rendered as MimeTypedResult).toMap()
    }

    @Test
    fun useDescentThenEveryRenderer() {
        useDescent()
        assertEquals(true, eval("ProgressDisplay.installed is descent.jupyter.JupyterProgress").first)
        val shipped = File("target/library/descent.json").readText()
        assertTrue(shipped.contains("\"dev.descent:descent-jupyter:0.1.0-SNAPSHOT\"") && shipped.contains("*mavenLocal"), shipped)

        // the DSL as a new user writes it: Int literals, tensors and values mixed, log
        val (g, gHtml) = eval("""
            val X = matrixOf(doubleArrayOf(1.0, 2.0), doubleArrayOf(3.0, 4.0))
            val loss = fn { w -> sum(log(1 + (X matmul w) pow 2)) + 2 * sum(w * X[0, all]) }
            grad(loss)(tensorOf(0.5, -1))
        """.trimIndent())
        assertTrue(g is descent.tensor.Tensor)
        assertTrue(mime(gHtml)["text/html"]!!.contains("Tensor [2] float64"))

        val (_, p) = eval("""params("w" to tensorOf(1.0, 2.0), "b" to descent.tensor.Tensor.scalar(0.5))""")
        val ph = mime(p)["text/html"]!!
        assertTrue(ph.contains("2 leaves, 3 numbers") && ph.contains(">w<") && ph.contains("[2]"), ph)

        val (opt, optHtml) = eval("""
            val rosen = fn { p -> (1 - p[0]).square() + 100 * (p[1] - p[0] * p[0]).square() }
            minimize(rosen, tensorOf(-1.2, 1)) { optimizer = adam(lr = 2e-2); steps = 20_000; gradientTolerance = 1e-8 }
        """.trimIndent())
        assertTrue(opt is descent.dsl.Optimum)
        val oh = mime(optHtml)["text/html"]!!
        assertTrue(oh.contains("<b>adam</b> stopped: GRADIENT_NORM") && oh.contains("<svg") && oh.contains("gradient norm"), oh.take(400))
        // the history's legend names the run by its label
        assertTrue(Regex(">\\s*adam\\s*<").containsMatchIn(oh.substringAfter("<svg")), oh.substringAfter("<svg").take(400))
        val (trained, pinnHtml) = eval("""
            pinn {
                problem(Zoo.poisson1d())
                network(8)
                points = 64
                boundaryPoints = 8
                metrics(every = 100, points = 200)
                train { adam(steps = 200, lr = 1e-2) then adam(steps = 100, lr = 1e-3) }
            }
        """.trimIndent())
        assertTrue(trained is descent.dsl.PinnResult)
        val th = mime(pinnHtml)["text/html"]!!
        assertTrue(th.contains("trained: 300 steps") && th.contains("adam 200 then adam 100") && th.contains("relative L2 error") &&
            th.contains("<svg"), th.take(600))

        val (_, fig) = eval("historyPlot(minimize(rosen, tensorOf(0, 0)) { steps = 50; progress = false })")
        val svg = mime(fig)["image/svg+xml"]!!
        assertTrue(svg.startsWith("<svg") && svg.contains("adam"), svg.take(200))

        val (_, plot) = eval("letsPlot(mapOf(\"a\" to listOf(1, 2, 3), \"b\" to listOf(3, 1, 2))) + geomLine { x = \"a\"; y = \"b\" } + ggtitle(\"mine\")")
        val plotSvg = mime(plot)["image/svg+xml"]!!
        assertTrue(Regex("class=\"plot-title\"[^>]*>\\s*mine\\s*<").containsMatchIn(plotSvg), plotSvg.take(300))
    }

    @Test
    fun liveProgressIsUpdatedWhileALongRunGoes() {
        useDescent()
        sent.clear()
        eval("""
            val slow = fn { x -> sum(x * x) + 0 * sum(sin(x)) }
            minimize(slow, tensorOf(1.0, 2.0, 3.0)) { optimizer = sgd(lr = 1e-6); steps = 1_000_000 }
        """.trimIndent())
        // one output, created at the first snapshot, then updated in place under its id, ending with the summary
        assertEquals("display", sent.first().first, sent.map { it.first }.toString())
        val id = sent.first().second!!
        assertTrue(id.startsWith("descent-progress-"), id)
        assertTrue(sent.drop(1).all { it.first == "update" && it.second == id }, sent.map { it.first to it.second }.toString())
        val html = sent.map { mime(it.third)["text/html"]!! }
        val running = html.filter { it.contains("<progress") }
        assertTrue(running.size >= 2, "snapshots while running: ${running.size}")
        assertTrue(running.all { it.contains("steps/s") && it.contains("ETA") && it.contains("/1000000") }, running.first())
        assertTrue(html.last().contains("<b>sgd</b> done: STEPS after 1000000 steps"), html.last())

        // a run shorter than the first snapshot shows nothing live
        sent.clear()
        eval("minimize(slow, tensorOf(1.0, 2.0, 3.0)) { optimizer = sgd(lr = 1e-6); steps = 10 }")
        assertTrue(sent.isEmpty(), sent.toString())
    }
}
