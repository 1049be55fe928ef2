package descent.jupyter

import descent.tensor.Tensor
import org.jetbrains.kotlinx.jupyter.api.HTML
import org.jetbrains.kotlinx.jupyter.api.libraries.JupyterIntegration

/**
 * Loads Descent into a Kotlin notebook: imports the tensor, AD and DSL packages and renders
 * tensors as HTML tables. Discovered automatically when the jar is added with `@file:DependsOn`.
 */
class DescentIntegration : JupyterIntegration() {
    override fun Builder.onLoaded() {
        import("descent.tensor.*", "descent.ad.*", "descent.dsl.*")
        render<Tensor> { HTML(TensorHtml.render(it)) }
    }
}
