@file:DependsOn("dev.descent:descent-dsl:0.1.0-SNAPSHOT")

// Optimizers of descent.optim through the Kotlin DSL on the Rosenbrock function from (-1.2, 1).
// Run with: ./descent run examples/optimizers.main.kts, or kotlinc -script after mvn install
import descent.dsl.*
import descent.optim.Stop

val rosen = fn { p -> (1 - p[0]).square() + 100 * (p[1] - p[0] * p[0]).square() }
for ((name, opt) in listOf("sgd, momentum 0.9" to sgd(lr = 1e-3, momentum = 0.9), "adam" to adam(lr = 2e-2), "lion" to lion(lr = 1e-3))) {
    val r = minimize(rosen, tensorOf(-1.2, 1)) { optimizer = opt; steps = 20_000; gradientTolerance = 1e-8; label = name }
    println(r)
    check(r.reason == Stop.Reason.GRADIENT_NORM && Math.hypot(r.x[0] - 1, r.x[1] - 1) < 1e-6) { r.toString() }
}
