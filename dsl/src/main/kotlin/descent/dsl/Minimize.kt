package descent.dsl

import descent.ad.Func
import descent.optim.BatchObjective
import descent.optim.Bounds
import descent.optim.HessianObjective
import descent.optim.Method
import descent.optim.Methods
import descent.optim.Minimize
import descent.optim.Objective
import descent.optim.Progress
import descent.optim.Sampling
import descent.optim.Stop
import descent.optim.Transform
import descent.tensor.ParamLayout
import descent.tensor.Params
import descent.tensor.Tensor
import descent.tensor.Value
import org.jetbrains.kotlinx.multik.ndarray.data.Dimension
import org.jetbrains.kotlinx.multik.ndarray.data.MultiArray
import java.nio.file.Path
import java.time.Duration

/**
 * The settings of a [minimize] run, written as a block:
 * `minimize(f, x0) { optimizer = adam(lr = 1e-2); steps = 2000; gradientTolerance = 1e-8 }`.
 */
class MinimizeSpec internal constructor() {
    /** The optimizer (any transform of descent.optim); Adam with lr 1e-3 by default. */
    var optimizer: Transform = adam()

    /**
     * A method that evaluates the objective several times per step (L-BFGS, L-BFGS-B, Newton-type),
     * used instead of [optimizer] when set; see [lbfgs], [lbfgsb], [newtonCg], [trustRegion].
     */
    var method: Method? = null

    /** Box constraints, e.g. `Bounds.box(n, 0.0, 1.0)` (L-BFGS-B keeps every iterate inside; transforms are projected). */
    var bounds: Bounds? = null

    /** The step (or iteration) budget. */
    var steps: Number = 1000

    /** Stop when the gradient norm falls to this value. */
    var gradientTolerance: Number? = null

    /** Stop when the loss changes by less than this fraction between two steps. */
    var relativeTolerance: Number? = null

    /** Stop when the loss reaches this value. */
    var target: Number? = null

    /** Stop after this much wall time. */
    var timeLimit: Duration? = null

    /** Record every iterate, for trajectory plots ([Optimum.trajectory]). */
    var recordIterates: Boolean = false

    /** The run's name in progress displays, tables and plots; the optimizer's by default. */
    var label: String? = null

    /** Show live progress where a [ProgressDisplay] is installed (a notebook); true by default. */
    var progress: Boolean = true

    internal val stops = mutableListOf<Stop>()
    internal val callbacks = mutableListOf<Pair<Int, (Progress) -> Unit>>()
    internal var batchSize = 0
    internal var sampling = Sampling.WITHOUT_REPLACEMENT
    internal var seed = 0L
    internal var checkpointFile: Path? = null
    internal var checkpointEvery = 0
    internal var resumeFile: Path? = null

    /** L-BFGS with SciPy's defaults and a strong Wolfe line search. */
    fun lbfgs() {
        method = Methods.lbfgs()
    }

    /** L-BFGS-B with SciPy's defaults (memory 10, factr 1e7, pgtol 1e-5); with [bounds] for box constraints. */
    fun lbfgsb() {
        method = Methods.lbfgsb()
    }

    /** Truncated Newton with conjugate-gradient steps on Hessian-vector products. */
    fun newtonCg() {
        method = Methods.newtonCg()
    }

    /** The Steihaug-Toint trust-region Newton method. */
    fun trustRegion() {
        method = Methods.trustRegion()
    }

    /** Adds stopping criteria of descent.optim.Stop. */
    fun stopWhen(vararg criteria: Stop) {
        stops += criteria
    }

    /** Calls [callback] after every [k]-th step; `it.stop()` ends the run. */
    fun every(k: Int, callback: (Progress) -> Unit) {
        callbacks += k to callback
    }

    /** Mini-batches of [size] examples of the data (rows along axis 0), drawn with [sampling] from a generator seeded with [seed]. */
    fun batches(size: Int, sampling: Sampling = Sampling.WITHOUT_REPLACEMENT, seed: Long = 0) {
        require(size >= 1) { "minimize: the batch size must be at least 1, got $size" }
        batchSize = size
        this.sampling = sampling
        this.seed = seed
    }

    /** Saves the run's complete state to [file] every [every] steps and at the end of the budget. */
    fun checkpoint(file: Path, every: Int) {
        checkpointFile = file
        checkpointEvery = every
    }

    /** Continues the run saved in [file] (configured as the run that wrote it). */
    fun resume(file: Path) {
        resumeFile = file
    }

    internal fun configured(): Minimize {
        val m = (method?.let { Minimize.with(it) } ?: Minimize.with(optimizer)).steps(steps(steps))
        bounds?.let { m.bounds(it) }
        gradientTolerance?.let { m.stopWhen(Stop.gradientNorm(it.toDouble())) }
        relativeTolerance?.let { m.stopWhen(Stop.relativeChange(it.toDouble())) }
        target?.let { m.stopWhen(Stop.targetValue(it.toDouble())) }
        timeLimit?.let { m.stopWhen(Stop.wallTime(it)) }
        if (stops.isNotEmpty()) m.stopWhen(*stops.toTypedArray())
        for ((k, cb) in callbacks) m.every(k) { cb(it) }
        if (recordIterates) m.recordIterates()
        if (batchSize > 0) m.batches(batchSize, sampling, seed)
        checkpointFile?.let { m.checkpoint(it, checkpointEvery) }
        resumeFile?.let { m.resume(it) }
        return m
    }

    internal fun maxSteps(): Long = steps(steps)

