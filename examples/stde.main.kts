@file:DependsOn("dev.descent:descent-dsl:0.1.0-SNAPSHOT")

// A sparse STDE estimate of a Laplacian in 1000 dimensions, checked to be unbiased.
// Run with: ./descent run examples/stde.main.kts, or kotlinc -script after mvn install
import descent.dsl.*
import descent.stde.DiffOp
import descent.stde.Estimator
import descent.tensor.Key
import descent.tensor.Random
import descent.tensor.Shape

// u(x) = sum_i c_i sin(x_i) has Laplacian -u
val d = 1000
val c = Random.normal(Key.of(5), Shape.of(d), 0.0, 1.0)
val x = Random.uniform(Key.of(6), Shape.of(4, d), -2.0, 2.0)
val u = fn { p -> sum(sin(p) * c, 1) }
val exact = -u(x)
check((DiffOp.laplacian().exact(u)(x) - exact).abs().max().item() < 1e-10)

val estimate = DiffOp.laplacian().on(u, Estimator.sparse(16))
val draws = (0 until 400).map { estimate(x, Key.of(it.toLong()).toTensor()) }
val mean = draws.reduce { a, b -> a + b } / draws.size
val sd = sqrt(draws.map { (it - mean).square() }.reduce { a, b -> a + b } / (draws.size - 1))
val z = (mean - exact).abs() / (sd / Math.sqrt(draws.size.toDouble()))
println("exact Laplacian    ${exact}")
println("mean of 400 draws  ${mean}")
println("standard errors    ${z}")
check(z.max().item() < 4.0) { "the estimate's mean is ${z.max().item()} standard errors from the exact value" }
