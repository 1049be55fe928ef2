package descent.optim;

/**
 * Learning rates for a batch size other than the one they were tuned at: the linear scaling rule
 * for SGD (Goyal et al. 2017, learning rate proportional to the batch size) and the square-root
 * rule for Adam-type methods (Malladi et al. 2022, proportional to its square root).
 */
public final class BatchScaling {
    private BatchScaling() {
    }

    private static double ratio(int baseBatch, int batch) {
        if (baseBatch <= 0 || batch <= 0) {
            throw new IllegalArgumentException("BatchScaling: batch sizes must be positive, got base " + baseBatch
                    + " and " + batch);
        }
        return (double) batch / baseBatch;
    }

    /** SGD's linear rule: {@code lr * batch / baseBatch}. */
    public static double linear(double lr, int baseBatch, int batch) {
        return lr * ratio(baseBatch, batch);
    }

    /** The linear rule applied to a schedule. */
    public static Schedule linear(Schedule lr, int baseBatch, int batch) {
        return lr.times(ratio(baseBatch, batch));
    }

    /** The square-root rule of Adam-type methods: {@code lr * sqrt(batch / baseBatch)}. */
    public static double sqrt(double lr, int baseBatch, int batch) {
        return lr * Math.sqrt(ratio(baseBatch, batch));
    }

    /** The square-root rule applied to a schedule. */
    public static Schedule sqrt(Schedule lr, int baseBatch, int batch) {
        return lr.times(Math.sqrt(ratio(baseBatch, batch)));
    }
}
