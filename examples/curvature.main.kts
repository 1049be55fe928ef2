@file:DependsOn("dev.descent:descent-dsl:0.1.0-SNAPSHOT")

// The top Hessian eigenvalues of a small network's loss by Lanczos on Hessian-vector products, and its
// trace by Hutchinson's estimator, checked against the dense Hessian.
// Run with: ./descent run examples/curvature.main.kts, or kotlinc -script after mvn install
import descent.curvature.Eigen
import descent.curvature.Hutchinson
import descent.curvature.Operator
import descent.dsl.*
import descent.optim.HessianObjective
import descent.tensor.Key
import descent.tensor.Params
import descent.tensor.Random
import descent.tensor.Rng
import descent.tensor.Shape

// a 3 -> 8 -> 1 tanh network with its 41 parameters in one vector, least squares on 64 points
val X = Random.uniform(Key.of(1), Shape.of(64, 3), -1.0, 1.0)
val Y = sin(X[all, 0] * 3) + X[all, 1] * X[all, 2]
val loss = fn3 { t, x, y ->
    val hidden = tanh((x matmul t[0 until 24].reshape(3, 8)) + t[24 until 32])
    val out = (hidden matmul t[32 until 40].reshape(8, 1)).reshape(64) + t[40]
    mean((out - y).square()) / 2
}
val theta = Random.normal(Key.of(2), Shape.of(41), 0.0, 0.7)
val objective = HessianObjective.of(loss, Params.of("theta", theta), X, Y)
val h = Operator.hessian(objective::hvp, theta.toArray())

val dense = hessian(fn { t -> loss(t, t.constant(X), t.constant(Y)) })(theta)
val exact = Eigen.symmetric(Array(41) { i -> DoubleArray(41) { j -> dense[i, j] } }).values()
val top = Eigen.lanczos(h, 3, 30, Rng(0)).values()
println("top eigenvalues: Lanczos ${top.toList()}, exact ${exact.take(3)}")
for (k in 0 until 3) check(Math.abs(top[k] - exact[k]) <= 1e-9 * Math.abs(exact[0])) { "lambda_${k + 1}" }

val trace = Hutchinson.trace(h, 2000, Hutchinson.Probe.RADEMACHER, Rng(1))
val exactTrace = (0 until 41).sumOf { dense[it, it] }
println("trace: Hutchinson ${trace.value()} +- ${trace.standardError()}, exact $exactTrace")
check(Math.abs(trace.value() - exactTrace) <= 4 * trace.standardError())
