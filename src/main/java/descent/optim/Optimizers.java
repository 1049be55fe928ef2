package descent.optim;

import java.util.Map;

/**
 * The optimizer catalogue: every method is a {@link Transform} whose updates are added to the
 * parameters. Short forms take the learning rate and use the defaults written in their Javadoc
 * (torch's where torch has the method, otherwise the paper's or optax's); full forms take every
 * hyperparameter, and the {@link Schedule} forms let any of them change with the step.
 * {@link #fromTorch} builds an optimizer from torch's class name and keyword arguments.
 * Invalid hyperparameters fail here, naming the hyperparameter and its valid interval.
 *
 * <pre>{@code
 * Transform adam = Optimizers.adam(1e-3);
 * Transform adamw = Optimizers.adamW(Schedule.warmupCosine(0, 3e-4, 500, 20_000, 3e-5), 0.9, 0.95, 1e-8, 0.1);
 * Transform same = Optimizers.fromTorch("AdamW", Map.of("lr", 3e-4, "betas", List.of(0.9, 0.95), "weight_decay", 0.1));
 * }</pre>
 */
public final class Optimizers {
    private Optimizers() {
    }

    private static Schedule c(double v) {
        return Schedule.constant(v);
    }

    // ---- torch.optim -----------------------------------------------------------------------------

    /** Plain SGD, {@code p -= lr g} (torch.optim.SGD without momentum). */
    public static Transform sgd(double lr) {
        return sgd(lr, 0, 0, 0, false);
    }

    /** SGD with heavy-ball momentum {@code mu} (torch's form: {@code b = mu b + g, p -= lr b}). */
    public static Transform sgd(double lr, double momentum) {
        return sgd(lr, momentum, 0, 0, false);
    }

    /**
     * torch.optim.SGD: {@code g' = g + wd p}; {@code b = g'} at the first step, then
     * {@code b = mu b + (1 - dampening) g'}; {@code p -= lr (nesterov ? g' + mu b : b)}.
     * torch's defaults: momentum 0, dampening 0, weight decay 0, no Nesterov.
     */
    public static Transform sgd(double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        return new Sgd(c(lr), c(momentum), c(dampening), c(weightDecay), nesterov);
    }

    /** Plain SGD with a scheduled learning rate. */
    public static Transform sgd(Schedule lr) {
        return new Sgd(lr, c(0), c(0), c(0), false);
    }

    /** {@link #sgd(double, double, double, double, boolean)} with scheduled hyperparameters. */
    public static Transform sgd(Schedule lr, Schedule momentum, Schedule dampening, Schedule weightDecay, boolean nesterov) {
        return new Sgd(lr, momentum, dampening, weightDecay, nesterov);
    }

    /** torch.optim.Adagrad with torch's defaults (lr decay 0, weight decay 0, initial accumulator 0, eps 1e-10); torch's lr default is 1e-2. */
    public static Transform adagrad(double lr) {
        return adagrad(lr, 0, 0, 0, 1e-10);
    }

    /** torch.optim.Adagrad: {@code s += g'^2, p -= lr / (1 + (t - 1) lrDecay) g' / (sqrt(s) + eps)}, {@code g' = g + wd p}. */
    public static Transform adagrad(double lr, double lrDecay, double weightDecay, double initialAccumulator, double eps) {
        return new Adagrad(c(lr), c(lrDecay), c(weightDecay), initialAccumulator, c(eps));
    }

    /** torch.optim.Adadelta with torch's defaults: lr 1.0, rho 0.9, eps 1e-6, no weight decay. */
    public static Transform adadelta() {
        return adadelta(1.0, 0.9, 1e-6, 0);
    }

    /** torch.optim.Adadelta (Zeiler 2012). */
    public static Transform adadelta(double lr, double rho, double eps, double weightDecay) {
        return new Adadelta(c(lr), c(rho), c(eps), c(weightDecay));
    }

    /** torch.optim.RMSprop with torch's defaults (alpha 0.99, eps 1e-8, no weight decay, no momentum, not centered); torch's lr default is 1e-2. */
    public static Transform rmsprop(double lr) {
        return rmsprop(lr, 0.99, 1e-8, 0, 0, false);
    }

