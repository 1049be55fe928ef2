package descent.dsl

import descent.optim.Schedule
import descent.optim.Transform
import descent.pinn.Activation
import descent.pinn.Domain
import descent.pinn.Field
import descent.pinn.Init
import descent.pinn.Mlp
import descent.pinn.Phase
import descent.pinn.Pinn
import descent.pinn.Problem
import descent.pinn.Training
import descent.stde.Estimator
import descent.tensor.Key
import descent.tensor.Params
import descent.tensor.Tensor
import descent.tensor.Value

/**
 * A physics-informed network written as a block, over descent.pinn: the problem (from the zoo, or
 * a domain with residual, boundary and initial terms and the exact solution), the network, how
 * differential operators are evaluated, the collocation points, and the training recipe.
 * ```
 * pinn {
 *     domain(Domain.interval(-1.0, 1.0))
 *     residual { u, x -> u.partial(0, 0) + PI * PI * sin(PI * x[all, 0]) }
 *     boundary { u, _ -> u.value() }
 *     exact { x -> sin(PI * x[all, 0]) }
 *     network(32, 32)
 *     points = 256
 *     train { adam(steps = 3000, lr = cosineDecay(5e-3, 3000, 1e-5)) }
 * }
 * ```
 */
class PinnSpec internal constructor() {
    /** The problem's name (when it is built here) and the run's name in progress displays and tables. */
    var name: String? = null

    /** How differential operators in the residuals are evaluated: exactly by default, or an estimator such as [stde]. */
    var estimator: Estimator = Estimator.exact()

    /** Interior collocation points per step. */
    var points: Int = 100

    /** Boundary points per step. */
    var boundaryPoints: Int = 100

    /** Initial-time points per step (space-time problems). */
    var initialPoints: Int = 100

    /** Draw new collocation points every this many steps. */
    var resampleEvery: Int = 1

    /** Seed of the network's initial parameters, the points and the estimators' draws. */
    var seed: Long = 0

    /** Show live progress where a [ProgressDisplay] is installed (a notebook); true by default. */
    var progress: Boolean = true

    private var problem: Problem? = null
    private var builder: Problem.Builder? = null
    private var network: ((Int) -> Mlp)? = null
    private var phases: List<Phase>? = null
    private var metricEvery = 100
    private var metricPoints = 2000

    /** A ready problem, such as one of `descent.pinn.zoo.Zoo`. */
    fun problem(p: Problem) {
        check(builder == null) { "pinn: give either problem(...) or domain(...) with its terms, not both" }
        problem = p
    }

    /** The domain of a problem built here from the terms that follow. */
    fun domain(d: Domain) {
        check(problem == null) { "pinn: give either problem(...) or domain(...) with its terms, not both" }
        builder = Problem.builder(name ?: "pinn", d)
    }

    /** The PDE residual at interior points, written with the candidate solution [Field] `u` and the points `x` [N, d]. */
    fun residual(r: (u: Field, x: Value) -> Value) {
        terms().pde { u, x -> r(u, x) }
    }

    /**
     * The PDE residual with a source term g(x) of the points alone, evaluated once per point set
     * outside the differentiated loss (cheaper, and at large d far lighter on memory):
     * `residual(source = { x -> f(x) }) { u, x, g -> u.laplacian() - g }`.
     */
    fun residual(source: (x: Value) -> Value, r: (u: Field, x: Value, g: Value) -> Value) {
        terms().pde({ x -> source(x) }) { u, x, g -> r(u, x, g) }
    }

    /** A condition at boundary points, e.g. `boundary { u, x -> u.value() - g(x) }`. */
    fun boundary(r: (u: Field, x: Value) -> Value) {
        terms().boundary { u, x -> r(u, x) }
    }

    /** A condition at the initial time (space-time domains). */
    fun initial(r: (u: Field, x: Value) -> Value) {
        terms().initial { u, x -> r(u, x) }
    }

    /** A named term with its own points and weight. */
    fun term(name: String, at: Problem.Points, weight: Number = 1.0, r: (u: Field, x: Value) -> Value) {
        terms().term(name, { u, x -> r(u, x) }, at, weight.toDouble())
    }

