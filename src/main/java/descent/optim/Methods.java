package descent.optim;

/**
 * The catalogue of {@link Method}s: optimizers that evaluate the objective themselves, several
 * times per iteration, run by {@link Minimize#with(Method)}.
 * <ul>
 * <li>quasi-Newton and conjugate gradients with line searches: {@link #lbfgs}, {@link #lbfgsb}
 * (box constraints, SciPy's algorithm and defaults), {@link #bfgs}, {@link #conjugateGradient};</li>
 * <li>second-order methods on Hessian-vector products (a {@link HessianObjective}):
 * {@link #newtonCg}, {@link #trustRegion}, {@link #dampedNewton}, {@link #cubicNewton},
 * {@link #lazyCubicNewton}, {@link #gradientRegularizedNewton};</li>
 * <li>least squares (a {@link ResidualObjective}): {@link #gaussNewton},
 * {@link #levenbergMarquardt}.</li>
 * </ul>
 *
 * <pre>{@code
 * Result r = Minimize.with(Methods.lbfgsb()).bounds(Bounds.of(lower, upper)).steps(15000).run(f, x0);
 * System.out.println(r.iterations() + " iterations, " + r.evaluations() + " evaluations");
 * }</pre>
 */
public final class Methods {
    private Methods() {
    }

    /** The system a least-squares method solves for its step: see {@link #levenbergMarquardt(Form, double)}. */
    public enum Form {
        /** {@code (J'J + lambda I) p = -J'r}, of the parameters' size. */
        PRIMAL,
        /** {@code (J J' + lambda I) u = -r}, {@code p = J'u}, of the residuals' size. */
        DUAL,
        /** The dual form when there are fewer residuals than parameters, else the primal. */
        AUTO
    }

    /** How {@link #cubicNewton(Subproblem, int, double, int)} minimizes its cubic model. */
    public enum Subproblem {
        /** Form the Hessian ({@code n} products) at each refresh, eigendecompose it, solve the secular equation exactly. */
        DENSE,
        /** Lanczos on Hessian-vector products: the model minimized over a Krylov space of the gradient. */
        LANCZOS
    }

    /** The beta formulas of {@link #conjugateGradient}. */
    public enum Cg {
        /** Fletcher–Reeves. */
        FLETCHER_REEVES,
        /** Polak–Ribière with negative values clipped to 0. */
        POLAK_RIBIERE_PLUS,
        /** Hestenes–Stiefel. */
        HESTENES_STIEFEL,
        /** Dai–Yuan. */
        DAI_YUAN
    }

    /**
     * L-BFGS as {@code torch.optim.LBFGS(history_size=100, line_search_fn="strong_wolfe")} runs it:
     * 100 pairs, the strong Wolfe search, stopping when the gradient's infinity norm is at most
     * 1e-7 or an iteration changes the loss or every parameter by less than 1e-9 (torch's
     * {@code tolerance_grad} and {@code tolerance_change}).
     */
    public static Method lbfgs() {
        return new Lbfgs(100, LineSearch.strongWolfe(), 1e-7, 1e-9);
    }

    /** L-BFGS with {@code memory} pairs and the given line search, torch's tolerances (see {@link #lbfgs()}). */
    public static Method lbfgs(int memory, LineSearch lineSearch) {
        return new Lbfgs(memory, lineSearch, 1e-7, 1e-9);
    }

    /**
     * L-BFGS (two-loop recursion, {@code H_0 = (s'y / y'y) I}) with every option:
     * {@code toleranceGrad} stops the run when the gradient's infinity norm is at most it,
     * {@code toleranceChange} when an iteration changes the loss or every parameter by less
     * (0 turns a test off).
     */
    public static Method lbfgs(int memory, LineSearch lineSearch, double toleranceGrad, double toleranceChange) {
        return new Lbfgs(memory, lineSearch, toleranceGrad, toleranceChange);
    }