    /** torch.optim.RMSprop, plain or centered, with optional momentum. */
    public static Transform rmsprop(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
        return new RmsProp(c(lr), c(alpha), c(eps), c(weightDecay), c(momentum), centered);
    }

    /** torch.optim.Rprop with torch's defaults: etas (0.5, 1.2), step sizes in [1e-6, 50]; torch's lr (initial step) default is 1e-2. */
    public static Transform rprop(double lr) {
        return rprop(lr, 0.5, 1.2, 1e-6, 50);
    }

    /** torch.optim.Rprop: per-element step sizes starting at {@code lr}, grown or shrunk by the sign agreement of successive gradients. */
    public static Transform rprop(double lr, double etaMinus, double etaPlus, double stepMin, double stepMax) {
        return new Rprop(lr, etaMinus, etaPlus, stepMin, stepMax);
    }

    /** torch.optim.ASGD with torch's defaults: lambd 1e-4, alpha 0.75, t0 1e6, no weight decay; torch's lr default is 1e-2. */
    public static Transform asgd(double lr) {
        return asgd(lr, 1e-4, 0.75, 1e6, 0);
    }

    /** torch.optim.ASGD (averaged SGD); the average is the evaluation point. */
    public static Transform asgd(double lr, double lambd, double alpha, double t0, double weightDecay) {
        return new Asgd(lr, lambd, alpha, t0, c(weightDecay));
    }

    /** torch.optim.Adam with torch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay; torch's lr default is 1e-3. */
    public static Transform adam(double lr) {
        return adam(lr, 0.9, 0.999, 1e-8, 0);
    }

    /** Adam with torch's defaults and a scheduled learning rate. */
    public static Transform adam(Schedule lr) {
        return adam(lr, c(0.9), c(0.999), c(1e-8), c(0), false);
    }

    /** torch.optim.Adam with coupled weight decay ({@code g' = g + wd p}). */
    public static Transform adam(double lr, double beta1, double beta2, double eps, double weightDecay) {
        return adam(c(lr), c(beta1), c(beta2), c(eps), c(weightDecay), false);
    }

    /** torch.optim.Adam with scheduled hyperparameters, optionally AMSGrad. */
    public static Transform adam(Schedule lr, Schedule beta1, Schedule beta2, Schedule eps, Schedule weightDecay, boolean amsgrad) {
        return new Adam(amsgrad ? "amsgrad" : "adam", lr, beta1, beta2, eps, weightDecay, false, amsgrad);
    }

    /** AMSGrad (torch.optim.Adam with {@code amsgrad=True}) with Adam's defaults. */
    public static Transform amsgrad(double lr) {
        return amsgrad(lr, 0.9, 0.999, 1e-8, 0);
    }

    /** AMSGrad: Adam normalized by the running maximum of the second moment. */
    public static Transform amsgrad(double lr, double beta1, double beta2, double eps, double weightDecay) {
        return adam(c(lr), c(beta1), c(beta2), c(eps), c(weightDecay), true);
    }

    /** torch.optim.AdamW with torch's defaults: betas (0.9, 0.999), eps 1e-8, weight decay 1e-2; torch's lr default is 1e-3. */
    public static Transform adamW(double lr) {
        return adamW(lr, 0.9, 0.999, 1e-8, 1e-2);
    }

    /** AdamW with torch's defaults (weight decay 1e-2) and a scheduled learning rate. */
    public static Transform adamW(Schedule lr) {
        return adamW(lr, c(0.9), c(0.999), c(1e-8), c(1e-2), false);
    }

    /** torch.optim.AdamW: Adam with decoupled weight decay {@code p -= lr wd p}. */
    public static Transform adamW(double lr, double beta1, double beta2, double eps, double weightDecay) {
        return adamW(c(lr), c(beta1), c(beta2), c(eps), c(weightDecay), false);
    }

    /** AdamW with a scheduled learning rate. */
    public static Transform adamW(Schedule lr, double beta1, double beta2, double eps, double weightDecay) {
        return adamW(lr, c(beta1), c(beta2), c(eps), c(weightDecay), false);
    }

