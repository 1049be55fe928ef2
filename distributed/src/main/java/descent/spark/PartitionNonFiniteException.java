package descent.spark;

/**
 * A partition's contribution to a distributed evaluation was NaN or infinite: the message names
 * the optimizer step (when run through {@link SparkObjective#minimize}), the evaluation, the
 * partition and the element.
 */
public final class PartitionNonFiniteException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final long step;
    private final int partition;
    private final int element;

    PartitionNonFiniteException(long evaluation, long step, int partition, int element, double value, String what) {
        super("SparkObjective: " + (step >= 0 ? "step " + step + ", " : "") + "evaluation " + evaluation + ": partition " + partition
                + " gave " + (element < 0 ? what + " " + value : what + " element " + element + " = " + value));
        this.step = step;
        this.partition = partition;
        this.element = element;
    }

    /** The optimizer step during which it happened, or -1 outside {@link SparkObjective#minimize}. */
    public long step() {
        return step;
    }

    /** The lowest-numbered partition whose contribution was not finite. */
    public int partition() {
        return partition;
    }

    /** The element of the gradient (or product) that was not finite, or -1 for the loss. */
    public int element() {
        return element;
    }
}
