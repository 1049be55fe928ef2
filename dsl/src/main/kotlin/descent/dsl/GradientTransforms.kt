package descent.dsl

import descent.optim.Schedule
import descent.optim.Transform
import descent.optim.Transforms

// The building blocks of descent.optim.Transforms with named arguments:
// `chain(clipByGlobalNorm(1.0), adamW(lr = 1e-3))`. Leaves are selected by their paths ("layer1/w").

/** Transforms applied in sequence, each to the updates of the previous one. */
fun chain(vararg transforms: Transform): Transform = Transforms.chain(*transforms)

/** Rescales all updates together when their joint Euclidean norm exceeds [maxNorm]. */
fun clipByGlobalNorm(maxNorm: Number): Transform = Transforms.clipByGlobalNorm(maxNorm.toDouble())

/** Rescales all updates together when their joint Euclidean norm exceeds [maxNorm] at that step. */
fun clipByGlobalNorm(maxNorm: Schedule): Transform = Transforms.clipByGlobalNorm(maxNorm)

/** Rescales each leaf of the updates whose Euclidean norm exceeds [maxNorm]. */
fun clipByNorm(maxNorm: Number): Transform = Transforms.clipByNorm(maxNorm.toDouble())

/** Clips every element of the updates to [-maxValue, maxValue]. */
fun clipByValue(maxValue: Number): Transform = Transforms.clipByValue(maxValue.toDouble())

/** Multiplies the updates by [factor]. */
fun scale(factor: Number): Transform = Transforms.scale(factor.toDouble())

/** Multiplies the updates by [factor] at that step. */
fun scale(factor: Schedule): Transform = Transforms.scale(factor)

/** Multiplies the updates by minus [lr], the last stage of a descent method built from parts. */
fun scaleByLearningRate(lr: Number): Transform = Transforms.scaleByLearningRate(lr.toDouble())

/** Multiplies the updates by minus the scheduled [lr]. */
fun scaleByLearningRate(lr: Schedule): Transform = Transforms.scaleByLearningRate(lr)

/** Coupled weight decay (an L2 penalty) `u += wd p`; put it first in a chain. */
fun weightDecay(wd: Number): Transform = Transforms.weightDecay(wd.toDouble())

/** Coupled weight decay with a scheduled coefficient. */
fun weightDecay(wd: Schedule): Transform = Transforms.weightDecay(wd)

/** Decoupled weight decay `u -= rate p`; put it after the learning-rate scaling. */
fun decoupledWeightDecay(rate: Number): Transform = Transforms.decoupledWeightDecay(Schedule.constant(rate.toDouble()))

/** Decoupled weight decay with a scheduled rate. */
fun decoupledWeightDecay(rate: Schedule): Transform = Transforms.decoupledWeightDecay(rate)

/** Skips steps with a non-finite gradient, failing after [maxConsecutive] in a row. */
fun skipNonFinite(inner: Transform, maxConsecutive: Int = 100): Transform = Transforms.skipNonFinite(inner, maxConsecutive)

/** Averages the gradients of [k] consecutive steps and runs [inner] on every k-th. */
fun accumulate(inner: Transform, k: Int): Transform = Transforms.accumulate(inner, k)

/** Lookahead around [inner]: every [k] steps the slow weights move by [alpha] of the way to the fast ones. */
fun lookahead(inner: Transform, k: Int = 5, alpha: Number = 0.5): Transform = Transforms.lookahead(inner, k, alpha.toDouble())

/** An exponential moving average of the parameters beside [inner]; the average is the reported point. */
fun paramEma(inner: Transform, decay: Number = 0.999): Transform = Transforms.paramEma(inner, decay.toDouble())

/** Scales the updates down by [factor] when the loss has not improved for more than [patience] steps (torch's ReduceLROnPlateau). */
fun reduceOnPlateau(factor: Number = 0.1, patience: Int = 10, threshold: Number = 1e-4, cooldown: Int = 0, minScale: Number = 0.0): Transform =
    Transforms.reduceOnPlateau(factor.toDouble(), patience, threshold.toDouble(), cooldown, minScale.toDouble())

/** Different transforms for different leaves: [labelOf] labels each leaf's path, [transforms] maps labels to transforms. */
fun partition(labelOf: (String) -> String, vararg transforms: Pair<String, Transform>): Transform =
    Transforms.partition({ labelOf(it) }, mapOf(*transforms))

/** [inner] on the leaves whose path satisfies [mask]; the others pass through unchanged. */
fun masked(mask: (String) -> Boolean, inner: Transform): Transform = Transforms.masked({ mask(it) }, inner)

/** [optimizer] on the leaves not matched by [frozen]; matched leaves do not move. */
fun freeze(frozen: (String) -> Boolean, optimizer: Transform): Transform = Transforms.freeze({ frozen(it) }, optimizer)