    /** torch.optim.AdamW with scheduled hyperparameters, optionally AMSGrad. */
    public static Transform adamW(Schedule lr, Schedule beta1, Schedule beta2, Schedule eps, Schedule weightDecay, boolean amsgrad) {
        return new Adam(amsgrad ? "amsgradW" : "adamW", lr, beta1, beta2, eps, weightDecay, true, amsgrad);
    }

    /** torch.optim.Adamax with torch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay; torch's lr default is 2e-3. */
    public static Transform adamax(double lr) {
        return adamax(lr, 0.9, 0.999, 1e-8, 0);
    }

    /** torch.optim.Adamax, Adam with the infinity norm. */
    public static Transform adamax(double lr, double beta1, double beta2, double eps, double weightDecay) {
        return new Adamax(c(lr), c(beta1), c(beta2), c(eps), c(weightDecay));
    }

    /** NAdam with torch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay, momentum decay 4e-3; torch's lr default is 2e-3. */
    public static Transform nadam(double lr) {
        return nadam(lr, 0.9, 0.999, 1e-8, 0, 4e-3);
    }

    /**
     * NAdam (Dozat 2016) as torch ≥ 2.0 computes it. torch 1.13 multiplies the momentum product
     * of the Nesterov term by {@code mu_t} once too often; Descent follows the paper.
     */
    public static Transform nadam(double lr, double beta1, double beta2, double eps, double weightDecay, double momentumDecay) {
        return new NAdam(c(lr), c(beta1), c(beta2), c(eps), c(weightDecay), momentumDecay);
    }

    /** torch.optim.RAdam with torch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay; torch's lr default is 1e-3. */
    public static Transform radam(double lr) {
        return radam(lr, 0.9, 0.999, 1e-8, 0);
    }

    /** torch.optim.RAdam, Adam with the variance rectification of Liu et al. 2020. */
    public static Transform radam(double lr, double beta1, double beta2, double eps, double weightDecay) {
        return new RAdam(c(lr), c(beta1), c(beta2), c(eps), c(weightDecay));
    }

    // ---- adaptive methods beyond torch.optim -------------------------------------------------------

    /** AdaBelief with optax's defaults: betas (0.9, 0.999), eps 1e-16, epsRoot 1e-16, no weight decay; optax's lr default is 1e-3. */
    public static Transform adaBelief(double lr) {
        return adaBelief(lr, 0.9, 0.999, 1e-16, 1e-16, 0);
    }

    /** AdaBelief (Zhuang et al. 2020) with decoupled weight decay. */
    public static Transform adaBelief(double lr, double beta1, double beta2, double eps, double epsRoot, double weightDecay) {
        return new AdaBelief(c(lr), c(beta1), c(beta2), c(eps), c(epsRoot), c(weightDecay));
    }

    /** Lion with the paper's defaults: betas (0.9, 0.99), no weight decay; the paper suggests an lr 3-10x smaller than AdamW's (1e-4). */
    public static Transform lion(double lr) {
        return lion(lr, 0.9, 0.99, 0);
    }

    /** Lion (Chen et al. 2023): {@code p -= lr (sign(b1 m + (1 - b1) g) + wd p), m = b2 m + (1 - b2) g}. */
    public static Transform lion(double lr, double beta1, double beta2, double weightDecay) {
        return new Lion(c(lr), c(beta1), c(beta2), c(weightDecay));
    }

    /** Lion with scheduled hyperparameters. */
    public static Transform lion(Schedule lr, Schedule beta1, Schedule beta2, Schedule weightDecay) {
        return new Lion(lr, beta1, beta2, weightDecay);
    }

    /**
     * Adafactor with the paper's defaults: relative step size {@code min(1e-2, 1/sqrt(t))} scaled
     * by the parameters' RMS (at least 1e-3), decay rate -0.8, eps1 1e-30, clipping threshold 1,
     * no momentum, no weight decay.
     */
    public static Transform adafactor() {
        return new Adafactor(Double.NaN, 1e-30, 1e-3, 1.0, -0.8, 0, 0, true, true);
    }

    /** Adafactor with a fixed learning rate, no parameter scaling (the Hugging Face recommendation for an external lr, e.g. 1e-3). */
    public static Transform adafactor(double lr) {
        return new Adafactor(lr, 1e-30, 1e-3, 1.0, -0.8, 0, 0, false, false);
    }

