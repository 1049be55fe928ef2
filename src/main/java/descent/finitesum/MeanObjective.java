package descent.finitesum;

import descent.optim.Objective;

/** The mean of a {@link FiniteSum}'s terms and its gradient, evaluated 256 terms at a time. */
final class MeanObjective implements Objective {
    private static final int CHUNK = 256;
    private final FiniteSum sum;
    private final int[] indices;
    private final double[] grads;

    MeanObjective(FiniteSum sum) {
        this.sum = sum;
        int c = Math.min(CHUNK, sum.terms());
        this.indices = new int[c];
        this.grads = new double[c * sum.dimension()];
    }

    @Override
    public synchronized double valueAndGrad(double[] x, double[] grad) {
        int n = sum.terms();
        int d = sum.dimension();
        java.util.Arrays.fill(grad, 0, d, 0);
        double f = 0;
        for (int lo = 0; lo < n; lo += indices.length) {
            int count = Math.min(indices.length, n - lo);
            for (int k = 0; k < count; k++) {
                indices[k] = lo + k;
            }
            f += sum.termGradients(x, indices, count, grads);
            for (int k = 0; k < count; k++) {
                for (int j = 0; j < d; j++) {
                    grad[j] += grads[k * d + j];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            grad[j] /= n;
        }
        return f / n;
    }
}
