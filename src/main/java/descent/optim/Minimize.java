package descent.optim;

import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Tensor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs an optimizer on an objective: the one entry for every method of this package.
 *
 * <pre>{@code
 * Result r = Minimize.with(Optimizers.adam(1e-2))
 *         .steps(5000)
 *         .stopWhen(Stop.gradientNorm(1e-8))
 *         .every(100, p -> System.out.println(p.step() + " " + p.loss()))
 *         .run(objective, params);
 * }</pre>
 *
 * <p>Each step evaluates the loss and gradient at the current iterate (for a
 * {@link BatchObjective}, on a batch drawn by a seeded generator), records them in the
 * {@link History}, checks the stopping criteria, and lets the optimizer step; callbacks run every
 * {@code k} steps and may stop the run. A NaN or infinite loss or gradient stops the run with a
 * {@link NonFiniteException} naming the step and the parameter leaf, unless the optimizer skips
 * such steps ({@link Transforms#skipNonFinite}). With {@link #checkpoint} the run saves its
 * complete state every {@code k} steps and when its step budget is spent; a run configured the
 * same way and started with {@link #resume} continues bit for bit as if never interrupted.
 * After the first step, the loop itself allocates nothing (the history grows geometrically).
 */
public final class Minimize {
    /** Called after every {@code k}-th step. */
    @FunctionalInterface
    public interface Callback {
        /** Receives the run's progress; {@link Progress#stop()} ends the run. */
        void onStep(Progress progress);

        /**
         * Steps until this callback wants its next call, asked after each call: 0 (the default)
         * keeps the {@code k} it was registered with; a positive count paces it instead (a live
         * display calling back about once a millisecond whatever a step costs), and a paced
         * callback is also called after the run's last step if that one was not its turn.
         */
        default int stepsToNext() {
            return 0;
        }
    }

    private final Transform optimizer;
    private final Method method;
    private Bounds bounds = Bounds.NONE;
    private long maxSteps = 1000;
    private final List<Stop> criteria = new ArrayList<>();
    private final List<Integer> callbackEvery = new ArrayList<>();
    private final List<Callback> callbacks = new ArrayList<>();
    private boolean recordIterates;
    private int batchSize = -1;
    private Sampling sampling = Sampling.WITHOUT_REPLACEMENT;
    private long seed;
    private Path checkpointFile;
    private int checkpointEvery;
    private Path resumeFile;

    private Minimize(Transform optimizer, Method method) {
        if (optimizer == null && method == null) {
            throw new IllegalArgumentException("Minimize: the optimizer is null");
        }
        this.optimizer = optimizer;
        this.method = method;
    }

    /** A run of {@code optimizer} with a budget of 1000 steps and no other criterion. */
    public static Minimize with(Transform optimizer) {
        return new Minimize(optimizer, null);
    }

    /**
     * A run of a {@link Method} (line search, quasi-Newton, Newton-type) with a budget of 1000
     * iterations and the method's own criteria ({@link Method#criteria()}). Each step is one
     * iteration of the method, however many evaluations it takes; the history has one entry per
     * iterate, whose learning-rate column holds the step length the method took from it.
     */
    public static Minimize with(Method method) {
        return new Minimize(null, method);
    }

    /**
     * Box constraints for the run. A start point outside them is projected onto them before the
     * run begins, and {@link Result#startProjected()} says how many elements moved. Methods that
     * handle bounds ({@link Methods#lbfgsb}) keep every iterate feasible; a {@link Transform}'s
     * iterate is projected onto the box after every step; other methods refuse bounds.
     *
     * @throws IllegalArgumentException (at {@code run}) if the bounds do not fit the parameters
     */
    public Minimize bounds(Bounds bounds) {
        if (bounds == null) {
            throw new IllegalArgumentException("Minimize.bounds: null (use Bounds.NONE for an unbounded run)");
        }
        this.bounds = bounds;
        return this;
    }

    /** At most {@code maxSteps} optimizer steps (including those before a resume). */
    public Minimize steps(long maxSteps) {
        if (maxSteps < 0) {
            throw new IllegalArgumentException("Minimize.steps: must be >= 0, got " + maxSteps);
        }
        this.maxSteps = maxSteps;
        return this;
    }

    /** Adds stopping criteria; the run stops at the first one met. */
    public Minimize stopWhen(Stop... stops) {
        for (Stop s : stops) {
            if (s == null) {
                throw new IllegalArgumentException("Minimize.stopWhen: null criterion");
            }
            criteria.add(s);
        }
        return this;
    }

    /** Calls {@code callback} after every {@code k}-th step. */
    public Minimize every(int k, Callback callback) {
        if (k < 1 || callback == null) {
            throw new IllegalArgumentException("Minimize.every: needs k >= 1 and a callback, got k = " + k);
        }
        callbackEvery.add(k);
        callbacks.add(callback);
        return this;
    }

    /** Records every iterate in the history (a copy per step). */
    public Minimize recordIterates() {
        this.recordIterates = true;
        return this;
    }

    /**
     * Mini-batches of {@code batchSize} examples for a {@link BatchObjective}, drawn with
     * {@code sampling} from a generator seeded with {@code seed}. Without this, a batch objective
     * gets batches of all its examples (in a shuffled order).
     */
    public Minimize batches(int batchSize, Sampling sampling, long seed) {
        if (batchSize < 1 || sampling == null) {
            throw new IllegalArgumentException("Minimize.batches: needs a batch size >= 1 and a sampling, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.sampling = sampling;
        this.seed = seed;
        return this;
    }

    /** Saves a checkpoint to {@code file} every {@code every} steps and when the step budget is spent. */
    public Minimize checkpoint(Path file, int every) {
        if (file == null || every < 1) {
            throw new IllegalArgumentException("Minimize.checkpoint: needs a file and every >= 1, got " + every);
        }
        this.checkpointFile = file;
        this.checkpointEvery = every;
        return this;
    }

    /**
     * Starts from the checkpoint in {@code file} instead of the initial point: parameters,
     * optimizer state, step, batch generator and history. The run must be configured as the one
     * that wrote it (same parameter layout, optimizer, batches).
     *
     * @throws IllegalArgumentException (at {@code run}) if the file is damaged, truncated or does not match
     */
    public Minimize resume(Path file) {
        if (file == null || !Files.exists(file)) {
            throw new IllegalArgumentException("Minimize.resume: no checkpoint file " + file);
        }
        this.resumeFile = file;
        return this;
    }

    /** Minimizes {@code f} over a plain vector from {@code x0} (which is not modified). */
    public Result run(Objective f, double[] x0) {
        return loop(Layouts.vector(x0.length), x0.clone(), f, null);
    }

    /** Minimizes {@code f} over the leaves of {@code x0}. */
    public Result run(Objective f, Params<Tensor> x0) {
        ParamLayout layout = ParamLayout.of(x0);
        return loop(layout, layout.flatten(x0), f, null);
    }

    /** Minimizes a mini-batch objective over a plain vector from {@code x0}. */
    public Result run(BatchObjective f, double[] x0) {
        return loop(Layouts.vector(x0.length), x0.clone(), null, f);
    }

    /** Minimizes a mini-batch objective over the leaves of {@code x0}. */
    public Result run(BatchObjective f, Params<Tensor> x0) {
        ParamLayout layout = ParamLayout.of(x0);
        return loop(layout, layout.flatten(x0), null, f);
    }

    private Result loop(ParamLayout layout, double[] x, Objective full, BatchObjective batched) {
        long started = System.nanoTime();
        int n = x.length;
        String who = method != null ? "Minimize(" + method.name() + ")" : "Minimize";
        if (method != null && batched != null) {
            throw new IllegalArgumentException(who + ": a method evaluates the objective at points of its choosing and needs a "
                    + "full-batch Objective, not a BatchObjective");
        }
        bounds.require(layout, who);
        checkStart(who, x, layout);
        int projected = bounds.project(x);
        double[] g = new double[n];
        Checkpoint.Run run = new Checkpoint.Run();
        run.layout = layout;
        run.x = x;
        run.previousLoss = Double.NaN;
        run.history = new History((int) Math.min(maxSteps, 1 << 16));
        if (batched != null) {
            int b = batchSize > 0 ? batchSize : batched.examples();
            run.sampler = new Sampler(sampling, batched.examples(), b, seed);
        }
        long[] counts = run.counts;
        Iterate iterate = null;
        if (method != null) {
            run.grad = g;
            iterate = new Iterate(x, g, full, bounds, counts);
            if (resumeFile == null) {
                counts[Iterate.EVALUATIONS]++;
                counts[Iterate.GRADIENTS]++;
                double f0 = full.valueAndGrad(x, g);
                if (!Double.isFinite(f0) || !Vec.allFinite(g, 0, n)) {
                    throw nonFinite(0, f0, g, layout);
                }
                iterate.set(f0);
                run.value = f0;
                run.evaluated = true;
            }
            run.state = method.init(layout, iterate);
            iterate.takeMoved();
        } else {
            run.state = optimizer.init(layout, x);
        }
        if (resumeFile != null) {
            Checkpoint.restore(resumeFile, run);
            if (iterate != null) {
                iterate.set(run.value);
            }
        }
        Sampler sampler = run.sampler;
        Context context = new Context();
        Context.Oracle oracle = null;
        if (method == null) {
            oracle = batched == null ? full::valueAndGrad : (point, grad) -> batched.valueAndGrad(point, sampler.batch, grad);
            if (full instanceof HessianObjective) {
                HessianObjective h = (HessianObjective) full;
                context.setCurvature(h::hvp);
            } else if (batched instanceof BatchHessianObjective) {
                BatchHessianObjective h = (BatchHessianObjective) batched;
                context.setCurvature((point, v, out) -> h.hvp(point, sampler.batch, v, out));
            }
        }
        Progress progress = new Progress(layout, x);
        History history = run.history;
        State state = run.state;
        boolean skips = method == null && optimizer.skipsNonFinite();
        List<Stop> all = new ArrayList<>(criteria);
        if (method != null) {
            all.addAll(Arrays.asList(method.criteria()));
        }
        Stop[] stops = all.toArray(new Stop[0]);
        boolean projectedNorm = false;
        for (Stop s : stops) {
            projectedNorm |= s.needsProjectedGradient();
        }
        boolean bounded = bounds.isBounded();
        Callback[] calls = callbacks.toArray(new Callback[0]);
        int[] every = callbackEvery.stream().mapToInt(Integer::intValue).toArray();
        // Steps until each callback is due (at multiples of its k), counted down rather than found by a division per step.
        int[] due = new int[every.length];
        boolean[] paced = new boolean[every.length];
        long[] calledAt = new long[every.length];
        for (int c = 0; c < due.length; c++) {
            due[c] = (int) (every[c] - run.step % every[c]);
        }
        Stop.Reason reason = null;
        double lastLoss = Double.NaN;
        double lastNorm = Double.NaN;
        double lastLr = Double.NaN;
        boolean evaluatedAtX = false;
        int contextEvaluations = 0;
        int contextProducts = 0;
        while (true) {
            if (run.step >= maxSteps) {
                reason = Stop.Reason.STEPS;
                break;
            }
            long t0 = System.nanoTime();
            double f;
            if (method != null) {
                f = iterate.value();
            } else {
                counts[Iterate.EVALUATIONS]++;
                counts[Iterate.GRADIENTS]++;
                f = batched == null ? full.valueAndGrad(x, g) : batched.valueAndGrad(x, sampler.next(), g);
            }
            double norm = Vec.norm(g, n);
            boolean finite = Double.isFinite(f) && (Double.isFinite(norm) || Vec.allFinite(g, 0, n));
            double lr = method != null ? Double.NaN : optimizer.learningRate(state);
            if (recordIterates) {
                history.addIterate(x);
            }
            history.add(f, norm, lr, 0, !finite);
            lastLoss = f;
            lastNorm = norm;
            lastLr = lr;
            evaluatedAtX = true;
            if (!finite && !skips) {
                throw nonFinite(run.step, f, g, layout);
            }
            if (finite) {
                long elapsed = t0 - started;
                double pg = projectedNorm ? bounds.projectedGradientNorm(x, g) : Double.NaN;
                for (Stop s : stops) {
                    if (s.met(f, run.previousLoss, norm, pg, counts[Iterate.EVALUATIONS], elapsed)) {
                        reason = s.reason;
                        break;
                    }
                }
                if (reason != null) {
                    history.setNanos(history.size() - 1, System.nanoTime() - t0);
                    break;
                }
                run.previousLoss = f;
            }
            Stop.Reason ended = null;
            if (method != null) {
                ended = method.step(iterate, state);
                history.setLearningRate(history.size() - 1, iterate.takeStepLength());
                history.setMeasure(history.size() - 1, iterate.takeMeasure());
                if (!iterate.takeMoved()) {
                    if (ended == null) {
                        throw new IllegalStateException(who + ": the method neither moved nor gave a reason to stop");
                    }
                    reason = ended;
                    history.setNanos(history.size() - 1, System.nanoTime() - t0);
                    break;
                }
                run.value = iterate.value();
            } else {
                if (Double.isFinite(f)) {
                    context.set(f, oracle);
                    optimizer.step(g, state, x, context);
                    if (bounded) {
                        bounds.project(x);
                    }
                }
                counts[Iterate.EVALUATIONS] += context.evaluations() - contextEvaluations;
                counts[Iterate.GRADIENTS] += context.evaluations() - contextEvaluations;
                counts[Iterate.PRODUCTS] += context.products() - contextProducts;
                contextEvaluations = context.evaluations();
                contextProducts = context.products();
                evaluatedAtX = false;
            }
            run.step++;
            long t1 = System.nanoTime();
            history.setNanos(history.size() - 1, t1 - t0);
            for (int c = 0; c < calls.length; c++) {
                if (--due[c] == 0) {
                    progress.set(run.step, f, norm, lr, t1 - started);
                    calls[c].onStep(progress);
                    calledAt[c] = run.step;
                    int next = calls[c].stepsToNext();
                    paced[c] |= next > 0;
                    due[c] = next > 0 ? next : every[c];
                }
            }
            if (checkpointFile != null && run.step % checkpointEvery == 0) {
                Checkpoint.save(checkpointFile, run);
            }
            if (progress.stopRequested) {
                reason = Stop.Reason.CALLBACK;
                break;
            }
            if (ended != null) {
                reason = ended;
                break;
            }
        }
        if (checkpointFile != null && reason == Stop.Reason.STEPS && run.step % checkpointEvery != 0) {
            Checkpoint.save(checkpointFile, run);
        }
        for (int c = 0; c < calls.length; c++) {
            if (paced[c] && calledAt[c] != run.step) {
                progress.set(run.step, lastLoss, lastNorm, lastLr, System.nanoTime() - started);
                calls[c].onStep(progress);
            }
        }
        boolean atX = method == null && optimizer.evaluatesAtParams(state);
        double[] point = atX ? x : new double[n];
        double value = lastLoss;
        double gradNorm = lastNorm;
        if (method != null) {
            System.arraycopy(x, 0, point, 0, n);
            value = iterate.value();
            gradNorm = Vec.norm(g, n);
        } else {
            if (!atX) {
                optimizer.evaluationPoint(state, x, point);
            }
            if (batched == null && !(evaluatedAtX && (atX || Arrays.equals(point, x)))) {
                value = full.valueAndGrad(point, g);
                gradNorm = Vec.norm(g, n);
            }
        }
        return new Result(reason, run.step, value, gradNorm, point, layout, history, state, System.nanoTime() - started, counts,
                projected);
    }

    /** Fails on a non-finite element of the start point, naming the leaf and the element. */
    private static void checkStart(String who, double[] x, ParamLayout layout) {
        int at = Vec.firstNonFinite(x, x.length);
        if (at >= 0) {
            int leaf = layout.leafAt(at);
            throw new IllegalArgumentException(who + ": the start point is not finite: leaf '" + layout.path(leaf) + "' element "
                    + (at - layout.offset(leaf)) + " is " + x[at]);
        }
    }

    private static NonFiniteException nonFinite(long step, double f, double[] g, ParamLayout layout) {
        int at = Vec.firstNonFinite(g, g.length);
        if (at < 0) {
            return new NonFiniteException(step, null, -1, f);
        }
        int leaf = layout.leafAt(at);
        return new NonFiniteException(step, layout.path(leaf), at - layout.offset(leaf), g[at]);
    }
}
