package descent.optim;

import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Tensor;

import java.util.Locale;

/**
 * The outcome of a {@link Minimize} run: why it stopped, the number of steps, the final point
 * (the optimizer's {@linkplain Transform#evaluationPoint evaluation point}: the parameters, or an
 * average for averaging methods), the loss and gradient norm there (for a mini-batch objective,
 * of the last batch at the last iterate), the history and the optimizer's final state.
 */
public final class Result {
    private final Stop.Reason reason;
    private final long steps;
    private final double value;
    private final double gradientNorm;
    private final double[] x;
    private final ParamLayout layout;
    private final History history;
    private final State state;
    private final long nanos;

    Result(Stop.Reason reason, long steps, double value, double gradientNorm, double[] x, ParamLayout layout, History history,
            State state, long nanos) {
        this.reason = reason;
        this.steps = steps;
        this.value = value;
        this.gradientNorm = gradientNorm;
        this.x = x;
        this.layout = layout;
        this.history = history;
        this.state = state;
        this.nanos = nanos;
    }

    /** Why the run stopped. */
    public Stop.Reason reason() {
        return reason;
    }

    /** Number of optimizer steps taken (including steps skipped for non-finite gradients, and those of a resumed run before it resumed). */
    public long steps() {
        return steps;
    }

    /** The loss at the final point. */
    public double value() {
        return value;
    }

    /** The gradient norm at the final point. */
    public double gradientNorm() {
        return gradientNorm;
    }

    /** The final point as a flat vector (a copy). */
    public double[] x() {
        return x.clone();
    }

    /** The final point as a tree of tensors. */
    public Params<Tensor> params() {
        return layout.unflatten(x.clone());
    }

    /** The recorded history. */
    public History history() {
        return history;
    }

    /** The optimizer's final state. */
    public State state() {
        return state;
    }

    /** Wall time of this run (not counting a run it resumed), in nanoseconds. */
    public long nanos() {
        return nanos;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Result{%s after %d steps, f = %.6e, |grad f| = %.3e, %.1f ms}", reason, steps, value,
                gradientNorm, nanos / 1e6);
    }
}
