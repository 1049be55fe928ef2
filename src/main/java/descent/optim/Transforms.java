package descent.optim;

import descent.tensor.ParamLayout;
import descent.tensor.Shape;

import java.util.Arrays;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The building blocks of optimizers: combinators ({@link #chain}, {@link #partition},
 * {@link #masked}, {@link #freeze}), gradient processing (clipping, weight decay, scaling,
 * {@link #skipNonFinite}) and wrappers around a whole optimizer ({@link #accumulate},
 * {@link #lookahead}, {@link #paramEma}). Hyperparameters given as a {@link Schedule} change with
 * the step. Leaves are selected by their paths (such as {@code "layer1/w"}).
 *
 * <pre>{@code
 * Transform opt = Transforms.chain(
 *         Transforms.clipByGlobalNorm(1.0),
 *         Optimizers.adamW(Schedule.warmupCosine(0, 1e-3, 100, 10_000, 1e-5), 0.9, 0.999, 1e-8, 0.01));
 * }</pre>
 */
public final class Transforms {
    private Transforms() {
    }

    /** Transforms applied in sequence, each to the updates of the previous one. */
    public static Transform chain(Transform... transforms) {
        return new Chain(transforms);
    }

    /**
     * Different transforms for different leaves: {@code labelOf(path)} labels each leaf, and the
     * transform of its label sees only the leaves with that label (as a smaller tree).
     *
     * @throws IllegalArgumentException at {@code init} if a leaf's label has no transform, listing the labels
     */
    public static Transform partition(Function<String, String> labelOf, Map<String, Transform> transforms) {
        if (labelOf == null) {
            throw new IllegalArgumentException("partition: the labelling function is null");
        }
        return new Partition((path, shape) -> labelOf.apply(path), transforms);
    }

    /** {@link #partition(Function, Map)} with labels computed from each leaf's path and shape. */
    public static Transform partitionByLeaf(BiFunction<String, Shape, String> labelOf, Map<String, Transform> transforms) {
        return new Partition(labelOf, transforms);
    }

    /** {@code inner} on the leaves whose path satisfies {@code mask}; the others pass through unchanged. */
    public static Transform masked(Predicate<String> mask, Transform inner) {
        return partition(p -> mask.test(p) ? "in" : "out", Map.of("in", inner, "out", identity()));
    }

    /**
     * {@code optimizer} on the leaves not matched by {@code frozen}; matched leaves get zero
     * updates and no optimizer state.
     */
    public static Transform freeze(Predicate<String> frozen, Transform optimizer) {
        return partition(p -> frozen.test(p) ? "frozen" : "trained", Map.of("frozen", setToZero(), "trained", optimizer));
    }

    /** Leaves the updates unchanged. */
    public static Transform identity() {
        return new Transform() {
            @Override
            public State init(ParamLayout layout, double[] params) {
                return new State("identity");
            }

            @Override
            public void update(double[] updates, State state, double[] params, Context context) {
            }
        };
    }

    /** Sets the updates to zero. */
    public static Transform setToZero() {
        return new Transform() {
            @Override
            public State init(ParamLayout layout, double[] params) {
                return new State("setToZero");
            }

            @Override
            public void update(double[] updates, State state, double[] params, Context context) {
                Arrays.fill(updates, 0.0);
            }

            @Override
            public void step(double[] grads, State state, double[] params, Context context) {
            }
        };
    }

    /** Multiplies the updates by {@code factor}. */
    public static Transform scale(double factor) {
        return Scale.by(Schedule.constant(factor));
    }

    /** Multiplies the updates by {@code factor(t)}. */
    public static Transform scale(Schedule factor) {
        return Scale.by(factor);
    }

    /** Multiplies the updates by minus the learning rate (the last stage of a descent method). */
    public static Transform scaleByLearningRate(double lr) {
        return Scale.learningRate(Schedule.constant(lr));
    }

    /** Multiplies the updates by minus the scheduled learning rate {@code lr(t)}. */
    public static Transform scaleByLearningRate(Schedule lr) {
        return Scale.learningRate(lr);
    }

    /** Clips every element of the updates to {@code [-maxValue, maxValue]}. */
    public static Transform clipByValue(double maxValue) {
        return new Clip(Clip.Kind.VALUE, Schedule.constant(maxValue));
    }

    /** Rescales each leaf of the updates whose Euclidean norm exceeds {@code maxNorm} to norm {@code maxNorm}. */
    public static Transform clipByNorm(double maxNorm) {
        return new Clip(Clip.Kind.LEAF_NORM, Schedule.constant(maxNorm));
    }

    /** Rescales all updates together when their joint Euclidean norm exceeds {@code maxNorm}. */
    public static Transform clipByGlobalNorm(double maxNorm) {
        return new Clip(Clip.Kind.GLOBAL_NORM, Schedule.constant(maxNorm));
    }

    /** {@link #clipByGlobalNorm(double)} with a scheduled bound. */
    public static Transform clipByGlobalNorm(Schedule maxNorm) {
        return new Clip(Clip.Kind.GLOBAL_NORM, maxNorm);
    }

    /**
     * Coupled weight decay (an L2 penalty): {@code u += wd p}. Place it before the preconditioner
     * (first in the chain), as torch's {@code weight_decay} of SGD and Adam.
     */
    public static Transform weightDecay(double wd) {
        return new WeightDecay(Schedule.constant(wd), false);
    }

    /** {@link #weightDecay(double)} with a scheduled coefficient. */
    public static Transform weightDecay(Schedule wd) {
        return new WeightDecay(wd, false);
    }

    /**
     * Decoupled weight decay: {@code u -= rate(t) p}. Place it after the learning-rate scaling;
     * with {@code rate = lr * wd} after Adam it is AdamW.
     */
    public static Transform decoupledWeightDecay(Schedule rate) {
        return new WeightDecay(rate, true);
    }

    /**
     * Skips steps whose gradient holds a NaN or an infinity (the updates become zero, the inner
     * state is untouched), failing only after {@code maxConsecutive} such steps in a row.
     * {@link Minimize} records skipped steps in its history instead of stopping.
     */
    public static Transform skipNonFinite(Transform inner, int maxConsecutive) {
        return new SkipNonFinite(inner, maxConsecutive);
    }

    /** {@link #skipNonFinite(Transform, int)} allowing up to 100 skipped steps in a row. */
    public static Transform skipNonFinite(Transform inner) {
        return new SkipNonFinite(inner, 100);
    }

    /** Averages the gradients of {@code k} consecutive calls and runs {@code inner} on every k-th call. */
    public static Transform accumulate(Transform inner, int k) {
        return new Accumulate(inner, k);
    }

    /**
     * Lookahead around {@code inner}: every {@code k} steps the slow weights move by
     * {@code alpha (fast - slow)} and the fast weights restart from them. The paper's defaults:
     * {@code k = 5, alpha = 0.5}.
     */
    public static Transform lookahead(Transform inner, int k, double alpha) {
        return new Lookahead(inner, k, Schedule.constant(alpha));
    }

    /**
     * Keeps an exponential moving average of the parameters beside {@code inner}
     * ({@code ema = decay ema + (1 - decay) p}); the average is what {@link Minimize} reports.
     */
    public static Transform paramEma(Transform inner, double decay) {
        return new ParamEma(inner, Schedule.constant(decay));
    }

    /** {@link #paramEma(Transform, double)} with a scheduled decay. */
    public static Transform paramEma(Transform inner, Schedule decay) {
        return new ParamEma(inner, decay);
    }

    /** The averaged parameters kept by the parameter EMA in {@code state}. */
    public static double[] paramEmaAverage(State state) {
        return ParamEma.average(state).clone();
    }

    /**
     * Scales the updates by a factor that drops by {@code factor} when the loss has not improved
     * for more than {@code patience} steps (torch's ReduceLROnPlateau, mode "min", relative
     * threshold). torch's defaults: {@code factor = 0.1, patience = 10, threshold = 1e-4,
     * cooldown = 0}; {@code minScale} is torch's {@code min_lr} divided by the learning rate.
     */
    public static Transform reduceOnPlateau(double factor, int patience, double threshold, int cooldown, double minScale) {
        return new ReduceOnPlateau(factor, patience, threshold, cooldown, minScale);
    }
}
