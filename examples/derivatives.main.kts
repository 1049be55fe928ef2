@file:DependsOn("dev.descent:descent-dsl:0.1.0-SNAPSHOT")

// Derivatives of a small function in every AD mode, from a Kotlin script.
// Run with: ./descent run examples/derivatives.main.kts, or kotlinc -script after mvn install
import descent.ad.AD
import descent.ad.Check
import descent.dsl.*
import descent.tensor.Tensor

val f = fn { x -> sum(sin(x) * x) }
val x = tensorOf(0.5, 1.0, 2.0)

val gradient = grad(f)(x)
val expected = Tensor.of(*DoubleArray(3) { i -> val v = x[i]; Math.sin(v) + v * Math.cos(v) })
check(gradient.allClose(expected, 1e-15, 0.0)) { "gradient $gradient, expected $expected" }
println("f(x)       = ${f(x).item()}")
println("grad f(x)  = $gradient")

val (_, directional) = AD.jvp(f).callAll(x, tensorOf(1.0, 0.0, 0.0))
check(Math.abs(directional.item() - gradient[0]) < 1e-15)
println("df(x)[e_0] = ${directional.item()}")

val h = hessian(f)(x)
println("hessian diagonal = ${(0 until 3).map { h[it, it] }}")

val third = jet(fn { v -> v.exp() }, Tensor.scalar(0.0), Tensor.scalar(1.0), Tensor.scalar(0.0), Tensor.scalar(0.0)).derivative(3)
check(third.item() == 1.0)
println("d3/dt3 exp(t) at 0 = ${third.item()}")

val report = Check.gradient(f, x)
check(report.passes(1e-8)) { report.toString() }
println("gradient check: $report")
