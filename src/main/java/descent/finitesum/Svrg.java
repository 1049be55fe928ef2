package descent.finitesum;

import descent.tensor.Rng;

/**
 * Stochastic variance-reduced gradient (Johnson and Zhang, 2013). Each epoch takes the current
 * point as the snapshot {@code w} with its full gradient {@code mu}, then makes
 * {@code innerSteps} steps {@code y <- y - eta v} with
 * {@code v = (1/b) sum_{i in B} (grad f_i(y) - grad f_i(w)) + mu}, an unbiased estimate whose
 * variance vanishes as {@code y} and {@code w} approach the minimizer: with a constant step,
 * linear convergence on strongly convex sums. With importance sampling, term {@code i} is drawn
 * with probability {@code p_i = (|grad f_i(w)| + mean_j |grad f_j(w)|) / (2 n mean_j |grad f_j(w)|)}
 * (proportional to the per-term gradient norms at the snapshot, mixed half and half with the
 * uniform distribution so weights stay bounded) and its difference weighted by {@code 1 / (n p_i)},
 * which keeps the estimate unbiased; this costs a pass of per-term gradients per epoch.
 *
 * <p>The loopless variant (Kovalev, Horváth and Richtárik, 2020) has no epochs in its analysis:
 * after every step the snapshot moves to the current point with probability {@code p} (a full
 * gradient pass); an epoch is then just {@code innerSteps} such steps.
 */
final class Svrg extends EpochMethod {
    private final boolean importance;
    private final double probability;

    Svrg(FiniteSum sum, double step, int batch, int innerSteps, boolean importance, double probability, long seed) {
        super(probability > 0 ? "looplessSvrg" : "svrg", sum, step, batch, innerSteps, seed);
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("looplessSvrg: probability must be in (0, 1], got " + probability);
        }
        this.importance = importance;
        this.probability = probability;
    }

    @Override
    void prepare(FiniteSumState st, double[] x0) {
        double[] snapshot = st.array("snapshot", d);
        double[] mu = st.array("mu", d);
        st.scratch("cumulative", importance ? n : 0);
        st.scratch("weight", importance ? n : 0);
        st.scratch("v", d);
        if (probability > 0) {
            System.arraycopy(x0, 0, snapshot, 0, d);
            fullGradient(st, snapshot, mu);
        }
    }

    private void importanceWeights(FiniteSumState st) {
        double[] snapshot = st.doubles("snapshot");
        double[] cumulative = st.doubles("cumulative");
        double[] weight = st.doubles("weight");
        int[] indices = st.indices;
        double[] rowsA = st.rowsA;
        double total = 0;
        for (int lo = 0; lo < n; lo += indices.length) {
            int count = Math.min(indices.length, n - lo);
            for (int k = 0; k < count; k++) {
                indices[k] = lo + k;
            }
            gradients(st, snapshot, count, rowsA);
            for (int k = 0; k < count; k++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += rowsA[k * d + j] * rowsA[k * d + j];
                }
                weight[lo + k] = Math.sqrt(s);
                total += weight[lo + k];
            }
        }
        double mean = total / n;
        double acc = 0;
        for (int i = 0; i < n; i++) {
            double p = mean > 0 ? (weight[i] + mean) / (2 * n * mean) : 1.0 / n;
            acc += p;
            cumulative[i] = acc;
            weight[i] = 1 / (n * p);
        }
        cumulative[n - 1] = Double.POSITIVE_INFINITY;
    }

    @Override
    void epoch(FiniteSumState st, Rng rng, double[] y, double[] g) {
        double[] snapshot = st.doubles("snapshot");
        double[] mu = st.doubles("mu");
        double[] cumulative = st.doubles("cumulative");
        double[] weight = st.doubles("weight");
        double[] v = st.doubles("v");
        int[] indices = st.indices;
        double[] rowsA = st.rowsA;
        double[] rowsB = st.rowsB;
        if (probability == 0) {
            System.arraycopy(y, 0, snapshot, 0, d);
            System.arraycopy(g, 0, mu, 0, d);
            if (importance) {
                importanceWeights(st);
            }
        }
        for (int t = 0; t < inner; t++) {
            if (importance) {
                for (int k = 0; k < batch; k++) {
                    int i = java.util.Arrays.binarySearch(cumulative, rng.nextDouble());
                    indices[k] = i >= 0 ? i : -i - 1;
                }
            } else {
                draw(st, rng);
            }
            gradients(st, y, batch, rowsA);
            gradients(st, snapshot, batch, rowsB);
            System.arraycopy(mu, 0, v, 0, d);
            for (int k = 0; k < batch; k++) {
                double w = (importance ? weight[indices[k]] : 1.0) / batch;
                for (int j = 0; j < d; j++) {
                    v[j] += w * (rowsA[k * d + j] - rowsB[k * d + j]);
                }
            }
            for (int j = 0; j < d; j++) {
                y[j] -= step * v[j];
            }
            if (probability > 0 && rng.nextDouble() < probability) {
                System.arraycopy(y, 0, snapshot, 0, d);
                fullGradient(st, snapshot, mu);
            }
        }
    }
}
