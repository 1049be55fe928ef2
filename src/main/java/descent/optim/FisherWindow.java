package descent.optim;

/**
 * The inverse of M-FAC's empirical Fisher over a sliding window of the last {@code m} gradients
 * (Frantar, Kurtic and Alistarh 2021),
 * <pre>
 * F = lambda I + (1/m) sum_{i=1}^{m} g_i g_i',
 * </pre>
 * applied to vectors without forming it, by the recursive Sherman–Morrison (Woodbury) formula:
 * with {@code F_0 = lambda I} and {@code F_k = F_{k-1} + g_k g_k' / m},
 * <pre>
 * F_k^{-1} x = F_{k-1}^{-1} x - (v_k' x) / (m + g_k' v_k) v_k,    v_k = F_{k-1}^{-1} g_k.
 * </pre>
 * Each {@code v_k} is kept as coefficients over the window's gradients,
 * {@code v_k = sum_i B_ki g_i}, computed from the Gram matrix {@code D_ij = g_i'g_j} in
 * {@code O(m^3)}; a product costs {@code 2 m n} multiply-adds. A new gradient replaces the oldest
 * and updates one row and column of {@code D} ({@code m n}). Until the window fills, the sum runs
 * over the gradients seen, still divided by {@code m}.
 */
final class FisherWindow {
    private final int m;
    private final int n;
    private final double lambda;
    final double[][] grads;
    final double[] gram;
    private final double[] coefficients;
    private final double[] denominators;
    private final double[] dots;
    private int count;

    /** A window of {@code m} gradients of {@code n} elements; {@code grads} and {@code gram} are the caller's (state) arrays. */
    FisherWindow(int m, int n, double lambda, double[][] grads, double[] gram) {
        this.m = m;
        this.n = n;
        this.lambda = lambda;
        this.grads = grads;
        this.gram = gram;
        coefficients = new double[m * m];
        denominators = new double[m];
        dots = new double[m];
    }

    /** Number of gradients held. */
    int size() {
        return count;
    }

    /**
     * Adds {@code g} as the gradient numbered {@code added} (0 for the first), replacing the
     * oldest once the window is full. The slot follows from the number, so a window whose arrays
     * were restored from a checkpoint continues where it was.
     */
    void add(double[] g, long added) {
        int slot = (int) (added % m);
        System.arraycopy(g, 0, grads[slot], 0, n);
        count = (int) Math.min(added + 1, m);
        for (int j = 0; j < count; j++) {
            double s = Vec.dot(grads[slot], grads[j], 0, n);
            gram[slot * m + j] = s;
            gram[j * m + slot] = s;
        }
        rebuild();
    }

    /** The coefficients {@code B} and denominators {@code m + g_k'v_k} from the Gram matrix. */
    private void rebuild() {
        for (int k = 0; k < count; k++) {
            // v_k = g_k / lambda - sum_{j<k} (v_j'g_k) / den_j v_j
            double[] b = coefficients;
            for (int i = 0; i < count; i++) {
                b[k * m + i] = i == k ? 1 / lambda : 0;
            }
            for (int j = 0; j < k; j++) {
                double vjgk = 0;
                for (int i = 0; i <= j; i++) {
                    vjgk += b[j * m + i] * gram[i * m + k];
                }
                double c = vjgk / denominators[j];
                for (int i = 0; i <= j; i++) {
                    b[k * m + i] -= c * b[j * m + i];
                }
            }
            double gv = 0;
            for (int i = 0; i <= k; i++) {
                gv += b[k * m + i] * gram[i * m + k];
            }
            denominators[k] = m + gv;
        }
    }

    /** Writes {@code F^{-1} x} into {@code out} ({@code out} may be {@code x}). */
    void inverseTimes(double[] x, double[] out) {
        for (int i = 0; i < count; i++) {
            dots[i] = Vec.dot(grads[i], x, 0, n);
        }
        double inv = 1 / lambda;
        for (int e = 0; e < n; e++) {
            out[e] = x[e] * inv;
        }
        for (int k = 0; k < count; k++) {
            double vx = 0;
            for (int i = 0; i <= k; i++) {
                vx += coefficients[k * m + i] * dots[i];
            }
            double c = vx / denominators[k];
            for (int i = 0; i <= k; i++) {
                double w = -c * coefficients[k * m + i];
                if (w != 0) {
                    Vec.axpy(w, grads[i], out, 0, n);
                }
            }
        }
    }
}
