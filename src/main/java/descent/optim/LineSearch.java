package descent.optim;

/**
 * A line search: given the objective along a descent direction ({@link Ray}) and a first trial
 * step, finds a step that decreases the objective enough. It returns the accepted step
 * ({@code > 0}), whose point and gradient the ray keeps, or {@code 0} if it found no acceptable
 * step within its budget of evaluations (the method then restarts or stops). A trial where the
 * objective or its gradient is not finite counts as a step too long: every search here shrinks
 * it, so a NaN inside a search costs evaluations but never ends in a NaN iterate.
 *
 * <pre>{@code
 * Method lbfgs = Methods.lbfgs(10, LineSearch.hagerZhang());
 * }</pre>
 */
public interface LineSearch {
    /**
     * Searches along the ray from {@code initialStep} (clipped to {@code maxStep}).
     *
     * @return the accepted step, or 0 if none was found
     * @throws IllegalArgumentException if the ray's slope at 0 is not negative (not a descent
     *                                  direction) or a step is not positive
     */
    double search(Ray ray, double initialStep, double maxStep);

    /** {@link #search(Ray, double, double)} without a largest step. */
    default double search(Ray ray, double initialStep) {
        return search(ray, initialStep, Double.POSITIVE_INFINITY);
    }

    /** Backtracking with {@code c1 = 1e-4}: see {@link #armijo(double, int)}. */
    static LineSearch armijo() {
        return new Armijo(1e-4, 30);
    }

    /**
     * Backtracking until the Armijo condition {@code phi(t) <= phi(0) + c1 t phi'(0)} holds, each
     * new trial the minimizer of the quadratic through {@code phi(0)}, {@code phi'(0)} and
     * {@code phi(t)}, kept within {@code [0.1 t, 0.5 t]}; at most {@code maxEvaluations} trials.
     */
    static LineSearch armijo(double c1, int maxEvaluations) {
        return new Armijo(c1, maxEvaluations);
    }

    /** Strong Wolfe with {@code c1 = 1e-4, c2 = 0.9}, 25 iterations: see {@link #strongWolfe(double, double, int)}. */
    static LineSearch strongWolfe() {
        return new StrongWolfe(1e-4, 0.9, 25, 1e-9);
    }

    /**
     * A step satisfying the strong Wolfe conditions {@code phi(t) <= phi(0) + c1 t phi'(0)} and
     * {@code |phi'(t)| <= c2 |phi'(0)|} (Nocedal and Wright, Algorithms 3.5 and 3.6): a bracketing
     * phase that extrapolates by cubic interpolation within {@code [t + 0.01 (t - t_prev), 10 t]},
     * then a zoom that interpolates the bracket by cubics, safeguarded to stay 10% of the bracket
     * away from its ends. Its choices are those of {@code torch.optim.LBFGS}'s
     * {@code line_search_fn="strong_wolfe"}, so L-BFGS with it follows torch's iterates; the search
     * stops when the bracket is narrower than {@code 1e-9} along the direction's largest element,
     * or after {@code maxIterations} evaluations beyond the first, returning its best point.
     */
    static LineSearch strongWolfe(double c1, double c2, int maxIterations) {
        return new StrongWolfe(c1, c2, maxIterations, 1e-9);
    }

    /**
     * The Moré–Thuente line search (ACM TOMS 20, 1994; MINPACK-2's {@code dcsrch}), as SciPy's
     * L-BFGS-B uses it with {@code ftol = 1e-3, gtol = 0.9, xtol = 0.1} and at most 20 evaluations.
     */
    static LineSearch moreThuente() {
        return new MoreThuente(1e-3, 0.9, 0.1, 20);
    }

    /**
     * The Moré–Thuente line search: a step with {@code phi(t) <= phi(0) + ftol t phi'(0)} and
     * {@code |phi'(t)| <= gtol |phi'(0)|}, by safeguarded cubic and quadratic steps on an interval
     * of uncertainty whose width is driven below {@code xtol} relative; a rounding or tolerance
     * warning accepts the current step, as MINPACK-2 does.
     */
    static LineSearch moreThuente(double ftol, double gtol, double xtol, int maxEvaluations) {
        return new MoreThuente(ftol, gtol, xtol, maxEvaluations);
    }

    /** Hager–Zhang with the CG_DESCENT defaults: see {@link #hagerZhang(double, double, double, int)}. */
    static LineSearch hagerZhang() {
        return new HagerZhang(0.1, 0.9, 1e-6, 50);
    }

    /**
     * The Hager–Zhang line search (SIAM J. Optim. 16, 2005; ACM TOMS 32, 2006): a step satisfying
     * the Wolfe conditions or the approximate Wolfe conditions
     * {@code sigma phi'(0) <= phi'(t) <= (2 delta - 1) phi'(0)} with
     * {@code phi(t) <= phi(0) + epsilon |phi(0)|}, which stay meaningful when {@code phi(t)} and
     * {@code phi(0)} agree to rounding. It brackets by expanding the step fivefold, then shrinks the
     * bracket by double secant steps and bisection. Defaults of CG_DESCENT: {@code delta = 0.1},
     * {@code sigma = 0.9}, {@code epsilon = 1e-6}.
     */
    static LineSearch hagerZhang(double delta, double sigma, double epsilon, int maxEvaluations) {
        return new HagerZhang(delta, sigma, epsilon, maxEvaluations);
    }

    /**
     * Fails unless the ray points downhill and the step is positive.
     *
     * @throws IllegalArgumentException naming the search
     */
    static void check(String who, Ray ray, double initialStep) {
        double s = ray.slope0();
        if (!(s < 0)) {
            throw new IllegalArgumentException("LineSearch." + who + ": not a descent direction: the slope along it is " + s
                    + " (it must be negative; flip or reset the direction)");
        }
        if (!(initialStep > 0) || Double.isInfinite(initialStep)) {
            throw new IllegalArgumentException("LineSearch." + who + ": the initial step must be positive and finite, got " + initialStep);
        }
    }
}
