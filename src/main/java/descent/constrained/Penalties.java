package descent.constrained;

/**
 * The catalogue of {@link Penalty}s with closed-form proximal operators.
 *
 * <pre>{@code
 * Result r = Minimize.with(ConstrainedMethods.fista(Penalties.l1(0.1))).steps(500).run(leastSquares, x0);
 * }</pre>
 */
public final class Penalties {
    private Penalties() {
    }

    /** {@code h(x) = lambda |x|_1}, whose prox is soft thresholding {@code sign(v) max(|v| - t lambda, 0)}. */
    public static Penalty l1(double lambda) {
        return elasticNet(lambda, 0);
    }

    /**
     * The elastic net {@code h(x) = lambda1 |x|_1 + (lambda2 / 2) |x|^2}, whose prox is
     * {@code sign(v) max(|v| - t lambda1, 0) / (1 + t lambda2)}.
     */
    public static Penalty elasticNet(double lambda1, double lambda2) {
        Arg.nonNegative("Penalties.elasticNet", "lambda1", lambda1);
        Arg.nonNegative("Penalties.elasticNet", "lambda2", lambda2);
        return new ElasticNet(lambda1, lambda2);
    }

    /**
     * The group lasso {@code h(x) = lambda sum_g |x_g|_2} over consecutive groups of the given
     * sizes, whose prox shrinks each group's norm: {@code v_g max(1 - t lambda / |v_g|, 0)}.
     */
    public static Penalty groupLasso(double lambda, int... groupSizes) {
        Arg.nonNegative("Penalties.groupLasso", "lambda", lambda);
        if (groupSizes == null || groupSizes.length == 0) {
            throw new IllegalArgumentException("Penalties.groupLasso: needs at least one group size");
        }
        for (int i = 0; i < groupSizes.length; i++) {
            if (groupSizes[i] < 1) {
                throw new IllegalArgumentException("Penalties.groupLasso: group " + i + " has size " + groupSizes[i]);
            }
        }
        return new GroupLasso(lambda, groupSizes.clone());
    }

    /**
     * The nuclear norm {@code lambda sum_i s_i(X)} of a row-major {@code m x n} matrix, whose prox
     * soft-thresholds the singular values by {@code t lambda}.
     */
    public static Penalty nuclearNorm(int m, int n, double lambda) {
        return new NuclearPenalty(m, n, lambda);
    }

    /** The indicator of a convex set (0 inside, {@code +inf} outside), whose prox is the projection. */
    public static Penalty indicator(ConvexSet set) {
        if (set == null) {
            throw new IllegalArgumentException("Penalties.indicator: the set is null");
        }
        return new Indicator(set);
    }

    /** {@code h = 0}: proximal gradient becomes gradient descent. */
    public static Penalty zero() {
        return elasticNet(0, 0);
    }
}