    /**
     * Adafactor (Shazeer and Stern 2018) with every option; {@code lr} is ignored when
     * {@code relativeStep} (pass NaN), {@code beta1 = 0} turns momentum off.
     */
    public static Transform adafactor(double lr, double eps1, double eps2, double clipThreshold, double decayRate, double beta1,
            double weightDecay, boolean scaleParameter, boolean relativeStep) {
        return new Adafactor(lr, eps1, eps2, clipThreshold, decayRate, beta1, weightDecay, scaleParameter, relativeStep);
    }

    /**
     * Adam-mini with the authors' defaults (betas (0.9, 0.999), eps 1e-8, no weight decay) and the
     * paper's partition ({@link BlockPartition#transformer} with one head): one second moment per
     * output neuron of each matrix, one per vector.
     */
    public static Transform adamMini(double lr) {
        return adamMini(lr, 0.9, 0.999, 1e-8, 0, BlockPartition.transformer(1));
    }

    /** Adam-mini (Zhang et al. 2024) with a user-defined block partition. */
    public static Transform adamMini(double lr, double beta1, double beta2, double eps, double weightDecay, BlockPartition blocks) {
        return new AdamMini(c(lr), c(beta1), c(beta2), c(eps), c(weightDecay), blocks);
    }

    // ---- sign and normalized methods -------------------------------------------------------------

    /** signSGD: {@code p -= lr sign(g)}. */
    public static Transform signSgd(double lr) {
        return new SignDescent("signSgd", c(lr), c(0), c(0));
    }

    /** signSGD with a scheduled step size (sign methods need a decaying one to settle). */
    public static Transform signSgd(Schedule lr) {
        return new SignDescent("signSgd", lr, c(0), c(0));
    }

    /** Signum with the paper's momentum 0.9: {@code m = 0.9 m + 0.1 g, p -= lr sign(m)}. */
    public static Transform signum(double lr) {
        return signum(lr, 0.9, 0);
    }

    /** Signum with scheduled step size and momentum. */
    public static Transform signum(Schedule lr, Schedule momentum, Schedule weightDecay) {
        return new SignDescent("signum", lr, momentum, weightDecay);
    }

    /** Signum: sign descent on the momentum {@code m = beta m + (1 - beta) g}, with decoupled weight decay. */
    public static Transform signum(double lr, double momentum, double weightDecay) {
        return new SignDescent("signum", c(lr), c(momentum), c(weightDecay));
    }

    /**
     * SignRR: sign descent on mini-batches drawn by random reshuffling. The step is signSGD's;
     * {@link Minimize} provides the reshuffled batches (its default sampling without replacement).
     * A staircase schedule (e.g. {@link Schedule#step}) gives the per-epoch step sizes of the analysis.
     */
    public static Transform signRR(Schedule lr) {
        return new SignDescent("signRR", lr, c(0), c(0));
    }

    /** Normalized gradient descent: {@code p -= lr g / |g|}. */
    public static Transform normalizedGd(double lr) {
        return new NormalizedGd(c(lr));
    }

    /** Normalized gradient descent with a scheduled step length. */
    public static Transform normalizedGd(Schedule lr) {
        return new NormalizedGd(lr);
    }

    /** Clipped SGD (Zhang et al. 2020): {@code p -= lr min(1, maxNorm / |g|) g}. */
    public static Transform clippedSgd(double lr, double maxNorm) {
        return Transforms.chain(Transforms.clipByGlobalNorm(maxNorm), sgd(lr));
    }

    // ---- wrappers ---------------------------------------------------------------------------------

    /** The orthogonal-gradient wrapper ⊥Grad around any optimizer: the gradient component along each leaf's weights is removed. */
    public static Transform orthoGrad(Transform optimizer) {
        return new OrthoGrad(optimizer);
    }

    /** SAM around {@code base} with the paper's rho 0.05: the base optimizer gets the gradient at {@code p + rho g / |g|}. */
    public static Transform sam(Transform base) {
        return sam(base, 0.05);
    }

    /** SAM (Foret et al. 2021) around {@code base}; two gradient evaluations per step. */
    public static Transform sam(Transform base, double rho) {
        return new Sharpness(base, c(rho), false, 0);
    }

