package descent.finitesum;

import descent.tensor.Rng;

/**
 * STORM (Cutkosky and Orabona, 2019), a recursive momentum estimator without full gradients:
 * {@code d_t = g_B(y_t) + (1 - a) (d_{t-1} - g_B(y_{t-1}))} with one batch {@code B} for both
 * gradients, and {@code y_{t+1} = y_t - eta d_t}; {@code d_0} is the first batch gradient. Here
 * with constant {@code eta} and {@code a}; epochs only mark where {@code Minimize} records the
 * history, the estimator runs on across them.
 */
final class Storm extends EpochMethod {
    private final double momentum;

    Storm(FiniteSum sum, double step, double a, int batch, int innerSteps, long seed) {
        super("storm", sum, step, batch, innerSteps, seed);
        if (!(a > 0 && a <= 1)) {
            throw new IllegalArgumentException("storm: a must be in (0, 1], got " + a);
        }
        this.momentum = a;
    }

    @Override
    void prepare(FiniteSumState st, double[] x0) {
        st.array("estimate", d);
        st.array("previous", d);
        st.flags("started", 1);
    }

    @Override
    void epoch(FiniteSumState st, Rng rng, double[] y, double[] g) {
        double[] estimate = st.doubles("estimate");
        double[] previous = st.doubles("previous");
        long[] started = st.longs("started");
        double[] rowsA = st.rowsA;
        double[] rowsB = st.rowsB;
        for (int t = 0; t < inner; t++) {
            draw(st, rng);
            gradients(st, y, batch, rowsA);
            if (started[0] == 0) {
                java.util.Arrays.fill(estimate, 0);
                for (int k = 0; k < batch; k++) {
                    for (int j = 0; j < d; j++) {
                        estimate[j] += rowsA[k * d + j] / batch;
                    }
                }
                started[0] = 1;
            } else {
                gradients(st, previous, batch, rowsB);
                for (int j = 0; j < d; j++) {
                    estimate[j] *= 1 - momentum;
                }
                for (int k = 0; k < batch; k++) {
                    for (int j = 0; j < d; j++) {
                        estimate[j] += (rowsA[k * d + j] - (1 - momentum) * rowsB[k * d + j]) / batch;
                    }
                }
            }
            System.arraycopy(y, 0, previous, 0, d);
            for (int j = 0; j < d; j++) {
                y[j] -= step * estimate[j];
            }
        }
    }
}
