package descent.finitesum;

import descent.tensor.Rng;

/**
 * Plain stochastic gradient descent on a finite sum, {@code y <- y - eta (1/b) sum_{i in B} grad f_i(y)},
 * the baseline of the variance-reduced methods: with a constant step it stalls at a noise floor
 * of order {@code eta sigma^2 / mu}, where {@code sigma^2} is the gradient variance at the minimizer.
 */
final class Sgd extends EpochMethod {
    Sgd(FiniteSum sum, double step, int batch, int innerSteps, long seed) {
        super("sgd", sum, step, batch, innerSteps, seed);
    }

    @Override
    void prepare(FiniteSumState st, double[] x0) {
    }

    @Override
    void epoch(FiniteSumState st, Rng rng, double[] y, double[] g) {
        double[] rowsA = st.rowsA;
        for (int t = 0; t < inner; t++) {
            draw(st, rng);
            gradients(st, y, batch, rowsA);
            for (int k = 0; k < batch; k++) {
                for (int j = 0; j < d; j++) {
                    y[j] -= step * rowsA[k * d + j] / batch;
                }
            }
        }
    }
}
