package descent.spark;

import descent.optim.BatchObjective;

/**
 * The mini-batch view of a {@link SparkObjective}: a batch is a set of global example indices
 * (drawn on the driver by {@link descent.optim.Minimize}'s seeded sampler); each partition
 * evaluates the batch's rows it holds, and the sums are combined as for the full objective. For
 * a mean objective the batch loss is the mean over the batch.
 */
final class SparkBatches implements BatchObjective {
    private final SparkObjective f;

    SparkBatches(SparkObjective f) {
        this.f = f;
    }

    @Override
    public int examples() {
        if (f.examples() > Integer.MAX_VALUE) {
            throw new IllegalStateException("SparkObjective.batched: " + f.examples() + " examples exceed the int indices of a batch");
        }
        return (int) f.examples();
    }

    @Override
    public double valueAndGrad(double[] x, int[] batch, double[] grad) {
        if (batch == null || batch.length == 0) {
            throw new IllegalArgumentException("SparkObjective.batched: an empty batch");
        }
        return f.batchValueAndGrad(x, batch, grad);
    }
}
