package descent.spark;

/**
 * The l2-regularized mean logistic loss and its gradient in plain Java loops, the independent
 * reference for the distributed evaluations: {@code f(w) = (1/N) sum_i log(1 + exp(-y_i x_i.w)) + lambda/2 |w|^2}.
 */
final class LogisticReference {
    private LogisticReference() {
    }

    static double valueAndGrad(double[] m, int rows, int d, double lambda, double[] w, double[] grad) {
        java.util.Arrays.fill(grad, 0);
        double value = 0;
        double c = 0;
        for (int i = 0; i < rows; i++) {
            int o = i * (d + 1);
            double z = 0;
            for (int j = 0; j < d; j++) {
                z += m[o + j] * w[j];
            }
            double y = m[o + d];
            double t = -y * z;
            double term = t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
            double s = value + term;
            c += Math.abs(value) >= Math.abs(term) ? (value - s) + term : (term - s) + value;
            value = s;
            double sig = 1 / (1 + Math.exp(-t));
            for (int j = 0; j < d; j++) {
                grad[j] += -y * sig * m[o + j];
            }
        }
        double r = 0;
        for (int j = 0; j < d; j++) {
            grad[j] = grad[j] / rows + lambda * w[j];
            r += w[j] * w[j];
        }
        return (value + c) / rows + 0.5 * lambda * r;
    }

    /** {@code H(w) v = (1/N) sum_i s_i (1 - s_i) x_i (x_i . v) + lambda v} with {@code s_i = sigmoid(y_i x_i . w)}. */
    static double[] hvp(double[] m, int rows, int d, double lambda, double[] w, double[] v) {
        double[] out = new double[d];
        for (int i = 0; i < rows; i++) {
            int o = i * (d + 1);
            double z = 0;
            double xv = 0;
            for (int j = 0; j < d; j++) {
                z += m[o + j] * w[j];
                xv += m[o + j] * v[j];
            }
            double s = 1 / (1 + Math.exp(-m[o + d] * z));
            double c = s * (1 - s) * xv;
            for (int j = 0; j < d; j++) {
                out[j] += c * m[o + j];
            }
        }
        for (int j = 0; j < d; j++) {
            out[j] = out[j] / rows + lambda * v[j];
        }
        return out;
    }
}