    /** The exact solution, points [N, d] to values [N], for errors. */
    fun exact(s: (x: Value) -> Value) {
        terms().exact { x -> s(x) }
    }

    /** Satisfy the boundary conditions by construction: u = g(x) + f(x) N(x) with the domain's boundary factor f. */
    fun hardConstraint(g: (x: Value) -> Value) {
        terms().hardConstraint { x -> g(x) }
    }

    /** Trainable PDE coefficients with initial guesses, read in residuals with `u.coefficient(name)`. */
    fun coefficients(vararg initial: Pair<String, Number>) {
        terms().coefficients(Params.fromMap(initial.associate { (k, v) -> k to Tensor.scalar(v.toDouble()) }))
    }

    /** A dense network with the given hidden widths (default three of 64). */
    fun network(vararg hidden: Int, activation: Activation = Activation.TANH, init: Init = Init.GLOROT_NORMAL, blockShared: Int = 0) {
        require(hidden.all { it >= 1 }) { "pinn: hidden widths must be at least 1, got ${hidden.toList()}" }
        network = { d ->
            val b = Mlp.builder(d).activation(activation).init(init)
            if (hidden.isNotEmpty()) b.hidden(*hidden)
            if (blockShared > 0) b.blockShared(blockShared)
            b.build()
        }
    }

    /** A network built with descent.pinn.Mlp's own builder. */
    fun network(mlp: Mlp) {
        network = { _ -> mlp }
    }

    /** Measure the relative L2 error every [every] steps on [points] test points (default 100 and 2000). */
    fun metrics(every: Int, points: Int = 2000) {
        metricEvery = every
        metricPoints = points
    }

    /** The training recipe: `train { adam(steps = 5000, lr = 1e-3) then adam(steps = 2000, lr = 1e-4) }`. */
    fun train(recipe: Recipe.() -> Any) {
        phases = when (val r = Recipe().recipe()) {
            is Phase -> listOf(r)
            is Phases -> r.list
            else -> throw IllegalArgumentException("pinn: train { } must end with a phase such as adam(steps = 1000, lr = 1e-3), got $r")
        }
    }

    internal fun run(): PinnResult {
        val p = problem ?: builder?.build() ?: throw IllegalArgumentException("pinn: needs problem(...) or domain(...) with a residual")
        val recipe = phases ?: throw IllegalArgumentException("pinn: needs a training recipe, train { adam(steps = 1000, lr = 1e-3) }")
        val net = (network ?: { d -> Mlp.builder(d).build() })(p.domain().dimension())
        val label = name ?: p.name()
        val total = recipe.sumOf { it.steps() }
        val display = if (progress) ProgressDisplay.installed else null
        val live = display?.start(label, total)
        val b = Pinn.builder(p, net).estimator(estimator).points(points).boundaryPoints(boundaryPoints).initialPoints(initialPoints)
            .resampleEvery(resampleEvery).seed(seed).metrics(metricEvery, metricPoints)
        if (live != null) b.progress(live)
        val pinn = b.build()
        val training = try {
            pinn.train(pinn.init(Key.of(seed)), *recipe.toTypedArray())
        } catch (e: RuntimeException) {
            live?.failed(e)
            throw e
        }
        val result = PinnResult(label, pinn, training, recipe)
        live?.finished(RunSummary(label, "STEPS", result.steps, result.seconds, result.loss, result.gradientNorm,
            if (result.relativeL2.isNaN()) emptyMap() else mapOf("rel. L2" to result.relativeL2)))
        return result
    }

    private fun terms(): Problem.Builder =
        builder ?: throw IllegalStateException("pinn: call domain(...) before the residual, boundary and solution")

    /** The phases of a training recipe, joined with `then`. */
    class Recipe internal constructor() {
        /** Adam for [steps] steps at a constant learning rate. */
        fun adam(steps: Number, lr: Number = 1e-3): Phase = Phase.adam(steps.toLong(), lr.toDouble())

        /** Adam following a learning-rate schedule, e.g. `cosineDecay(1e-3, 10_000)`. */
        fun adam(steps: Number, lr: Schedule): Phase = Phase.adam(steps.toLong(), lr)

