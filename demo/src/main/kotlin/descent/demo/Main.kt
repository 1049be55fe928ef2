package descent.demo

import descent.optim.ProgressLine
import descent.optim.Schedule
import descent.pinn.Init
import descent.pinn.Mlp
import descent.pinn.Phase
import descent.pinn.Pinn
import descent.pinn.zoo.Equation
import descent.pinn.zoo.Zoo
import descent.plot.historyPlot
import descent.plot.savePng
import descent.plot.saveSvg
import descent.stde.Estimator
import descent.tensor.Key
import java.nio.file.Path
import java.util.Locale

/**
 * `./descent demo`: the two-body Allen-Cahn equation (Laplacian u + u - u^3 = g on the unit ball of
 * R^1000, the STDE paper's benchmark) solved by a physics-informed network whose Laplacian is
 * estimated by sparse STDE (16 of the 1000 coordinates per step), with a live progress line, the
 * relative L2 error against the exact solution, and the loss history saved as SVG and PNG.
 * `./descent demo optim` compares optimizers on the Rosenbrock function instead.
 *
 * Arguments: `[optim]`, or `[--dim D] [--steps N] [--out DIR]`.
 */
fun main(args: Array<String>) {
    if (args.firstOrNull() == "optim") {
        descent.Demo.main(emptyArray())
        return
    }
    var d = 1000
    var steps = 1000L
    var out = Path.of("descent-demo")
    var i = 0
    while (i < args.size) {
        when (args[i]) {
            "--dim" -> d = args[++i].toInt()
            "--steps" -> steps = args[++i].toLong()
            "--out" -> out = Path.of(args[++i])
            else -> throw IllegalArgumentException("demo: unknown argument '${args[i]}' (use optim, --dim D, --steps N, --out DIR)")
        }
        i++
    }
    println("Two-body Allen-Cahn in $d dimensions: Laplacian u + u - u^3 = g on the unit ball, u = (1 - |x|^2) MLP(x)")
    println("MLP 128 x 3 tanh initialized as the paper's code does, 100 points per step, Laplacian by sparse STDE (16 coordinates), Adam with lr 1e-3 decayed to 0")
    val problem = Zoo.twoBody(Equation.ALLEN_CAHN, d, Key.of(1))
    val pinn = Pinn.builder(problem, Mlp.builder(d).hidden(128, 3).init(Init.HAIKU_UNIFORM).build())
        .estimator(Estimator.sparse(16)).points(100).metrics(maxOf(1, (steps / 4).toInt()), 5000)
        .progress(ProgressLine.of("Allen-Cahn", steps)).build()
    val training = pinn.train(pinn.init(Key.of(0)), Phase.adam(steps, Schedule.linear(1e-3, 0.0, steps)))
    val error = training.lastRelativeL2()
    println(String.format(Locale.ROOT, "relative L2 error against the exact solution (5000 held-out points): %.3e", error))
    for (r in training.records()) {
        println(String.format(Locale.ROOT, "  step %6d  loss %.4e  relative L2 %.3e", r.step(), r.loss(), r.relativeL2()))
    }
    val history = training.phases()[0].history()
    val figure = historyPlot(history, title = String.format(Locale.ROOT, "Allen-Cahn, d = %d, sparse STDE: loss (relative L2 %.2e)", d, error))
    val svg = figure.saveSvg(out.resolve("allen-cahn-$d.svg"))
    val png = figure.savePng(out.resolve("allen-cahn-$d.png"))
    println("loss history: ${svg.toAbsolutePath()} and ${png.toAbsolutePath()}")
}
