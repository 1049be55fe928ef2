package descent.constrained;

import descent.coordinate.Regression;
import descent.optim.HessianObjective;
import descent.optim.LineSearch;
import descent.optim.Method;
import descent.optim.Methods;
import descent.optim.Objective;
import descent.optim.Transform;

/**
 * The catalogue of {@link Method}s for constrained and composite problems, run by
 * {@code Minimize.with(method)} with the usual history, callbacks, stopping criteria and
 * checkpoints. Each records its own optimality measure in the history
 * ({@code History.measure}) and stops with {@code Stop.Reason.STATIONARY} when it reaches the
 * method's tolerance.
 * <ul>
 * <li>{@link #projectedGradient}: {@code min f(x)} over a {@link ConvexSet}; {@link #stiefelGradient}
 * over matrices with orthonormal columns;</li>
 * <li>{@link #frankWolfe}: {@code min f(x)} over a bounded set with a linear minimization oracle;
 * {@link #awayStepFrankWolfe} and {@link #pairwiseFrankWolfe} on the simplex; {@link #stochasticFrankWolfe}
 * on stochastic or zeroth-order gradients;</li>
 * <li>{@link #mirrorDescent} with any {@link MirrorMap}; {@link #exponentiatedGradient}: with the entropy on the simplex;</li>
 * <li>{@link #proximalGradient}, {@link #fista}, {@link #admm}: {@code min f(x) + h(x)} for a {@link Penalty} {@code h};
 * for the lasso and the elastic net on least squares, {@link #fista(Regression, Penalty, double)}
 * adds gap-safe screening and a working set, and coordinate descent is
 * {@link descent.coordinate.CoordinateMethods#lasso};</li>
 * <li>{@link #augmentedLagrangian}: {@code min f(x)} subject to equality and inequality constraints
 * given as differentiable functions, with any unconstrained method inside; {@link #sqp} for
 * equality constraints with Hessian-vector products.</li>
 * </ul>
 *
 * <pre>{@code
 * Result r = Minimize.with(ConstrainedMethods.fista(Penalties.l1(0.1))).steps(2000).run(f, x0);
 * double gap = r.history().measure(r.history().size() - 1);
 * }</pre>
 */
public final class ConstrainedMethods {
    private ConstrainedMethods() {
    }

    /** Step-size rules of {@link #frankWolfe}. */
    public enum FwStep {
        /** {@code gamma_k = 2 / (k + 2)}. */
        OPEN_LOOP,
        /** {@code gamma = min(gap / (L |d|^2), 1)} for a given Lipschitz constant {@code L}. */
        SHORT_STEP,
        /** The short step with {@code L} estimated by backtracking. */
        ADAPTIVE
    }

    /** Linear solvers of {@link #sqp}'s KKT systems. */
    public enum KktSolver {
        /** Projected conjugate gradients on the null space of the constraint Jacobian, truncated at negative curvature. */
        PROJECTED_CG,
        /**
         * MINRES (Paige and Saunders, 1975) on the whole symmetric indefinite KKT matrix. It sees
         * negative curvature in the null space only along the step it returns, so on nonconvex
         * problems it may converge to a KKT point that is a saddle (an eigenvector other than the
         * smallest one, for {@code min x'Ax} on the sphere) where projected CG, truncated at
         * negative curvature, leads to a minimum.
         */
        MINRES
    }

    /**
     * Projected gradient descent onto {@code set} with backtracking along the projection arc from a
     * first step of 1, stopping when {@code |x - P(x - grad f(x))| <= 1e-8}.
     */
    public static Method projectedGradient(ConvexSet set) {
        return new ProjectedGradient(set, 1, 1e-8);
    }

    /** Projected gradient descent with the first trial step and the stationarity tolerance given. */
    public static Method projectedGradient(ConvexSet set, double initialStep, double tolerance) {
        return new ProjectedGradient(set, initialStep, tolerance);
    }

    /** Frank–Wolfe over {@code set} with the adaptive short step, stopping when the gap is at most 1e-8. */
    public static Method frankWolfe(ConvexSet set) {
        return new FrankWolfe(set, FwStep.ADAPTIVE, 1, 1e-8);
    }

