package descent.dsl

import descent.optim.BlockPartition
import descent.optim.Optimizers
import descent.optim.Schedule
import descent.optim.Transform

// Named-argument builders for every optimizer of descent.optim.Optimizers, with the same defaults
// (torch's where torch has the method): `adam(lr = 1e-3, betas = 0.9 to 0.999)`. Numbers may be of
// any numeric type; an optimizer whose learning rate can follow a schedule has a second builder
// taking `lr: Schedule`, e.g. `adamW(lr = cosineDecay(1e-3, steps = 10_000))`.

private fun c(v: Number): Schedule = Schedule.constant(v.toDouble())
private fun Number.d(): Double = toDouble()

/** SGD with optional heavy-ball or Nesterov momentum and coupled weight decay (torch.optim.SGD). */
fun sgd(lr: Number, momentum: Number = 0.0, dampening: Number = 0.0, weightDecay: Number = 0.0, nesterov: Boolean = false): Transform =
    Optimizers.sgd(lr.d(), momentum.d(), dampening.d(), weightDecay.d(), nesterov)

/** SGD with a scheduled learning rate. */
fun sgd(lr: Schedule, momentum: Number = 0.0, dampening: Number = 0.0, weightDecay: Number = 0.0, nesterov: Boolean = false): Transform =
    Optimizers.sgd(lr, c(momentum), c(dampening), c(weightDecay), nesterov)

/** Adagrad (torch.optim.Adagrad). */
fun adagrad(lr: Number = 1e-2, lrDecay: Number = 0.0, weightDecay: Number = 0.0, initialAccumulator: Number = 0.0, eps: Number = 1e-10): Transform =
    Optimizers.adagrad(lr.d(), lrDecay.d(), weightDecay.d(), initialAccumulator.d(), eps.d())

/** Adadelta (torch.optim.Adadelta). */
fun adadelta(lr: Number = 1.0, rho: Number = 0.9, eps: Number = 1e-6, weightDecay: Number = 0.0): Transform =
    Optimizers.adadelta(lr.d(), rho.d(), eps.d(), weightDecay.d())

/** RMSprop, plain or centered, with optional momentum (torch.optim.RMSprop). */
fun rmsprop(lr: Number = 1e-2, alpha: Number = 0.99, eps: Number = 1e-8, weightDecay: Number = 0.0, momentum: Number = 0.0,
            centered: Boolean = false): Transform =
    Optimizers.rmsprop(lr.d(), alpha.d(), eps.d(), weightDecay.d(), momentum.d(), centered)

/** Rprop: per-element step sizes grown by [etas].second or shrunk by [etas].first within [stepSizes] (torch.optim.Rprop). */
fun rprop(lr: Number = 1e-2, etas: Pair<Number, Number> = 0.5 to 1.2, stepSizes: Pair<Number, Number> = 1e-6 to 50.0): Transform =
    Optimizers.rprop(lr.d(), etas.first.d(), etas.second.d(), stepSizes.first.d(), stepSizes.second.d())

/** Averaged SGD (torch.optim.ASGD); the average is the reported point. */
fun asgd(lr: Number = 1e-2, lambd: Number = 1e-4, alpha: Number = 0.75, t0: Number = 1e6, weightDecay: Number = 0.0): Transform =
    Optimizers.asgd(lr.d(), lambd.d(), alpha.d(), t0.d(), weightDecay.d())

/** Adam with coupled weight decay, optionally AMSGrad (torch.optim.Adam). */
fun adam(lr: Number = 1e-3, betas: Pair<Number, Number> = 0.9 to 0.999, eps: Number = 1e-8, weightDecay: Number = 0.0,
         amsgrad: Boolean = false): Transform =
    Optimizers.adam(c(lr), c(betas.first), c(betas.second), c(eps), c(weightDecay), amsgrad)

/** Adam with a scheduled learning rate. */
fun adam(lr: Schedule, betas: Pair<Number, Number> = 0.9 to 0.999, eps: Number = 1e-8, weightDecay: Number = 0.0,
         amsgrad: Boolean = false): Transform =
    Optimizers.adam(lr, c(betas.first), c(betas.second), c(eps), c(weightDecay), amsgrad)

/** AdamW: Adam with decoupled weight decay, optionally AMSGrad (torch.optim.AdamW). */
fun adamW(lr: Number = 1e-3, betas: Pair<Number, Number> = 0.9 to 0.999, eps: Number = 1e-8, weightDecay: Number = 1e-2,
          amsgrad: Boolean = false): Transform =
    Optimizers.adamW(c(lr), c(betas.first), c(betas.second), c(eps), c(weightDecay), amsgrad)