    /**
     * L-BFGS-B with SciPy's defaults: 10 pairs, {@code factr = 1e7} (SciPy's
     * {@code ftol = factr * eps = 2.2e-9}), {@code pgtol = 1e-5} (SciPy's {@code gtol}), at most
     * 20 evaluations per line search. Runs with or without {@link Minimize#bounds}; pair it with
     * {@code .steps(15000)} for SciPy's {@code maxiter}.
     */
    public static Method lbfgsb() {
        return new Lbfgsb(10, 1e7, 1e-5, 20);
    }

    /**
     * L-BFGS-B with every option: {@code memory} pairs ({@code maxcor}); stop when an iteration
     * reduces {@code f} by at most {@code factr * eps} relatively or the projected gradient's
     * infinity norm is at most {@code pgtol}; at most {@code maxls} evaluations per line search.
     */
    public static Method lbfgsb(int memory, double factr, double pgtol, int maxls) {
        return new Lbfgsb(memory, factr, pgtol, maxls);
    }

    /**
     * L-BFGS-B as physics-informed networks are finished with it, following DeepXDE's settings:
     * 100 pairs, no relative-reduction test ({@code factr = 0}), {@code pgtol = 1e-8}, at most 50
     * evaluations per line search. Such runs end by their step budget (DeepXDE uses
     * {@code .steps(15000)}) or by the line search failing at the limit of rounding.
     */
    public static Method lbfgsbPinn() {
        return new Lbfgsb(100, 0, 1e-8, 50);
    }

    /** Dense BFGS with the strong Wolfe search, for small problems. */
    public static Method bfgs() {
        return new Bfgs(LineSearch.strongWolfe());
    }

    /** Dense BFGS (inverse-Hessian update) with the given line search. */
    public static Method bfgs(LineSearch lineSearch) {
        return new Bfgs(lineSearch);
    }

    /**
     * Nonlinear conjugate gradients with the strong Wolfe search at {@code c2 = 0.1} (the
     * curvature condition CG needs) and a restart every {@code n} iterations.
     */
    public static Method conjugateGradient(Cg beta) {
        return new NonlinearCg(NonlinearCg.Beta.valueOf(beta.name()), LineSearch.strongWolfe(1e-4, 0.1, 25), Integer.MAX_VALUE);
    }

    /** Nonlinear conjugate gradients with the given line search, restarted along {@code -g} every {@code restart} iterations. */
    public static Method conjugateGradient(Cg beta, LineSearch lineSearch, int restart) {
        if (beta == null) {
            throw new IllegalArgumentException("conjugateGradient: the beta formula is null");
        }
        return new NonlinearCg(NonlinearCg.Beta.valueOf(beta.name()), lineSearch,
                Hyper.checkAtLeast("conjugateGradient", "restart", restart, 1));
    }

    /**
     * Truncated Newton (Newton-CG): CG on {@code H p = -g} to the relative residual
     * {@code min(0.5, |g|)} or the first negative curvature, then Armijo backtracking; at most 200
     * Hessian-vector products per iteration. Needs a {@link HessianObjective}.
     */
    public static Method newtonCg() {
        return new NewtonCg(NewtonCg.Form.TRUNCATED, 200);
    }

    /** {@link #newtonCg()} with at most {@code maxCgIterations} Hessian-vector products per iteration. */
    public static Method newtonCg(int maxCgIterations) {
        return new NewtonCg(NewtonCg.Form.TRUNCATED, maxCgIterations);
    }

    /**
     * Damped Newton: CG solves {@code (H + lambda I) p = -g} to 1e-12 relative, {@code lambda}
     * raised from 0 only when {@code H} shows negative curvature, then Armijo backtracking from
     * the full step; at most {@code maxCgIterations} products per solve.
     */
    public static Method dampedNewton(int maxCgIterations) {
        return new NewtonCg(NewtonCg.Form.DAMPED, maxCgIterations);
    }