    /**
     * Frank–Wolfe with the given step rule: {@code lipschitz} is the gradient's Lipschitz constant
     * for {@link FwStep#SHORT_STEP}, the first estimate for {@link FwStep#ADAPTIVE}, and ignored
     * for {@link FwStep#OPEN_LOOP}; the run stops when the gap is at most {@code tolerance}.
     */
    public static Method frankWolfe(ConvexSet set, FwStep step, double lipschitz, double tolerance) {
        return new FrankWolfe(set, step, lipschitz, tolerance);
    }

    /**
     * Frank–Wolfe with away steps on the simplex {@code {x >= 0, sum x = radius}}, with the
     * adaptive short step; converges linearly on strongly convex objectives. Stops when the gap is
     * at most {@code tolerance}.
     */
    public static Method awayStepFrankWolfe(double radius, double tolerance) {
        return new AwayStepFrankWolfe(radius, tolerance, false);
    }

    /**
     * Pairwise Frank–Wolfe on the simplex {@code {x >= 0, sum x = radius}}: each step moves weight
     * from the vertex of largest gradient in the support to the vertex of smallest gradient, with
     * the adaptive short step; converges linearly on strongly convex objectives. Stops when the gap
     * is at most {@code tolerance}.
     *
     * <pre>{@code
     * Result r = Minimize.with(ConstrainedMethods.pairwiseFrankWolfe(1, 1e-12)).steps(5000).run(f, new double[n]);
     * }</pre>
     */
    public static Method pairwiseFrankWolfe(double radius, double tolerance) {
        return new AwayStepFrankWolfe(radius, tolerance, true);
    }

    /**
     * Stochastic Frank–Wolfe over {@code set} as a {@link Transform} for mini-batch gradients:
     * gradients averaged with weight {@code rho_t = min(1, 4 / (t + 8)^(2/3))}, steps
     * {@code gamma_t = 2 / (t + 8)} toward the LMO of the average; the start must lie in the set.
     *
     * <pre>{@code
     * Result r = Minimize.with(ConstrainedMethods.stochasticFrankWolfe(Sets.l1Ball(1))).batches(10, Sampling.WITH_REPLACEMENT, 1)
     *         .steps(20000).run(batchObjective, new double[n]);
     * }</pre>
     */
    public static Transform stochasticFrankWolfe(ConvexSet set) {
        return new StochasticFrankWolfe(set, 4, false);
    }

    /** Stochastic Frank–Wolfe with averaging weights {@code rho_t = min(1, averaging / (t + 8)^(2/3))}. */
    public static Transform stochasticFrankWolfe(ConvexSet set, double averaging) {
        return new StochasticFrankWolfe(set, averaging, false);
    }

    /**
     * Zeroth-order Frank–Wolfe over {@code set}: stochastic Frank–Wolfe with averaging weights
     * {@code rho_t = min(1, 4 / (n^(1/3) (t + 8)^(2/3)))} for {@code n} parameters, run on a
     * gradient estimator of {@link ZerothOrder}.
     *
     * <pre>{@code
     * ZerothOrder.Estimator g = ZerothOrder.gaussian(f, 1e-4, 1, 7);
     * Result r = Minimize.with(ConstrainedMethods.zerothOrderFrankWolfe(Sets.simplex())).steps(20000).run(g, x0);
     * }</pre>
     */
    public static Transform zerothOrderFrankWolfe(ConvexSet set) {
        return new StochasticFrankWolfe(set, 4, true);
    }

    /**
     * Exponentiated gradient (entropic mirror descent) on the simplex {@code {x >= 0, sum x = radius}}
     * with the fixed step {@code eta}, stopping when the Frank–Wolfe gap is at most {@code tolerance}:
     * {@link #mirrorDescent} with {@link MirrorMaps#entropy}.
     */
    public static Method exponentiatedGradient(double radius, double eta, double tolerance) {
        return new MirrorDescent("exponentiatedGradient", MirrorMaps.entropy(radius), true, eta, tolerance);
    }

