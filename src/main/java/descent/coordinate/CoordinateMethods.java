package descent.coordinate;

import descent.optim.Method;

/**
 * The catalogue of coordinate and block-coordinate methods, each a {@link Method} run by
 * {@code Minimize.with(method)}: on a {@link Quadratic}, run on {@code quadratic.objective()};
 * the lasso and the elastic net on a {@link Regression}, run on {@code data.objective()};
 * otherwise on any objective, with coordinate-wise Lipschitz constants. The run's
 * {@link CoordinateState} counts the coordinate (or block) updates.
 *
 * <pre>{@code
 * Quadratic ls = Quadratic.leastSquares(a, y);
 * Result r = Minimize.with(CoordinateMethods.exact(ls, CoordinateMethods.Rule.GAUSS_SOUTHWELL, 1e-10, 0))
 *         .steps(10000).run(ls.objective(), new double[ls.dimension()]);
 * }</pre>
 */
public final class CoordinateMethods {
    private CoordinateMethods() {
    }

    /** How a coordinate (or block) is picked for each update. */
    public enum Rule {
        /** In order, 0 to n - 1, then again. */
        CYCLIC,
        /** Uniformly at random (seeded). */
        RANDOMIZED,
        /** The largest gradient magnitude {@code |g_i|} (for blocks, the largest block gradient norm). */
        GAUSS_SOUTHWELL,
        /** The largest {@code |g_i| / sqrt(L_i)}: the largest guaranteed decrease {@code g_i^2 / (2 L_i)}. */
        GAUSS_SOUTHWELL_LIPSCHITZ
    }

    /**
     * Coordinate descent with exact minimization along each coordinate of a quadratic, stopping
     * when {@code |grad f| <= tolerance}; {@code seed} drives the randomized rule.
     */
    public static Method exact(Quadratic quadratic, Rule rule, double tolerance, long seed) {
        if (quadratic == null) {
            throw new IllegalArgumentException("coordinateDescent: the quadratic is null");
        }
        return new CoordinateDescent(quadratic, null, rule, tolerance, seed);
    }

    /**
     * Coordinate descent with steps {@code 1 / L_i} on any smooth objective whose gradient's
     * {@code i}-th component is {@code L_i}-Lipschitz along coordinate {@code i}, stopping when
     * {@code |grad f| <= tolerance}; the objective is evaluated after every update.
     */
    public static Method lipschitz(double[] lipschitz, Rule rule, double tolerance, long seed) {
        if (lipschitz == null || lipschitz.length == 0) {
            throw new IllegalArgumentException("coordinateDescent: the Lipschitz constants are required");
        }
        return new CoordinateDescent(null, lipschitz, rule, tolerance, seed);
    }

    /**
     * The lasso {@code |A x - y|^2 / (2 m) + lambda |x|_1} by cyclic coordinate descent with
     * covariance updates, run on {@code data.objective()}; the history's measure is the duality
     * gap, and the run stops when it is at most {@code tolerance |y|^2 / m} (scikit-learn's
     * {@code tol}) or when a sweep leaves the solution unchanged to rounding. Faster than proximal gradient methods on least squares, because each
     * coordinate is minimized exactly.
     *
     * <pre>{@code
     * Regression data = Regression.of(a, m, p, y);
     * Result r = Minimize.with(CoordinateMethods.lasso(data, 0.1, 1e-4)).steps(10000).run(data.objective(), new double[p]);
     * }</pre>
     */
    public static Method lasso(Regression data, double lambda, double tolerance) {
        return new ElasticNetDescent(data, lambda, 0, tolerance);
    }

    /**
     * The elastic net {@code |A x - y|^2 / (2 m) + lambda1 |x|_1 + (lambda2 / 2) |x|^2} (the
     * penalty of {@code Penalties.elasticNet(lambda1, lambda2)}) by cyclic coordinate descent, as
     * {@link #lasso}.
     */
    public static Method elasticNet(Regression data, double lambda1, double lambda2, double tolerance) {
        return new ElasticNetDescent(data, lambda1, lambda2, tolerance);
    }

    /**
     * Proximal block-coordinate descent over the leaves of the parameters (one block per tensor),
     * with proximal weight {@code 1 / tau}, L-BFGS on each block's subproblem (at most
     * {@code innerSteps} iterations, to a gradient of {@code innerTolerance}) and the given block
     * rule ({@link Rule#GAUSS_SOUTHWELL}: greedy layer-wise selection).
     */
    public static Method blockCoordinate(double tau, Rule rule, int innerSteps, double innerTolerance, long seed) {
        return new BlockCoordinate(tau, rule, innerSteps, innerTolerance, seed);
    }

    /**
     * Block gradient descent over the leaves of the parameters (one block per tensor: per layer of
     * a network), one block updated per iteration by the step {@code x_B <- x_B - g_B / L_B}, with
     * per-block Lipschitz estimates {@code L_B} kept by backtracking from {@code lipschitz}; with
     * {@link Rule#GAUSS_SOUTHWELL}, greedy layer-wise selection of the block with the largest
     * gradient norm, with {@link Rule#GAUSS_SOUTHWELL_LIPSCHITZ} the largest {@code |g_B|^2 / L_B}.
     * Stops when {@code |grad f| <= tolerance}; {@code seed} drives the randomized rule.
     */
    public static Method blockGradient(Rule rule, double lipschitz, double tolerance, long seed) {
        return new BlockGradient(rule, lipschitz, tolerance, seed);
    }
}
