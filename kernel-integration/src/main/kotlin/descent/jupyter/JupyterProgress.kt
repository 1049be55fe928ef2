package descent.jupyter

import descent.dsl.ProgressDisplay
import descent.dsl.ProgressSnapshot
import descent.dsl.RunSummary
import descent.dsl.Throttled
import org.jetbrains.kotlinx.jupyter.api.HTML
import org.jetbrains.kotlinx.jupyter.api.KotlinKernelHost
import java.util.UUID

/**
 * Shows each [descent.dsl.minimize] and [descent.dsl.pinn] run that lasts longer than a quarter of a second in one
 * notebook output: created at the first snapshot, updated in place through the kernel's
 * display-update messages at most four times a second, and replaced by a summary when the run
 * ends. Runs that end sooner show nothing live (their result renders as the cell's value).
 *
 * [host] must be a cell's own host (the one the integration is loaded with): the kernel routes its
 * displays to the cell executing at the time, while the hosts of before-cell callbacks discard them.
 */
class JupyterProgress(private val host: KotlinKernelHost) : ProgressDisplay {
    override fun start(label: String, maxSteps: Long): ProgressDisplay.Run {
        val id = "descent-progress-" + UUID.randomUUID()
        return object : Throttled(label, maxSteps) {
            private var shown = false

            override fun show(snapshot: ProgressSnapshot) = send(ProgressHtml.running(snapshot))

            override fun finished(summary: RunSummary) {
                if (shown) send(ProgressHtml.finished(summary))
            }

            override fun failed(error: Throwable) {
                if (shown) send(ProgressHtml.failed(label, error))
            }

            private fun send(html: String) {
                if (shown) host.updateDisplay(HTML(html), id) else host.display(HTML(html), id)
                shown = true
            }
        }
    }

    companion object {
        /**
         * Whether notebooks show live progress: true unless the system property
         * `descent.progress` is `false` (headless runs set it, as they cannot record updates).
         */
        val enabled: Boolean get() = System.getProperty("descent.progress") != "false"
    }
}
