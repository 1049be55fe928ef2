package descent.optim;

import descent.tensor.ParamLayout;

/**
 * A gradient transform in the manner of optax: {@link #init} builds the state for parameters of a
 * given layout, and {@link #update} turns gradients into updates, in place, advancing the state.
 * Updates are added to the parameters ({@code params += updates}), so a transform that ends an
 * optimizer scales by minus the learning rate. Transforms compose: {@link Transforms#chain} runs
 * several in sequence, {@link Transforms#partition} gives different leaves different transforms;
 * every optimizer of {@link Optimizers} is a transform.
 *
 * <p>Parameters, gradients and updates are flat vectors laid out by the {@link ParamLayout} given
 * to {@code init}: leaf {@code i} occupies {@code [layout.offset(i), layout.offset(i) + layout.size(i))}.
 * After {@code init}, updates allocate nothing.
 */
public interface Transform {
    /**
     * The initial state for parameters of this layout.
     *
     * @param layout the leaves and shapes of the parameters
     * @param params the initial parameters (read, not kept)
     */
    State init(ParamLayout layout, double[] params);

    /**
     * Replaces {@code updates} (on entry the gradient, or the updates of the previous transform of
     * a chain) by this transform's updates and advances {@code state}.
     *
     * @param updates the vector transformed in place
     * @param state   the state built by {@link #init} for this transform
     * @param params  the current parameters (read only)
     * @param context the loss and an oracle, for transforms that need them
     */
    void update(double[] updates, State state, double[] params, Context context);

    /** {@link #update(double[], State, double[], Context)} without loss value or oracle. */
    default void update(double[] updates, State state, double[] params) {
        update(updates, state, params, Context.NONE);
    }

    /**
     * One optimizer step: turns {@code grads} into updates and adds them to {@code params}.
     * Optimizers override it with a fused pass over memory; {@code grads} may be overwritten.
     */
    default void step(double[] grads, State state, double[] params, Context context) {
        update(grads, state, params, context);
        Vec.add(grads, params, params.length);
    }

    /** The learning rate of the coming update (NaN if this transform has none). */
    default double learningRate(State state) {
        return Double.NaN;
    }

    /** True if this transform skips steps whose gradient is not finite (see {@link Transforms#skipNonFinite}). */
    default boolean skipsNonFinite() {
        return false;
    }

    /**
     * Writes into {@code out} the point to report for the current parameters: the parameters
     * themselves for most methods, the averaged iterate for schedule-free methods and wrappers
     * that average.
     */
    default void evaluationPoint(State state, double[] params, double[] out) {
        System.arraycopy(params, 0, out, 0, params.length);
    }

    /**
     * True if {@link #evaluationPoint} is the parameters themselves in this state, so a caller may
     * report them without a copy (at 10^8 parameters a copy is 0.8 GB). False unless a transform
     * knows it.
     */
    default boolean evaluatesAtParams(State state) {
        return false;
    }

    /** This transform followed by {@code next}. */
    default Transform then(Transform next) {
        return Transforms.chain(this, next);
    }
}