    /**
     * Mirror descent with the Bregman divergence of {@code map} and the fixed step {@code eta}:
     * {@code x+ = argmin_{y in domain} <grad f(x), y> + D(y, x) / eta}, stopping when the map's
     * measure (the Frank–Wolfe gap for the entropy, the gradient-mapping norm otherwise) is at most
     * {@code tolerance}.
     *
     * <pre>{@code
     * Result r = Minimize.with(ConstrainedMethods.mirrorDescent(MirrorMaps.pNorm(1.5), 0.1, 1e-8)).steps(10000).run(f, x0);
     * }</pre>
     */
    public static Method mirrorDescent(MirrorMap map, double eta, double tolerance) {
        return new MirrorDescent("mirrorDescent", map, false, eta, tolerance);
    }

    /**
     * Riemannian gradient descent on the {@link Stiefel} manifold (parameters: one row-major
     * {@code n x k} matrix with orthonormal columns): tangent-space gradient, the manifold's
     * retraction (QR or Cayley, {@link Stiefel.Retraction}),
     * Armijo backtracking from Barzilai–Borwein steps, stopping when the Riemannian gradient's
     * norm is at most {@code tolerance}.
     *
     * <pre>{@code
     * Result r = Minimize.with(ConstrainedMethods.stiefelGradient(Stiefel.of(20, 4), 1e-10)).steps(5000).run(f, x0);
     * }</pre>
     */
    public static Method stiefelGradient(Stiefel manifold, double tolerance) {
        return new StiefelGradient(manifold, tolerance);
    }

    /**
     * Proximal gradient descent (ISTA) on {@code f + h} with backtracking from a step of 1,
     * stopping when the gradient mapping's norm is at most 1e-8.
     */
    public static Method proximalGradient(Penalty h) {
        return new ProximalGradient(h, false, true, false, 1, 1e-8);
    }

    /**
     * Proximal gradient descent with every option: the (first) step {@code t}, kept fixed unless
     * {@code backtracking}, and the stationarity tolerance.
     */
    public static Method proximalGradient(Penalty h, double step, boolean backtracking, double tolerance) {
        return new ProximalGradient(h, false, backtracking, false, step, tolerance);
    }

    /** FISTA on {@code f + h} with backtracking from a step of 1 and restart, stopping at a gradient mapping of 1e-8. */
    public static Method fista(Penalty h) {
        return new ProximalGradient(h, true, true, true, 1, 1e-8);
    }

    /** FISTA with every option: the (first) step, backtracking, monotone restart, the stationarity tolerance. */
    public static Method fista(Penalty h, double step, boolean backtracking, boolean restart, double tolerance) {
        return new ProximalGradient(h, true, backtracking, restart, step, tolerance);
    }

    /**
     * FISTA for the lasso or the elastic net on least squares,
     * {@code |y - A x|^2 / (2 m) + h(x)} with {@code h} = {@code Penalties.l1(lambda)} or
     * {@code Penalties.elasticNet(lambda1, lambda2)} ({@code lambda1 > 0}), run on
     * {@code data.objective()}: each iteration of the run computes the duality gap at a feasible
     * dual point built from the rescaled residual (the history's measure), discards the features
     * that gap-safe screening proves zero at the optimum, and solves the problem restricted to a
     * working set of the support and the features closest to violating their dual constraint by
     * FISTA with restart on the working set's Gram matrix, with the step {@code 1 / L} from power
     * iteration. Stops with {@code STATIONARY} when the gap is at most
     * {@code tolerance |y|^2 / m} (scikit-learn's {@code tol}) or when an iteration leaves the
     * solution unchanged.
     *
     * <pre>{@code
     * Regression data = Regression.of(a, m, p, y);
     * Result r = Minimize.with(ConstrainedMethods.fista(data, Penalties.l1(0.1), 1e-8)).steps(100).run(data.objective(), new double[p]);
     * double gap = r.history().measure(r.history().size() - 1);
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code h} is not an l1 or elastic-net penalty with {@code lambda1 > 0}
     */
    public static Method fista(Regression data, Penalty h, double tolerance) {
        if (!(h instanceof ElasticNet e) || !(e.lambda1() > 0)) {
            throw new IllegalArgumentException("fista(Regression): the penalty must be Penalties.l1(lambda) or Penalties.elasticNet(lambda1, lambda2)"
                    + " with lambda1 > 0, got " + (h == null ? "null" : h.name()));
        }
        return new WorkingSetFista(data, e.lambda1(), e.lambda2(), tolerance);
    }