    private fun steps(n: Number): Long {
        val v = n.toDouble()
        require(v == Math.rint(v) && v >= 0) { "minimize: steps must be a whole number >= 0, got $n" }
        return n.toLong()
    }
}

/**
 * Minimizes a scalar function of one tensor from [x0]: `minimize(f, x0) { optimizer = adam(lr = 1e-2) }`.
 * [f] takes the parameters and then the [data] tensors, which are passed as arguments at every
 * step (with [MinimizeSpec.batches], their rows are drawn as mini-batches).
 */
fun minimize(f: Func, x0: Tensor, vararg data: Tensor, configure: MinimizeSpec.() -> Unit = {}): Optimum =
    run(f, Params.of(X, x0), x0.shape().dims(), data, configure)

/** Minimizes `f(x)` written as a lambda over a traced value, from [x0]. */
fun minimize(f: (Value) -> Value, x0: Tensor, configure: MinimizeSpec.() -> Unit = {}): Optimum =
    minimize(fn(f), x0, configure = configure)

/** Minimizes from a multik array (its storage is not modified); [Optimum.x] has its shape. */
fun minimize(f: Func, x0: MultiArray<Double, out Dimension>, vararg data: Tensor, configure: MinimizeSpec.() -> Unit = {}): Optimum =
    minimize(f, x0.toTensor().copy(), *data, configure = configure)

/** Minimizes `f(x)` written as a lambda, from a multik array. */
fun minimize(f: (Value) -> Value, x0: MultiArray<Double, out Dimension>, configure: MinimizeSpec.() -> Unit = {}): Optimum =
    minimize(fn(f), x0.toTensor().copy(), configure = configure)

/** Minimizes from a plain vector. */
fun minimize(f: Func, x0: DoubleArray, vararg data: Tensor, configure: MinimizeSpec.() -> Unit = {}): Optimum =
    minimize(f, Tensor.copyOf(x0, x0.size), *data, configure = configure)

/**
 * Minimizes over the leaves of a parameter tree. [f] is either a function of the tree and the
 * data (`fn(params, 2) { p, d -> ... }`) or a function of the leaves in order and the data.
 */
fun minimize(f: Func, x0: Params<Tensor>, vararg data: Tensor, configure: MinimizeSpec.() -> Unit = {}): Optimum =
    run(f, x0, null, data, configure)

/** Minimizes an objective of descent.optim over a plain vector. */
fun minimize(objective: Objective, x0: DoubleArray, configure: MinimizeSpec.() -> Unit = {}): Optimum {
    val spec = MinimizeSpec().apply(configure)
    val p0 = Params.of(X, Tensor.copyOf(x0, x0.size))
    return observe(spec, p0, intArrayOf(x0.size)) { m -> m.run(objective, x0) }
}

private const val X = "x"

private fun Tensor.copy(): Tensor = Tensor.copyOf(toArray(), *shape().dims())

private fun run(f: Func, x0: Params<Tensor>, shape: IntArray?, data: Array<out Tensor>, configure: MinimizeSpec.() -> Unit): Optimum {
    val spec = MinimizeSpec().apply(configure)
    val flat = flatOver(f, x0, data.size)
    return observe(spec, x0, shape) { m ->
        when {
            spec.batchSize > 0 -> m.run(BatchObjective.of(flat, x0, *data), x0)
            spec.method != null -> m.run(HessianObjective.of(flat, x0, *data), x0)
            else -> m.run(Objective.of(flat, x0, *data), x0)
        }
    }
}

/** [f] as a function of the leaves of [x0] in order followed by the data, as descent.optim's objectives take it. */
private fun flatOver(f: Func, x0: Params<Tensor>, dataCount: Int): Func {
    val leaves = x0.leafCount()
    return when {
        f.arity() == leaves + dataCount && f.flatArity() == f.arity() -> f
        f.arity() == 1 + dataCount && f.flatArity() == leaves + dataCount -> f.derive(listOf("minimize: leaves", x0.paths(), dataCount)) {
            Func.of(leaves + dataCount) { xs ->
                arrayOf(f.apply(x0.withLeaves(xs.take(leaves)), *xs.copyOfRange(leaves, xs.size)))
            }.named(f.name())
        }
        else -> throw IllegalArgumentException("minimize: ${f.name()} takes ${f.arity()} arguments (${f.flatArity()} tensors), " +
            "but there are ${leaves} parameter leaves ${x0.paths()} and $dataCount data tensors")
    }
}

private fun observe(spec: MinimizeSpec, x0: Params<Tensor>, shape: IntArray?, body: (Minimize) -> descent.optim.Result): Optimum {
    val m = spec.configured()
    val label = spec.label ?: spec.method?.name() ?: describe(spec.optimizer, ParamLayout.of(x0))
    val display = if (spec.progress) ProgressDisplay.installed else null
    val live = display?.start(label, spec.maxSteps())
    if (live != null) m.every(1, live)
    val optimum = try {
        Optimum(body(m), label, shape)
    } catch (e: RuntimeException) {
        live?.failed(e)
        throw e
    }
    live?.finished(RunSummary(label, optimum.reason.toString(), optimum.steps, optimum.seconds, optimum.value, optimum.gradientNorm))
    return optimum
}

private fun describe(optimizer: Transform, layout: ParamLayout): String {
    val state = optimizer.init(layout, DoubleArray(layout.size()))
    return if (state.kind() == "chain") state.children().joinToString(" + ") { it.kind() } else state.kind()
}
