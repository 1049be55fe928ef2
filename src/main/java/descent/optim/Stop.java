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
        CALLBACK
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

    /** True if the criterion holds for this evaluation. */
    boolean met(double loss, double previousLoss, double gradNorm, long elapsedNanos) {
        switch (reason) {
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
