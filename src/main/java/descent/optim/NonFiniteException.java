package descent.optim;

/**
 * A run met a NaN or an infinity in the loss or the gradient: the message names the step, and for
 * a gradient the parameter leaf and the element within it.
 */
public final class NonFiniteException extends ArithmeticException {
    private final long step;
    private final String leaf;
    private final int index;

    NonFiniteException(long step, String leaf, int index, double value) {
        super("Minimize: step " + step + ": " + (leaf == null ? "the loss is " + value
                : "the gradient of leaf '" + leaf + "' is " + value + " at element " + index)
                + " (wrap the optimizer in Transforms.skipNonFinite to skip such steps)");
        this.step = step;
        this.leaf = leaf;
        this.index = index;
    }

    /** The step at which the non-finite value appeared (0 for the first evaluation). */
    public long step() {
        return step;
    }

    /** The path of the parameter leaf whose gradient is not finite, or null if the loss is not finite. */
    public String leaf() {
        return leaf;
    }

    /** The flat index within the leaf, or -1 for the loss. */
    public int index() {
        return index;
    }
}
