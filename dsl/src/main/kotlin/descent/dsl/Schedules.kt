package descent.dsl

import descent.optim.Schedule

// Learning-rate (and other hyperparameter) schedules of descent.optim.Schedule with named
// arguments; step counts may be of any integral type. A schedule's value at step t is `s.at(t)`.

private fun steps(n: Number, op: String, name: String): Long {
    val v = n.toDouble()
    if (v != Math.rint(v) || v < 0) {
        throw IllegalArgumentException("$op: $name must be a whole number of steps >= 0, got $n")
    }
    return n.toLong()
}

/** A constant value. */
fun constantSchedule(value: Number): Schedule = Schedule.constant(value.toDouble())

/** Cosine decay from [init] to [end] over [steps] steps, then [end] (torch's CosineAnnealingLR within its first half-period). */
fun cosineDecay(init: Number, steps: Number, end: Number = 0.0): Schedule =
    Schedule.cosine(init.toDouble(), steps(steps, "cosineDecay", "steps"), end.toDouble())

/**
 * Linear warmup from [init] to [peak] over [warmupSteps], then cosine decay to [end] at step
 * [totalSteps] (optax's warmup_cosine_decay_schedule).
 */
fun warmupCosineDecay(peak: Number, warmupSteps: Number, totalSteps: Number, init: Number = 0.0, end: Number = 0.0): Schedule =
    Schedule.warmupCosine(init.toDouble(), peak.toDouble(), steps(warmupSteps, "warmupCosineDecay", "warmupSteps"),
        steps(totalSteps, "warmupCosineDecay", "totalSteps"), end.toDouble())

/** Linear warmup from 0 to [peak] over [warmupSteps], constant for [stableSteps], then linear decay to [end] over [decaySteps]. */
fun warmupStableDecay(peak: Number, warmupSteps: Number, stableSteps: Number, decaySteps: Number, end: Number = 0.0): Schedule =
    Schedule.warmupStableDecay(peak.toDouble(), steps(warmupSteps, "warmupStableDecay", "warmupSteps"),
        steps(stableSteps, "warmupStableDecay", "stableSteps"), steps(decaySteps, "warmupStableDecay", "decaySteps"), end.toDouble())

/** A linear warmup from 0 to [peak] over [warmupSteps] steps, then [peak]. */
fun linearWarmup(peak: Number, warmupSteps: Number): Schedule =
    Schedule.linearWarmup(peak.toDouble(), steps(warmupSteps, "linearWarmup", "warmupSteps"))

/** Linear interpolation from [from] to [to] over [steps] steps, then [to]. */
fun linearSchedule(from: Number, to: Number, steps: Number): Schedule =
    Schedule.linear(from.toDouble(), to.toDouble(), steps(steps, "linearSchedule", "steps"))

/** `init * rate^(t / transitionSteps)`, the exponent rounded down if [staircase] (torch's ExponentialLR(gamma) is `rate = gamma`). */
fun exponentialDecay(init: Number, rate: Number, transitionSteps: Number = 1, staircase: Boolean = false): Schedule =
    Schedule.exponential(init.toDouble(), rate.toDouble(), steps(transitionSteps, "exponentialDecay", "transitionSteps"), staircase)

/** `init / (1 + rate t / decaySteps)`, the ratio rounded down if [staircase]. */
fun inverseTimeDecay(init: Number, rate: Number, decaySteps: Number = 1, staircase: Boolean = false): Schedule =
    Schedule.inverseTime(init.toDouble(), rate.toDouble(), steps(decaySteps, "inverseTimeDecay", "decaySteps"), staircase)

/** `(init - end) (1 - min(t, steps) / steps)^power + end` (torch's PolynomialLR has end 0). */
fun polynomialDecay(init: Number, steps: Number, end: Number = 0.0, power: Number = 1.0): Schedule =
    Schedule.polynomial(init.toDouble(), end.toDouble(), power.toDouble(), steps(steps, "polynomialDecay", "steps"))

/** `init * gamma^floor(t / stepSize)` (torch's StepLR). */
fun stepDecay(init: Number, stepSize: Number, gamma: Number = 0.1): Schedule =
    Schedule.step(init.toDouble(), steps(stepSize, "stepDecay", "stepSize"), gamma.toDouble())

/** `init * gamma^(number of milestones <= t)` (torch's MultiStepLR). */
fun multiStepDecay(init: Number, milestones: List<Number>, gamma: Number = 0.1): Schedule =
    Schedule.multiStep(init.toDouble(), milestones.map { steps(it, "multiStepDecay", "milestones") }.toLongArray(), gamma.toDouble())

/** [initial] until the first boundary, then the value paired with each boundary from it on: `piecewise(0.1, 1000 to 0.01, 2000 to 0.001)`. */
fun piecewise(initial: Number, vararg changes: Pair<Number, Number>): Schedule =
    Schedule.piecewise(changes.map { steps(it.first, "piecewise", "boundaries") }.toLongArray(),
        (listOf(initial) + changes.map { it.second }).map { it.toDouble() }.toDoubleArray())

/** torch's OneCycleLR (two phases, cosine annealing) peaking at [maxLr]. */
fun oneCycle(totalSteps: Number, maxLr: Number, pctStart: Number = 0.3, divFactor: Number = 25.0, finalDivFactor: Number = 1e4): Schedule =
    Schedule.oneCycle(steps(totalSteps, "oneCycle", "totalSteps"), maxLr.toDouble(), pctStart.toDouble(), divFactor.toDouble(),
        finalDivFactor.toDouble())

/** The momentum schedule that accompanies [oneCycle]: from [max] down to [base] and back. */
fun oneCycleMomentum(totalSteps: Number, pctStart: Number = 0.3, base: Number = 0.85, max: Number = 0.95): Schedule =
    Schedule.oneCycleMomentum(steps(totalSteps, "oneCycleMomentum", "totalSteps"), pctStart.toDouble(), base.toDouble(), max.toDouble())

/** [first] until the first boundary, then each schedule counting steps from its boundary (optax's join_schedules). */
fun joinSchedules(first: Schedule, vararg then: Pair<Number, Schedule>): Schedule =
    Schedule.join((listOf(first) + then.map { it.second }).toTypedArray(), then.map { steps(it.first, "joinSchedules", "boundaries") }.toLongArray())

/** This schedule multiplied by [factor]. */
operator fun Schedule.times(factor: Number): Schedule = times(factor.toDouble())
