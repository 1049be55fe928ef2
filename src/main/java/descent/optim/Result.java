package descent.optim;

import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Tensor;

import java.util.Locale;

/**
 * The outcome of a {@link Minimize} run: why it stopped, the number of steps, the final point
 * (the optimizer's {@linkplain Transform#evaluationPoint evaluation point}: the parameters, or an
 * average for averaging methods), the loss and gradient norm there (for a mini-batch objective,
 * of the last batch at the last iterate), the history and the optimizer's final state, and the
 * counts SciPy reports: iterations ({@code nit}), objective and gradient evaluations
 * ({@code nfev}, {@code njev}) and Hessian-vector products ({@code nhev}).
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
    private final long[] counts;
    private final int projected;

    Result(Stop.Reason reason, long steps, double value, double gradientNorm, double[] x, ParamLayout layout, History history,
            State state, long nanos, long[] counts, int projected) {
        this.counts = counts.clone();
        this.projected = projected;
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

    /** Number of iterations (SciPy's {@code nit}): the same as {@link #steps()}. */
    public long iterations() {
        return steps;
    }

    /**
     * Number of evaluations of the objective (SciPy's {@code nfev}), counting the start point,
     * every trial point of line searches and every extra evaluation of a transform (SAM's
     * perturbed gradient), but not the evaluation at the final point that {@link Minimize} adds
     * for averaging transforms.
     */
    public long evaluations() {
        return counts[Iterate.EVALUATIONS];
    }

    /** Number of gradient evaluations (SciPy's {@code njev}); equal to {@link #evaluations()} for methods that evaluate both together. */
    public long gradientEvaluations() {
        return counts[Iterate.GRADIENTS];
    }

    /** Number of Hessian-vector products, Gauss–Newton and Jacobian products (SciPy's {@code nhev}). */
    public long hessianProducts() {
        return counts[Iterate.PRODUCTS];
    }

    /**
     * Number of elements of the start point that lay outside the bounds and were projected onto
     * them before the run began (0 if the start was feasible or the run unbounded).
     */
    public int startProjected() {
        return projected;
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
        return layout.unflatten(x);
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
        return String.format(Locale.ROOT, "Result{%s after %d steps, f = %.6e, |grad f| = %.3e, %d evaluations, %.1f ms%s}", reason,
                steps, value, gradientNorm, counts[Iterate.EVALUATIONS], nanos / 1e6,
                projected > 0 ? ", start projected onto the bounds in " + projected + " elements" : "");
    }
}
