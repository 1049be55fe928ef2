package descent.finitesum;

import descent.tensor.Rng;

/**
 * SARAH (Nguyen, Liu, Scheinberg and Takáč, 2017), whose recursive estimator SPIDER (Fang, Li,
 * Lin and Zhang, 2018) and SpiderBoost share: each epoch starts from the full gradient
 * {@code v_0 = grad f(y_0)} at the current point and steps {@code y_{t+1} = y_t - eta v_t} with
 * {@code v_t = (1/b) sum_{i in B} (grad f_i(y_t) - grad f_i(y_{t-1})) + v_{t-1}}: a biased but
 * low-variance estimate, linear convergence on strongly convex sums with the epoch restarts.
 */
final class Sarah extends EpochMethod {

    Sarah(FiniteSum sum, double step, int batch, int innerSteps, long seed) {
        super("sarah", sum, step, batch, innerSteps, seed);
    }

    @Override
    void prepare(FiniteSumState st, double[] x0) {
        st.scratch("previous", d);
        st.scratch("v", d);
    }

    @Override
    void epoch(FiniteSumState st, Rng rng, double[] y, double[] g) {
        double[] previous = st.doubles("previous");
        double[] v = st.doubles("v");
        double[] rowsA = st.rowsA;
        double[] rowsB = st.rowsB;
        System.arraycopy(g, 0, v, 0, d);
        for (int t = 0; t < inner; t++) {
            if (t > 0) {
                draw(st, rng);
                gradients(st, y, batch, rowsA);
                gradients(st, previous, batch, rowsB);
                for (int k = 0; k < batch; k++) {
                    for (int j = 0; j < d; j++) {
                        v[j] += (rowsA[k * d + j] - rowsB[k * d + j]) / batch;
                    }
                }
            }
            System.arraycopy(y, 0, previous, 0, d);
            for (int j = 0; j < d; j++) {
                y[j] -= step * v[j];
            }
        }
    }
}