/** AdamW with a scheduled learning rate. */
fun adamW(lr: Schedule, betas: Pair<Number, Number> = 0.9 to 0.999, eps: Number = 1e-8, weightDecay: Number = 1e-2,
          amsgrad: Boolean = false): Transform =
    Optimizers.adamW(lr, c(betas.first), c(betas.second), c(eps), c(weightDecay), amsgrad)

/** Adamax, Adam with the infinity norm (torch.optim.Adamax). */
fun adamax(lr: Number = 2e-3, betas: Pair<Number, Number> = 0.9 to 0.999, eps: Number = 1e-8, weightDecay: Number = 0.0): Transform =
    Optimizers.adamax(lr.d(), betas.first.d(), betas.second.d(), eps.d(), weightDecay.d())

/** NAdam (Dozat 2016), as torch 2.x computes it. */
fun nadam(lr: Number = 2e-3, betas: Pair<Number, Number> = 0.9 to 0.999, eps: Number = 1e-8, weightDecay: Number = 0.0,
          momentumDecay: Number = 4e-3): Transform =
    Optimizers.nadam(lr.d(), betas.first.d(), betas.second.d(), eps.d(), weightDecay.d(), momentumDecay.d())

/** RAdam, Adam with variance rectification (torch.optim.RAdam). */
fun radam(lr: Number = 1e-3, betas: Pair<Number, Number> = 0.9 to 0.999, eps: Number = 1e-8, weightDecay: Number = 0.0): Transform =
    Optimizers.radam(lr.d(), betas.first.d(), betas.second.d(), eps.d(), weightDecay.d())

/** AdaBelief (Zhuang et al. 2020) with decoupled weight decay; optax's defaults. */
fun adaBelief(lr: Number = 1e-3, betas: Pair<Number, Number> = 0.9 to 0.999, eps: Number = 1e-16, epsRoot: Number = 1e-16,
              weightDecay: Number = 0.0): Transform =
    Optimizers.adaBelief(lr.d(), betas.first.d(), betas.second.d(), eps.d(), epsRoot.d(), weightDecay.d())

/** Lion (Chen et al. 2023); the paper suggests a learning rate 3-10x smaller than AdamW's. */
fun lion(lr: Number = 1e-4, betas: Pair<Number, Number> = 0.9 to 0.99, weightDecay: Number = 0.0): Transform =
    Optimizers.lion(lr.d(), betas.first.d(), betas.second.d(), weightDecay.d())

/** Lion with a scheduled learning rate. */
fun lion(lr: Schedule, betas: Pair<Number, Number> = 0.9 to 0.99, weightDecay: Number = 0.0): Transform =
    Optimizers.lion(lr, c(betas.first), c(betas.second), c(weightDecay))

/**
 * Adafactor (Shazeer and Stern 2018). Without [lr] the step is relative (`min(1e-2, 1/sqrt(t))`)
 * and scaled by the parameters' RMS, the paper's defaults; with [lr] it is that fixed rate.
 */
fun adafactor(lr: Number? = null, eps1: Number = 1e-30, eps2: Number = 1e-3, clipThreshold: Number = 1.0, decayRate: Number = -0.8,
              beta1: Number = 0.0, weightDecay: Number = 0.0, scaleParameter: Boolean = lr == null): Transform =
    Optimizers.adafactor(lr?.d() ?: Double.NaN, eps1.d(), eps2.d(), clipThreshold.d(), decayRate.d(), beta1.d(), weightDecay.d(),
        scaleParameter, lr == null)

/** Adam-mini (Zhang et al. 2024): one second moment per block of [blocks]. */
fun adamMini(lr: Number = 1e-3, betas: Pair<Number, Number> = 0.9 to 0.999, eps: Number = 1e-8, weightDecay: Number = 0.0,
             blocks: BlockPartition = BlockPartition.transformer(1)): Transform =
    Optimizers.adamMini(lr.d(), betas.first.d(), betas.second.d(), eps.d(), weightDecay.d(), blocks)

/** signSGD: `p -= lr sign(g)`. */
fun signSgd(lr: Number): Transform = Optimizers.signSgd(lr.d())

/** signSGD with a scheduled step size. */
fun signSgd(lr: Schedule): Transform = Optimizers.signSgd(lr)

/** Signum: sign descent on the momentum, with decoupled weight decay. */
fun signum(lr: Number, momentum: Number = 0.9, weightDecay: Number = 0.0): Transform =
    Optimizers.signum(lr.d(), momentum.d(), weightDecay.d())

/** Signum with a scheduled step size. */
fun signum(lr: Schedule, momentum: Number = 0.9, weightDecay: Number = 0.0): Transform =
    Optimizers.signum(lr, c(momentum), c(weightDecay))

/** SignRR: sign descent on reshuffled mini-batches, with per-epoch step sizes from [lr]. */
fun signRR(lr: Schedule): Transform = Optimizers.signRR(lr)