    /** SAM with a scheduled radius. */
    public static Transform sam(Transform base, Schedule rho) {
        return new Sharpness(base, rho, false, 0);
    }

    /** ASAM with the paper's defaults rho 0.5, eta 0.01. */
    public static Transform asam(Transform base) {
        return asam(base, 0.5, 0.01);
    }

    /** ASAM (Kwon et al. 2021), scale-invariant SAM: {@code e = rho T^2 g / |T g|}, {@code T = |p| + eta}. */
    public static Transform asam(Transform base, double rho, double eta) {
        return new Sharpness(base, c(rho), true, eta);
    }

    /** ASAM with a scheduled radius. */
    public static Transform asam(Transform base, Schedule rho, double eta) {
        return new Sharpness(base, rho, true, eta);
    }

    /**
     * GAM with the authors' CIFAR-100 ResNet settings: rho 0.02, rhoNorm 0.2, beta1 0.6, beta2 0.5,
     * beta3 0.4, gamma 0.03. Four gradient evaluations per step.
     */
    public static Transform gam(Transform base) {
        return gam(base, 0.02, 0.2, 0.6, 0.5, 0.4, 0.03);
    }

    /** GAM (Zhang et al. 2023) around {@code base}, as the authors' implementation. */
    public static Transform gam(Transform base, double rho, double rhoNorm, double beta1, double beta2, double beta3, double gamma) {
        return new Gam(base, c(rho), c(rhoNorm), beta1, beta2, beta3, gamma);
    }

    /** GAM with scheduled radii. */
    public static Transform gam(Transform base, Schedule rho, Schedule rhoNorm, double beta1, double beta2, double beta3, double gamma) {
        return new Gam(base, rho, rhoNorm, beta1, beta2, beta3, gamma);
    }

    // ---- schedule-free, learning-rate-free, Polyak, Langevin -------------------------------------

    /** Schedule-free SGD with the authors' defaults: momentum 0.9, no weight decay, no warmup; their lr default is 1.0. */
    public static Transform scheduleFreeSgd(double lr) {
        return scheduleFreeSgd(lr, 0.9, 0, 0);
    }

    /** Schedule-free SGD (Defazio et al. 2024); the average {@code x} is the evaluation point. */
    public static Transform scheduleFreeSgd(double lr, double momentum, double weightDecay, long warmupSteps) {
        return new ScheduleFree(false, c(lr), c(momentum), c(0), c(1), c(weightDecay), warmupSteps, 0, 2);
    }

    /** Schedule-free AdamW with the authors' defaults: betas (0.9, 0.999), eps 1e-8, no weight decay, no warmup; their lr default is 2.5e-3. */
    public static Transform scheduleFreeAdamW(double lr) {
        return scheduleFreeAdamW(lr, 0.9, 0.999, 1e-8, 0, 0);
    }

    /** Schedule-free AdamW (Defazio et al. 2024); the average {@code x} is the evaluation point. */
    public static Transform scheduleFreeAdamW(double lr, double beta1, double beta2, double eps, double weightDecay, long warmupSteps) {
        return new ScheduleFree(true, c(lr), c(beta1), c(beta2), c(eps), c(weightDecay), warmupSteps, 0, 2);
    }

    /**
     * Prodigy with the authors' defaults: lr 1.0, betas (0.9, 0.999), beta3 sqrt(beta2), eps 1e-8,
     * no weight decay (decoupled when set), no bias correction, d0 1e-6, dCoef 1, unlimited growth.
     */
    public static Transform prodigy() {
        return prodigy(1.0);
    }

    /** Prodigy with a learning-rate multiplier {@code lr} (1 unless unstable) and the other defaults. */
    public static Transform prodigy(double lr) {
        return prodigy(lr, 0.9, 0.999, Double.NaN, 1e-8, 0, true, false, false, 1e-6, 1.0, Double.POSITIVE_INFINITY);
    }

    /** Prodigy (Mishchenko and Defazio 2024) with every option; {@code beta3 = NaN} means {@code sqrt(beta2)}. */
    public static Transform prodigy(double lr, double beta1, double beta2, double beta3, double eps, double weightDecay,
            boolean decouple, boolean biasCorrection, boolean safeguardWarmup, double d0, double dCoef, double growthRate) {
        return new Prodigy(c(lr), beta1, beta2, beta3, eps, weightDecay, decouple, biasCorrection, safeguardWarmup, d0, dCoef,
                growthRate);
    }

