package descent.finitesum;

import descent.optim.BatchObjective;

/** The terms of a {@link BatchObjective} whose value on a batch is the mean over it: one singleton batch per term. */
final class BatchFiniteSum implements FiniteSum {
    private final BatchObjective objective;
    private final int dimension;
    private final int[] one = new int[1];
    private final double[] g;

    BatchFiniteSum(BatchObjective objective, int dimension) {
        if (objective == null || dimension < 1) {
            throw new IllegalArgumentException("FiniteSum.of: needs an objective and dimension >= 1, got " + dimension);
        }
        this.objective = objective;
        this.dimension = dimension;
        this.g = new double[dimension];
    }

    @Override
    public int terms() {
        return objective.examples();
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public synchronized double termGradients(double[] x, int[] indices, int count, double[] grads) {
        double s = 0;
        for (int k = 0; k < count; k++) {
            one[0] = indices[k];
            s += objective.valueAndGrad(x, one, g);
            System.arraycopy(g, 0, grads, k * dimension, dimension);
        }
        return s;
    }
}
