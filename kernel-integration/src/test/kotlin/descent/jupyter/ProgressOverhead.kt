package descent.jupyter

import descent.dsl.ProgressDisplay
import descent.dsl.fn
import descent.dsl.minimize
import descent.dsl.sgd
import descent.dsl.sum
import descent.dsl.tensorOf
import descent.dsl.times
import org.jetbrains.kotlinx.jupyter.api.KotlinKernelHost
import java.lang.reflect.Proxy
import java.util.Locale

/**
 * What live progress costs a fast training loop: the same run (SGD on a 3-parameter quadratic, a
 * few microseconds a step) with and without [JupyterProgress] installed, alternated in one JVM after
 * warm-up, reported as medians and their ratio. The host discards displays after counting them, so
 * the figure includes building the HTML but not the kernel's socket. Run with `./descent bench progress`.
 */
fun main(args: Array<String>) {
    val steps = args.getOrNull(0)?.toInt() ?: 5_000_000
    val rounds = args.getOrNull(1)?.toInt() ?: 11
    var displays = 0
    val host = Proxy.newProxyInstance(KotlinKernelHost::class.java.classLoader, arrayOf(KotlinKernelHost::class.java)) { _, m, _ ->
        if (m.name == "display" || m.name == "updateDisplay") displays++
        null
    } as KotlinKernelHost
    val live = JupyterProgress(host)
    val f = fn { x -> sum(x * x) }

    fun run(display: ProgressDisplay?): Double {
        ProgressDisplay.installed = display
        val r = minimize(f, tensorOf(1.0, 2.0, 3.0)) { optimizer = sgd(lr = 1e-7); this.steps = steps }
        check(r.steps == steps.toLong())
        return r.seconds * 1e9 / steps
    }

    repeat(3) { run(null); run(live) }
    displays = 0
    val without = DoubleArray(rounds)
    val with = DoubleArray(rounds)
    for (i in 0 until rounds) {
        if (i % 2 == 0) {
            without[i] = run(null); with[i] = run(live)
        } else {
            with[i] = run(live); without[i] = run(null)
        }
    }
    ProgressDisplay.installed = null
    val a = without.sorted()[rounds / 2]
    val b = with.sorted()[rounds / 2]
    println(String.format(Locale.ROOT, "progress overhead: %d runs of %d steps each way; median %.1f ns/step without a display, " +
        "%.1f ns/step with JupyterProgress (%d displays and updates in all); ratio %.4f (%+.2f%%)",
        rounds, steps, a, b, displays, b / a, (b / a - 1) * 100))
}
