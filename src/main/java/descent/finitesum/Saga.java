package descent.finitesum;

import descent.tensor.Rng;

/**
 * SAGA (Defazio, Bach and Lacoste-Julien, 2014): a table of the last gradient seen for every
 * term and its mean {@code a}; each step draws a batch {@code B} and moves along
 * {@code v = (1/b) sum_{i in B} (grad f_i(y) - table_i) + a}, then stores the new gradients in the
 * table. Unbiased, with variance vanishing at the minimizer: linear convergence on strongly
 * convex sums with a constant step (about {@code 1 / (3 L_max)}). The table is filled by a full
 * pass at the start; memory {@code n x dimension}.
 */
final class Saga extends EpochMethod {

    Saga(FiniteSum sum, double step, int batch, int innerSteps, long seed) {
        super("saga", sum, step, batch, innerSteps, seed);
    }

    @Override
    void prepare(FiniteSumState st, double[] x0) {
        double[] table = st.array("table", n * d);
        double[] mean = st.array("mean", d);
        st.scratch("v", d);
        int[] indices = st.indices;
        double[] rowsA = st.rowsA;
        for (int lo = 0; lo < n; lo += indices.length) {
            int count = Math.min(indices.length, n - lo);
            for (int k = 0; k < count; k++) {
                indices[k] = lo + k;
            }
            gradients(st, x0, count, rowsA);
            System.arraycopy(rowsA, 0, table, lo * d, count * d);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += table[i * d + j] / n;
            }
        }
    }

    @Override
    void epoch(FiniteSumState st, Rng rng, double[] y, double[] g) {
        double[] table = st.doubles("table");
        double[] mean = st.doubles("mean");
        double[] v = st.doubles("v");
        int[] indices = st.indices;
        double[] rowsA = st.rowsA;
        for (int t = 0; t < inner; t++) {
            draw(st, rng);
            gradients(st, y, batch, rowsA);
            System.arraycopy(mean, 0, v, 0, d);
            for (int k = 0; k < batch; k++) {
                int i = indices[k];
                for (int j = 0; j < d; j++) {
                    v[j] += (rowsA[k * d + j] - table[i * d + j]) / batch;
                }
            }
            for (int k = 0; k < batch; k++) {
                int i = indices[k];
                for (int j = 0; j < d; j++) {
                    double fresh = rowsA[k * d + j];
                    mean[j] += (fresh - table[i * d + j]) / n;
                    table[i * d + j] = fresh;
                }
            }
            for (int j = 0; j < d; j++) {
                y[j] -= step * v[j];
            }
        }
    }
}
