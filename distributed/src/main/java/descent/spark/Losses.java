package descent.spark;

import descent.optim.HessianObjective;
import descent.tensor.Value;

/** Example losses for {@link SparkObjective} and regularizers evaluated on the driver. */
public final class Losses {
    private Losses() {
    }

    /**
     * Logistic loss of rows {@code [x_1, ..., x_d, y]} with labels {@code y} in {@code {-1, +1}}:
     * {@code sum_i log(1 + exp(-y_i x_i . w))} over the block, for {@code w} of {@code d} elements.
     */
    public static ExampleLoss logistic(int d) {
        if (d < 1) {
            throw new IllegalArgumentException("Losses.logistic: needs d >= 1 features, got " + d);
        }
        return (w, rows) -> {
            Value x = rows.slice(1, 0, d);
            Value y = rows.slice(1, d, d + 1).reshape(-1);
            return x.matmul(w).mul(y).neg().softplus().sum();
        };
    }

    /**
     * Squared loss of rows {@code [x_1, ..., x_d, y]}: {@code sum_i (x_i . w - y_i)^2 / 2} over the block.
     */
    public static ExampleLoss squared(int d) {
        if (d < 1) {
            throw new IllegalArgumentException("Losses.squared: needs d >= 1 features, got " + d);
        }
        return (w, rows) -> rows.slice(1, 0, d).matmul(w).sub(rows.slice(1, d, d + 1).reshape(-1)).square().sum().mul(0.5);
    }

    /** The ridge penalty {@code r(w) = lambda/2 |w|^2}, its gradient {@code lambda w} and Hessian {@code lambda I}. */
    public static HessianObjective l2(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("Losses.l2: lambda must be finite and >= 0, got " + lambda);
        }
        return HessianObjective.of((x, g) -> {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += x[i] * x[i];
                g[i] = lambda * x[i];
            }
            return 0.5 * lambda * s;
        }, (x, v, out) -> {
            for (int i = 0; i < v.length; i++) {
                out[i] = lambda * v[i];
            }
        });
    }
}