    /**
     * ADMM in consensus form for {@code f(x) + h(z)}, {@code x = z}: the x-update by L-BFGS (20
     * pairs, strong Wolfe, at most 500 iterations, warm-started), the z-update by the prox of
     * {@code h}, {@code rho = 1} to start with residual balancing, no over-relaxation; stops when
     * both residuals are at most {@code tolerance sqrt(n)}.
     */
    public static Method admm(Penalty h, double tolerance) {
        return new Admm(h, Methods.lbfgs(20, LineSearch.strongWolfe(), 0, 0), 1, 1, tolerance, 500);
    }

    /**
     * ADMM with every option: the inner method of the x-update, the first {@code rho}, the
     * over-relaxation {@code alpha} in (0, 2), the tolerance and the inner iterations per update.
     */
    public static Method admm(Penalty h, Method inner, double rho, double alpha, double tolerance, int innerSteps) {
        return new Admm(h, inner, rho, alpha, tolerance, innerSteps);
    }

    /**
     * The augmented Lagrangian method for {@code min f(x)} subject to {@code c_i(x) = 0} for each
     * of {@code equalities} and {@code d_j(x) <= 0} for each of {@code inequalities} (each an
     * {@link Objective}: value and gradient; either array may be empty), with L-BFGS (20 pairs,
     * strong Wolfe) inside, at most 1000 inner iterations per outer one, {@code rho = 10} to start,
     * stopping when the violation is at most 1e-9 and the Lagrangian's gradient at most 1e-6
     * (infinity norms). The multipliers are in the result's state ({@link Multipliers}).
     */
    public static Method augmentedLagrangian(Objective[] equalities, Objective[] inequalities) {
        return new AugmentedLagrangian(equalities, inequalities, Methods.lbfgs(20, LineSearch.strongWolfe(), 0, 0), 10, 1e-9, 1e-6,
                1000);
    }

    /**
     * The augmented Lagrangian method with every option: the inner method (any unconstrained
     * {@link Method}), the first penalty {@code rho}, the tolerances on the constraint violation
     * and on the Lagrangian's gradient, and the inner iterations per outer iteration.
     */
    public static Method augmentedLagrangian(Objective[] equalities, Objective[] inequalities, Method inner, double rho,
                                             double violationTolerance, double gradientTolerance, int innerSteps) {
        return new AugmentedLagrangian(equalities, inequalities, inner, rho, violationTolerance, gradientTolerance, innerSteps);
    }

    /**
     * An inexact Newton–KKT (SQP) method for {@code min f(x)} subject to {@code c_i(x) = 0} for each
     * of {@code equalities}, on Hessian-vector products of the objective (the run's objective must
     * be a {@link HessianObjective}) and of the constraints: projected conjugate
     * gradients on the KKT system, an augmented-Lagrangian merit function in {@code (x, lambda)},
     * stopping when the violation is at most 1e-10 and the Lagrangian's gradient at most 1e-10
     * (infinity norms), with at most 200 CG iterations per step. The multipliers are in the
     * result's state ({@link Multipliers}).
     *
     * <pre>{@code
     * Result r = Minimize.with(ConstrainedMethods.sqp(c)).steps(100).run(HessianObjective.of(f, params), x0);
     * }</pre>
     */
    public static Method sqp(HessianObjective... equalities) {
        return new Sqp(equalities, 1e-10, 1e-10, 200, KktSolver.PROJECTED_CG);
    }

    /** The SQP method with its tolerances on the violation and the Lagrangian's gradient, and the CG iterations per step. */
    public static Method sqp(HessianObjective[] equalities, double violationTolerance, double gradientTolerance, int maxCg) {
        return new Sqp(equalities, violationTolerance, gradientTolerance, maxCg, KktSolver.PROJECTED_CG);
    }

    /**
     * The SQP method with the given linear solver of its KKT systems and at most
     * {@code maxIterations} of its iterations (operator products) per step.
     *
     * <pre>{@code
     * Method m = ConstrainedMethods.sqp(c, 1e-10, 1e-10, 200, ConstrainedMethods.KktSolver.MINRES);
     * }</pre>
     */
    public static Method sqp(HessianObjective[] equalities, double violationTolerance, double gradientTolerance, int maxIterations,
                             KktSolver solver) {
        return new Sqp(equalities, violationTolerance, gradientTolerance, maxIterations, solver);
    }
}