/** Normalized gradient descent: `p -= lr g / |g|`. */
fun normalizedGd(lr: Number): Transform = Optimizers.normalizedGd(lr.d())

/** Normalized gradient descent with a scheduled step length. */
fun normalizedGd(lr: Schedule): Transform = Optimizers.normalizedGd(lr)

/** Clipped SGD: `p -= lr min(1, maxNorm / |g|) g`. */
fun clippedSgd(lr: Number, maxNorm: Number): Transform = Optimizers.clippedSgd(lr.d(), maxNorm.d())

/** The orthogonal-gradient wrapper around [optimizer]. */
fun orthoGrad(optimizer: Transform): Transform = Optimizers.orthoGrad(optimizer)

/** SAM (Foret et al. 2021) around [base]: two gradient evaluations per step. */
fun sam(base: Transform, rho: Number = 0.05): Transform = Optimizers.sam(base, rho.d())

/** ASAM (Kwon et al. 2021), scale-invariant SAM around [base]. */
fun asam(base: Transform, rho: Number = 0.5, eta: Number = 0.01): Transform = Optimizers.asam(base, rho.d(), eta.d())

/** GAM (Zhang et al. 2023) around [base], with the authors' CIFAR-100 settings by default. */
fun gam(base: Transform, rho: Number = 0.02, rhoNorm: Number = 0.2, betas: Triple<Number, Number, Number> = Triple(0.6, 0.5, 0.4),
        gamma: Number = 0.03): Transform =
    Optimizers.gam(base, rho.d(), rhoNorm.d(), betas.first.d(), betas.second.d(), betas.third.d(), gamma.d())

/** Schedule-free SGD (Defazio et al. 2024); the average is the reported point. */
fun scheduleFreeSgd(lr: Number = 1.0, momentum: Number = 0.9, weightDecay: Number = 0.0, warmupSteps: Number = 0): Transform =
    Optimizers.scheduleFreeSgd(lr.d(), momentum.d(), weightDecay.d(), warmupSteps.toLong())

/** Schedule-free AdamW (Defazio et al. 2024); the average is the reported point. */
fun scheduleFreeAdamW(lr: Number = 2.5e-3, betas: Pair<Number, Number> = 0.9 to 0.999, eps: Number = 1e-8, weightDecay: Number = 0.0,
                      warmupSteps: Number = 0): Transform =
    Optimizers.scheduleFreeAdamW(lr.d(), betas.first.d(), betas.second.d(), eps.d(), weightDecay.d(), warmupSteps.toLong())

/** Prodigy (Mishchenko and Defazio 2024), learning-rate free; [beta3] null means sqrt(beta2). */
fun prodigy(lr: Number = 1.0, betas: Pair<Number, Number> = 0.9 to 0.999, beta3: Number? = null, eps: Number = 1e-8,
            weightDecay: Number = 0.0, decouple: Boolean = true, biasCorrection: Boolean = false, safeguardWarmup: Boolean = false,
            d0: Number = 1e-6, dCoef: Number = 1.0, growthRate: Number = Double.POSITIVE_INFINITY): Transform =
    Optimizers.prodigy(lr.d(), betas.first.d(), betas.second.d(), beta3?.d() ?: Double.NaN, eps.d(), weightDecay.d(), decouple,
        biasCorrection, safeguardWarmup, d0.d(), dCoef.d(), growthRate.d())

/** Muon for matrix leaves and [others] (AdamW by default) for the rest. */
fun muon(lr: Number, momentum: Number = 0.95, nesterov: Boolean = true, nsSteps: Int = 5, weightDecay: Number = 0.0,
         others: Transform = Optimizers.adamW(3e-4, 0.9, 0.95, 1e-8, 0.0)): Transform =
    Optimizers.muon(lr.d(), momentum.d(), nesterov, nsSteps, weightDecay.d(), others)

/** The stochastic Polyak step SPS_max (Loizou et al. 2021). */
fun sps(maxLr: Number, c: Number = 0.5, fStar: Number = 0.0): Transform = Optimizers.sps(maxLr.d(), c.d(), fStar.d())

/** Stochastic gradient Langevin dynamics: `p -= lr g` plus Gaussian noise of variance `2 lr temperature`. */
fun sgld(lr: Number, temperature: Number = 1.0, seed: Long = 0): Transform = Optimizers.sgld(lr.d(), temperature.d(), seed)

/** SGLD with scheduled step size and temperature. */
fun sgld(lr: Schedule, temperature: Schedule, seed: Long = 0): Transform = Optimizers.sgld(lr, temperature, seed)

/** The optimizer `torch.optim.<className>(params, **hyper)` builds: `fromTorch("AdamW", "lr" to 3e-4, "betas" to listOf(0.9, 0.95))`. */
fun fromTorch(className: String, vararg hyper: Pair<String, Any>): Transform = Optimizers.fromTorch(className, mapOf(*hyper))