    /**
     * The Steihaug–Toint trust-region Newton method with an initial radius of 1, a largest
     * radius of 1000, acceptance threshold {@code eta = 0.15}, at most 200 products per
     * iteration. Needs a {@link HessianObjective}.
     */
    public static Method trustRegion() {
        return new TrustRegion(1, 1000, 0.15, 200);
    }

    /** The Steihaug–Toint trust-region method with every option (see {@link #trustRegion()}). */
    public static Method trustRegion(double initialRadius, double maxRadius, double eta, int maxCgIterations) {
        return new TrustRegion(initialRadius, maxRadius, eta, maxCgIterations);
    }

    /**
     * Cubic-regularized Newton with a fresh Hessian at every iteration, its model minimized by
     * Lanczos (at most 200 products per iteration) and the regularization {@code M} adapted from
     * 1 by the ARC rule. Needs a {@link HessianObjective}.
     */
    public static Method cubicNewton() {
        return new CubicNewton(Subproblem.LANCZOS, 1, 1, 200);
    }

    /**
     * Cubic-regularized Newton with a lazy Hessian (Doikov, Chayti and Jaggi 2023): the Hessian is
     * formed from {@code n} products and eigendecomposed every {@code refresh} iterations, and
     * reused in between, where an iteration costs one gradient; the models are solved exactly
     * (hard case included). For problems up to a few hundred variables.
     */
    public static Method lazyCubicNewton(int refresh) {
        return new CubicNewton(Subproblem.DENSE, refresh, 1, 1);
    }

    /**
     * Cubic-regularized Newton with every option: the subproblem solver, the Hessian's refresh
     * period in iterations, the initial regularization {@code m0 > 0} and the most Lanczos
     * products per iteration (used by {@link Subproblem#LANCZOS}).
     */
    public static Method cubicNewton(Subproblem solver, int refresh, double m0, int maxLanczosSteps) {
        return new CubicNewton(solver, refresh, m0, maxLanczosSteps);
    }

    /**
     * Gradient-regularized Newton (Mishchenko 2023): {@code (hess f + sqrt(H |g|) I) p = -g} by
     * CG (at most 200 products per solve), with {@code H} found by an adaptive search from 1.
     * Needs a {@link HessianObjective}.
     */
    public static Method gradientRegularizedNewton() {
        return new RegularizedNewton(1, 200);
    }

    /** Gradient-regularized Newton with the search started at {@code h0 > 0} and at most {@code maxCgIterations} products per solve. */
    public static Method gradientRegularizedNewton(double h0, int maxCgIterations) {
        return new RegularizedNewton(h0, maxCgIterations);
    }

    /**
     * Gauss–Newton with Armijo backtracking for a {@link ResidualObjective}, in the given form
     * ({@link Form#AUTO}: the minimum-norm dual step when there are fewer residuals than
     * parameters); CG with at most 200 products per step.
     */
    public static Method gaussNewton(Form form) {
        if (form == null) {
            throw new IllegalArgumentException("gaussNewton: the form is null");
        }
        return new LeastSquares(false, LeastSquares.Form.valueOf(form.name()), 0, 200);
    }

    /** Levenberg–Marquardt with {@code lambda = 1e-3} to start and the form chosen by size ({@link Form#AUTO}). */
    public static Method levenbergMarquardt() {
        return new LeastSquares(true, LeastSquares.Form.AUTO, 1e-3, 200);
    }

    /**
     * Levenberg–Marquardt for a {@link ResidualObjective}: the step solves
     * {@code (J'J + lambda I) p = -J'r} in the given form, is taken if the objective decreases,
     * and {@code lambda} follows Nielsen's update from {@code lambda0}.
     */
    public static Method levenbergMarquardt(Form form, double lambda0) {
        if (form == null) {
            throw new IllegalArgumentException("levenbergMarquardt: the form is null");
        }
        return new LeastSquares(true, LeastSquares.Form.valueOf(form.name()), lambda0, 200);
    }
}