        /** L-BFGS-B with the PINN preset for at most [iterations] iterations, on points fixed for the phase. */
        fun lbfgs(iterations: Number): Phase = Phase.lbfgs(iterations.toLong())

        /** Any optimizer of descent.optim for [steps] steps, e.g. `phase(adamW(lr = 1e-3), 2000)`. */
        fun phase(optimizer: Transform, steps: Number, name: String = "phase"): Phase = Phase.of(name, optimizer, steps.toLong())

        /** This phase, then [next]. */
        infix fun Phase.then(next: Phase): Phases = Phases(listOf(this, next))

        /** These phases, then [next]. */
        infix fun Phases.then(next: Phase): Phases = Phases(list + next)
    }

    /** Phases in order. */
    class Phases internal constructor(internal val list: List<Phase>) {
        override fun toString(): String = list.joinToString(" then ") { "${it.name()}(${it.steps()})" }
    }
}

/** Sparse STDE: [J] coordinates drawn per step for each second-order operator (Shi et al. 2024). */
fun stde(J: Int): Estimator = Estimator.sparse(J)

/** Trains a physics-informed network described by [configure] and returns it with its errors and history. */
fun pinn(configure: PinnSpec.() -> Unit): PinnResult = PinnSpec().apply(configure).run()

/**
 * A trained physics-informed network: the [pinn] and its [training] (parameters, each phase's
 * result, the loss and error records), with the final numbers at hand and the prediction.
 */
class PinnResult internal constructor(
    /** The run's name. */
    val label: String,
    /** The network with its problem, points and loss. */
    val pinn: Pinn,
    /** What descent.pinn recorded. */
    val training: Training,
    /** The recipe that ran. */
    val phases: List<Phase>,
) {
    /** The trained parameters. */
    val params: Params<Tensor> get() = training.params()

    /** Steps over all phases. */
    val steps: Long get() = training.phases().sumOf { it.steps() }

    /** The loss after the last step. */
    val loss: Double get() = training.phases().last().value()

    /** The gradient norm after the last step. */
    val gradientNorm: Double get() = training.phases().last().gradientNorm()

    /** The last relative L2 error measured against the problem's solution (NaN without one). */
    val relativeL2: Double get() = training.lastRelativeL2()

    /** Wall time of the training in seconds. */
    val seconds: Double get() = training.nanos() / 1e9

    /** The network's prediction at points [N, d]. */
    fun predict(points: Tensor): Tensor = pinn.predict(params, points)

    /** ||u - u*||_2 / ||u*||_2 at the given points. */
    fun relativeL2(points: Tensor): Double = pinn.relativeL2(params, points)

    /** A trained PDE coefficient, by name. */
    fun coefficient(name: String): Double = training.coefficient(name).item()

    override fun toString(): String =
        String.format(java.util.Locale.ROOT, "%s: %d steps in %.1f s, loss %.3e, relative L2 %.3e", label, steps, seconds, loss, relativeL2)
}

/** The candidate solution's values, so a residual reads `laplacian(u) + u - u.pow(3)`. */
operator fun Field.plus(other: Value): Value = value() + other

/** u + c. */
operator fun Field.plus(other: Number): Value = value() + other

/** v + u. */
operator fun Value.plus(other: Field): Value = this + other.value()

/** u - v. */
operator fun Field.minus(other: Value): Value = value() - other

/** u - c. */
operator fun Field.minus(other: Number): Value = value() - other

/** v - u. */
operator fun Value.minus(other: Field): Value = this - other.value()

/** u * v. */
operator fun Field.times(other: Value): Value = value() * other

/** c * u. */
operator fun Number.times(other: Field): Value = this * other.value()

/** v * u. */
operator fun Value.times(other: Field): Value = this * other.value()

/** -u. */
operator fun Field.unaryMinus(): Value = -value()

/** u^p. */
infix fun Field.pow(p: Number): Value = value() pow p

/** The Laplacian of the candidate solution over the spatial coordinates, by the configured method. */
fun laplacian(u: Field): Value = u.laplacian()

/** du/dt (space-time problems). */
fun dt(u: Field): Value = u.dt()
