@file:DependsOn("dev.descent:descent-dsl:0.1.0-SNAPSHOT")

// L-BFGS against Adam on an l2-regularized logistic regression (n = 2000, d = 50), through minimize { }.
// Run with: ./descent run examples/logistic.main.kts, or kotlinc -script after mvn install
import descent.dsl.*
import descent.optim.LineSearch
import descent.optim.Methods
import descent.optim.Stop
import descent.tensor.Key
import descent.tensor.Random
import descent.tensor.Shape
import descent.tensor.Tensor

val lambda = 1e-3
val X = Random.normal(Key.of(21), Shape.of(2000, 50), 0.0, 1.0)
val wTrue = Random.normal(Key.of(22), Shape.of(50), 0.0, 0.5)
val y = Random.uniform(Key.of(23), Shape.of(2000), 0.0, 1.0) lt sigmoid(X matmul wTrue)
val loss = fn3 { w, X, y -> val z = X matmul w; mean(softplus(z) - y * z) + (lambda / 2) * sum(w * w) }
val w0 = Tensor.zeros(50)

val lbfgs = minimize(loss, w0, X, y) { method = Methods.lbfgs(10, LineSearch.strongWolfe(), 0.0, 0.0); gradientTolerance = 1e-8; label = "L-BFGS" }
val adam = minimize(loss, w0, X, y) { optimizer = adam(lr = 0.1); gradientTolerance = 1e-8; steps = 5000; label = "adam" }
for (r in listOf(lbfgs, adam)) println("$r, ${r.result.evaluations()} evaluations")
// the loss is lambda-strongly convex: |w - w*| <= |grad f(w)| / lambda, so both are within 2e-5 of each other
check(lbfgs.reason == Stop.Reason.GRADIENT_NORM && adam.reason == Stop.Reason.GRADIENT_NORM)
check((lbfgs.x - adam.x).norm().item() <= (lbfgs.gradientNorm + adam.gradientNorm) / lambda)
check(lbfgs.result.evaluations() * 10 < adam.result.evaluations()) { "L-BFGS ${lbfgs.result.evaluations()}, Adam ${adam.result.evaluations()}" }
