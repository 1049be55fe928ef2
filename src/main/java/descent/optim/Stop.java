package descent.optim;

import java.time.Duration;

/**
 * A stopping criterion of {@link Minimize}, checked after each evaluation of the objective (before
 * the step it would lead to). A run stops at the first criterion met, or when its step budget is
 * spent, and its {@link Result#reason()} says which.
 */
public final class Stop {
    /** Why a run stopped. */
    public enum Reason {
        /** The step budget was spent. */
        STEPS,
        /** The gradient norm fell below the tolerance. */
        GRADIENT_NORM,
        /** The loss changed by less than the relative tolerance between two evaluations. */
        RELATIVE_CHANGE,
        /** The loss reached the target value. */
        TARGET_VALUE,
        /** The wall-time budget was spent. */
        WALL_TIME,
        /** A callback asked to stop. */
        CALLBACK,
        /** The infinity norm of the projected gradient fell below the tolerance (SciPy's {@code pgtol}). */
        PROJECTED_GRADIENT,
        /** The loss decreased by less than the relative tolerance in one iteration (SciPy's {@code factr * eps}). */
        FUNCTION_DECREASE,
        /** The budget of objective evaluations was spent. */
        EVALUATIONS,
        /** The line search found no acceptable step, even after the method restarted from steepest descent. */
        LINE_SEARCH_FAILED,
        /** The method can make no further progress: its step, or its model's predicted decrease, vanished. */
        NO_PROGRESS,
        /**
         * The method's own optimality measure (the Frank–Wolfe gap, the gradient-mapping norm,
         * the KKT residual of an augmented-Lagrangian run) fell below the method's tolerance.
         */
        STATIONARY
    }

    final Reason reason;
    final double threshold;

    private Stop(Reason reason, double threshold) {
        this.reason = reason;
        this.threshold = threshold;
    }

    /** Stop when {@code |grad f| <= tolerance} (the Euclidean norm over all leaves). */
    public static Stop gradientNorm(double tolerance) {
        return new Stop(Reason.GRADIENT_NORM, Hyper.check("Stop.gradientNorm", "tolerance", tolerance, Hyper.Range.NON_NEGATIVE));
    }

    /** Stop when {@code |f_k - f_{k-1}| <= tolerance max(|f_k|, |f_{k-1}|, 1e-300)}. */
    public static Stop relativeChange(double tolerance) {
        return new Stop(Reason.RELATIVE_CHANGE, Hyper.check("Stop.relativeChange", "tolerance", tolerance, Hyper.Range.NON_NEGATIVE));
    }

    /** Stop when {@code f <= target}. */
    public static Stop targetValue(double target) {
        return new Stop(Reason.TARGET_VALUE, Hyper.check("Stop.targetValue", "target", target, Hyper.Range.ANY));
    }

    /** Stop once the run has taken {@code budget} of wall time. */
    public static Stop wallTime(Duration budget) {
        if (budget == null || budget.isNegative()) {
            throw new IllegalArgumentException("Stop.wallTime: the budget must be a non-negative duration, got " + budget);
        }
        return new Stop(Reason.WALL_TIME, budget.toNanos());
    }

    /**
     * Stop when the infinity norm of the projected gradient, {@code max_i |P(x - g) - x|_i}, is at
     * most {@code tolerance} (the plain gradient's infinity norm for an unbounded run): SciPy's
     * {@code pgtol} ({@code gtol} of {@code minimize(method='L-BFGS-B')}).
     */
    public static Stop projectedGradient(double tolerance) {
        return new Stop(Reason.PROJECTED_GRADIENT, Hyper.check("Stop.projectedGradient", "tolerance", tolerance, Hyper.Range.NON_NEGATIVE));
    }

    /**
     * Stop when an iteration decreases the loss by at most {@code tolerance max(|f_k|, |f_{k-1}|, 1)}:
     * SciPy's L-BFGS-B test with {@code tolerance = factr * eps} ({@code ftol} of {@code minimize}).
     */
    public static Stop functionDecrease(double tolerance) {
        return new Stop(Reason.FUNCTION_DECREASE, Hyper.check("Stop.functionDecrease", "tolerance", tolerance, Hyper.Range.NON_NEGATIVE));
    }

    /** Stop once at least {@code max} objective evaluations have been made (SciPy's {@code maxfun}). */
    public static Stop evaluations(long max) {
        if (max < 1) {
            throw new IllegalArgumentException("Stop.evaluations: the budget must be >= 1, got " + max);
        }
        return new Stop(Reason.EVALUATIONS, max);
    }

    /** True if this criterion needs the projected gradient norm. */
    boolean needsProjectedGradient() {
        return reason == Reason.PROJECTED_GRADIENT;
    }

    /** True if the criterion holds for this evaluation. */
    boolean met(double loss, double previousLoss, double gradNorm, long elapsedNanos) {
        return met(loss, previousLoss, gradNorm, Double.NaN, 0, elapsedNanos);
    }

    /**
     * True if the criterion holds for this evaluation; {@code projectedGradient} is the infinity
     * norm of the projected gradient (NaN when no criterion needs it), {@code evaluations} the
     * number of objective evaluations so far.
     */
    boolean met(double loss, double previousLoss, double gradNorm, double projectedGradient, long evaluations, long elapsedNanos) {
        switch (reason) {
            case PROJECTED_GRADIENT:
                return projectedGradient <= threshold;
            case FUNCTION_DECREASE:
                if (Double.isNaN(previousLoss)) {
                    return false;
                }
                return previousLoss - loss <= threshold * Math.max(Math.max(Math.abs(loss), Math.abs(previousLoss)), 1.0);
            case EVALUATIONS:
                return evaluations >= threshold;
            case GRADIENT_NORM:
                return gradNorm <= threshold;
            case RELATIVE_CHANGE:
                if (Double.isNaN(previousLoss)) {
                    return false;
                }
                double scale = Math.max(Math.max(Math.abs(loss), Math.abs(previousLoss)), 1e-300);
                return Math.abs(loss - previousLoss) <= threshold * scale;
            case TARGET_VALUE:
                return loss <= threshold;
            case WALL_TIME:
                return elapsedNanos >= threshold;
            default:
                return false;
        }
    }

    @Override
    public String toString() {
        return reason == Reason.WALL_TIME ? "wallTime(" + Duration.ofNanos((long) threshold) + ")"
                : reason.name().toLowerCase(java.util.Locale.ROOT) + "(" + threshold + ")";
    }
}