    /**
     * Muon with Keller Jordan's defaults (momentum 0.95, Nesterov, 5 Newton–Schulz steps, no
     * weight decay) for matrix leaves, and AdamW (lr 3e-4, betas (0.9, 0.95), eps 1e-8, no weight
     * decay) for the others.
     */
    public static Transform muon(double lr) {
        return muon(lr, 0.95, true, 5, 0, adamW(3e-4, 0.9, 0.95, 1e-8, 0));
    }

    /** Muon for matrix leaves (rank 2) and {@code others} for the rest. */
    public static Transform muon(double lr, double momentum, boolean nesterov, int nsSteps, double weightDecay, Transform others) {
        return muon(c(lr), momentum, nesterov, nsSteps, weightDecay, others);
    }

    /** Muon with a scheduled learning rate. */
    public static Transform muon(Schedule lr, double momentum, boolean nesterov, int nsSteps, double weightDecay, Transform others) {
        Transform m = new Muon(lr, c(momentum), nesterov, nsSteps, c(weightDecay));
        return Transforms.partitionByLeaf((path, shape) -> shape.rank() == 2 ? "muon" : "others",
                Map.of("muon", m, "others", others));
    }

    /** SPS_max with the paper's {@code c = 0.5} and {@code fStar = 0}: {@code p -= min((f - fStar) / (c |g|^2), maxLr) g}. */
    public static Transform sps(double maxLr) {
        return sps(maxLr, 0.5, 0);
    }

    /** The stochastic Polyak step (Loizou et al. 2021); needs the loss, which {@link Minimize} provides. */
    public static Transform sps(double maxLr, double c, double fStar) {
        return new Sps(c(maxLr), c, fStar);
    }

    /** Stochastic gradient Langevin dynamics: {@code p -= lr g} plus Gaussian noise of variance {@code 2 lr temperature}. */
    public static Transform sgld(double lr, double temperature, long seed) {
        return new Sgld(c(lr), c(temperature), seed);
    }

    /** SGLD with scheduled step size and temperature (annealing). */
    public static Transform sgld(Schedule lr, Schedule temperature, long seed) {
        return new Sgld(lr, temperature, seed);
    }

    // ---- curvature-preconditioned (Hessian-vector products from the objective) --------------------

    /**
     * AdaHessian with the authors' defaults: betas (0.9, 0.999), eps 1e-4, no weight decay,
     * Hessian power 1, a new Hutchinson estimate every step, seed 0; their lr default is 0.15.
     * Needs Hessian-vector products: run it with {@link Minimize} on a {@link HessianObjective}
     * or {@link BatchHessianObjective}.
     */
    public static Transform adaHessian(double lr) {
        return adaHessian(lr, 0.9, 0.999, 1e-4, 0, 1, 1, 0);
    }

    /**
     * AdaHessian (Yao et al. 2021): Adam on the squared Hutchinson diagonal of the Hessian, with
     * decoupled weight decay, the Hessian power {@code k} in (0, 1], a new estimate every
     * {@code every} steps and the probes' seed; the estimate of a rank-4 (convolution kernel) leaf is
     * averaged in absolute value over each {@code kh x kw} window, as in the authors' code.
     */
    public static Transform adaHessian(double lr, double beta1, double beta2, double eps, double weightDecay, double hessianPower,
            int every, long seed) {
        return new AdaHessian(c(lr), beta1, beta2, eps, weightDecay, hessianPower, every, seed);
    }

    /** AdaHessian with a scheduled learning rate and the other defaults of {@link #adaHessian(double)}. */
    public static Transform adaHessian(Schedule lr) {
        return new AdaHessian(lr, 0.9, 0.999, 1e-4, 0, 1, 1, 0);
    }

    /**
     * Sophia-H with the defaults of the authors' code ({@code Liuhong99/Sophia}): betas
     * (0.965, 0.99), gamma 0.04 (their {@code rho}), eps 1e-15, decoupled weight decay 0.1, a
     * Hutchinson estimate every 10 steps, first after step 10; seed 0; their lr default is 1e-4.
     * Needs Hessian-vector products (see {@link #adaHessian(double)}).
     */
    public static Transform sophia(double lr) {
        return sophia(lr, 0.965, 0.99, 0.04, 1e-15, 0.1, 10, 0);
    }

    /**
     * Sophia-H (Liu et al. 2024): {@code p -= lr clip(m / max(gamma h, eps), 1)} with {@code h} the
     * running Hutchinson diagonal refreshed before steps {@code k, 2k, ...} (zero before), and
     * decoupled weight decay.
     */
    public static Transform sophia(double lr, double beta1, double beta2, double gamma, double eps, double weightDecay, int k,
            long seed) {
        return new Sophia(c(lr), beta1, beta2, gamma, eps, weightDecay, k, seed);
    }

    /** Sophia-H with a scheduled learning rate and the other defaults of {@link #sophia(double)}. */
    public static Transform sophia(Schedule lr) {
        return new Sophia(lr, 0.965, 0.99, 0.04, 1e-15, 0.1, 10, 0);
    }

    /**
     * OASIS with its step size adapted from {@code eta0}: beta2 0.99, truncation alpha 1e-5, 10
     * warm-up probes, seed 0. Needs Hessian-vector products (see {@link #adaHessian(double)}).
     */
    public static Transform oasis(double eta0) {
        return oasis(eta0, 0.99, 1e-5, 10, 0);
    }

    /**
     * OASIS (Jahani et al. 2022): {@code x -= eta D^{-1} g} with the truncated running Hutchinson
     * diagonal {@code D = max(|D|, alpha)} and {@code eta} from the local smoothness in
     * {@code D}'s norm.
     */
    public static Transform oasis(double eta0, double beta2, double alpha, int warmupProbes, long seed) {
        return new Oasis(eta0, beta2, alpha, warmupProbes, seed);
    }

    /**
     * SANIA with the Hutchinson-diagonal preconditioner of OASIS (beta2 0.99, alpha 1e-5, 10
     * warm-up probes, seed 0) and the loss's lower bound {@code fStar} (0 for interpolating
     * models). Needs the loss and Hessian-vector products, which {@link Minimize} provides for a
     * {@link HessianObjective}.
     */
    public static Transform sania(double fStar) {
        return sania(fStar, 0.99, 1e-5, 10, 0);
    }

    /** SANIA (Abdukhakimov et al. 2023): {@code x -= (f - fStar) / (g'B^{-1}g) B^{-1} g}, {@code B} as in {@link #oasis(double, double, double, int, long)}. */
    public static Transform sania(double fStar, double beta2, double alpha, int warmupProbes, long seed) {
        return new Sania(fStar, beta2, alpha, warmupProbes, seed);
    }

    // ---- Kronecker-factored, windowed-Fisher and factorization preconditioners ---------------------

    /**
     * Shampoo grafted to Adam: betas (0.9, 0.999) for Adam's moments and the Kronecker factors,
     * eps 1e-8, inverse roots floored at 1e-6 of the largest eigenvalue, recomputed every 10 steps,
     * blocks of at most 1024 x 1024 (distributed Shampoo's default {@code max_preconditioner_dim}).
     */
    public static Transform shampoo(double lr) {
        return shampoo(lr, 0.9, 0.999, 1e-8, 1e-6, 10, 1024);
    }

    /** {@link #shampoo(double, double, double, double, double, int, int)} with blocks of at most 1024 x 1024. */
    public static Transform shampoo(double lr, double beta1, double beta2, double eps, double rootEps, int every) {
        return shampoo(lr, beta1, beta2, eps, rootEps, every, 1024);
    }

    /**
     * Shampoo (Gupta et al. 2018) for matrix leaves: the direction {@code L^{-1/4} m R^{-1/4}}
     * from running Kronecker factors eigendecomposed every {@code every} steps, with the length of
     * Adam's step (grafting); other leaves take Adam's step. Matrices are cut into blocks of at most
     * {@code blockSize x blockSize}, each with its own factors and grafting norm (Shi et al. 2023),
     * so the factors of an {@code m x n} leaf hold at most {@code blockSize^2} doubles each.
     */
    public static Transform shampoo(double lr, double beta1, double beta2, double eps, double rootEps, int every, int blockSize) {
        return new Shampoo(c(lr), beta1, beta2, eps, rootEps, every, blockSize);
    }

    /**
     * SOAP with the defaults of the authors' code ({@code nikhilvyas/SOAP}): betas (0.95, 0.95),
     * the factors' average with beta2, eps 1e-8, decoupled weight decay 0.01, bases refreshed every
     * 10 steps, no factor for a dimension above 10000; their lr default is 3e-3.
     */
    public static Transform soap(double lr) {
        return soap(lr, 0.95, 0.95, 0.95, 1e-8, 0.01, 10, 10000);
    }

    /**
     * SOAP with the given betas, eps and refresh interval {@code every}, and the other defaults of
     * {@link #soap(double)} (factors averaged with {@code beta2}, weight decay 0.01, 10000).
     */
    public static Transform soap(double lr, double beta1, double beta2, double eps, int every) {
        return soap(lr, beta1, beta2, beta2, eps, 0.01, every, 10000);
    }

    /**
     * SOAP (Vyas et al. 2024): Adam in the eigenbasis of Shampoo's factors for matrix leaves, Adam for
     * the others; the factors average with {@code shampooBeta}, their bases are refreshed every
     * {@code every} steps by one power iteration, a dimension above {@code maxPrecondDim} has no
     * factor, and the first step only builds the bases (it moves nothing), as in the authors' code.
     */
    public static Transform soap(double lr, double beta1, double beta2, double shampooBeta, double eps, double weightDecay, int every,
            int maxPrecondDim) {
        return new Soap(c(lr), beta1, beta2, shampooBeta, eps, weightDecay, every, maxPrecondDim);
    }

    /** M-FAC with a window of 32 gradients and dampening {@code lambda = 1e-3}. */
    public static Transform mfac(double lr) {
        return mfac(lr, 32, 1e-3);
    }

    /**
     * M-FAC (Frantar et al. 2021): {@code p -= lr F^{-1} g}, {@code F = lambda I + (1/m) sum g_i g_i'}
     * over the last {@code m} gradients, by the recursive Woodbury formula.
     */
    public static Transform mfac(double lr, int m, double lambda) {
        return new Mfac(c(lr), m, lambda);
    }

    /**
     * ScaledGD (Tong, Ma and Chi 2021) for {@code X = L R'} with factors at the leaf paths
     * {@code left} and {@code right}: {@code L -= lr grad_L (R'R)^{-1}},
     * {@code R -= lr grad_R (L'L)^{-1}}; other leaves take plain gradient steps.
     */
    public static Transform scaledGd(double lr, String left, String right) {
        return new ScaledGd(c(lr), left, right);
    }

    // ---- by torch name --------------------------------------------------------------------------

    /**
     * The optimizer {@code torch.optim.<className>(params, **hyper)} builds, with torch's argument
     * names, defaults and conventions: {@code betas} and {@code etas} and {@code step_sizes} as
     * two-element lists, {@code weight_decay}, {@code momentum}, {@code dampening},
     * {@code nesterov}, {@code amsgrad}, {@code centered}, {@code lr_decay},
     * {@code initial_accumulator_value}, {@code momentum_decay}, {@code lambd}, {@code t0},
     * {@code maximize}. {@code foreach}, {@code capturable}, {@code differentiable} and
     * {@code fused} select torch implementations and are accepted and ignored. A numeric value may
     * be a {@link Schedule} where the Descent optimizer supports it (lr, betas, eps, weight_decay,
     * momentum, ...). Classes: SGD, Adagrad, Adadelta, RMSprop, Rprop, ASGD, Adam, AdamW, Adamax,
     * NAdam, RAdam. Differences from torch 1.13, on purpose: {@code eps = 0}, which torch accepts,
     * is rejected (it divides by zero where the second moment vanishes); NAdam follows the paper
     * and torch 2.x (see {@link #nadam(double, double, double, double, double, double)}); SGD's
     * {@code lr} is required, as in torch 1.13 (torch 2.x defaults it to 1e-3).
     *
     * @throws IllegalArgumentException for an unknown class or argument (listing the valid ones), a
     *                                  missing required argument, or an invalid value
     */
    public static Transform fromTorch(String className, Map<String, ?> hyper) {
        return TorchOptimizers.build(className, hyper);
    }
}
