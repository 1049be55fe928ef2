package descent.bilevel;

/**
 * How {@link Bilevel} computes the hypergradient {@code d/dlambda f(x*(lambda), lambda)} of a
 * bilevel problem with {@code x*(lambda) = argmin_x g(x, lambda)}:
 * <ul>
 * <li>{@link #implicit}: the implicit function theorem,
 * {@code grad_lambda f - (d^2 g / dlambda dx) w} with {@code H w = grad_x f},
 * {@code H = d^2 g / dx^2}, solved by CG or a Neumann series on Hessian-vector products at
 * the inner solution;</li>
 * <li>{@link #unrolled}: reverse-mode differentiation through {@code steps} gradient steps
 * {@code x <- x - eta grad_x g(x, lambda)} from the start, traced and differentiated by the AD
 * core (memory grows with the steps; the inner problem is not solved otherwise);</li>
 * <li>{@link #f2sa}: the fully first-order estimate of F2SA (Kwon, Kwon, Wright and Nowak, 2023):
 * with {@code y = argmin f + nu g} and {@code z = argmin g},
 * {@code grad_lambda f(y) + nu (grad_lambda g(y) - grad_lambda g(z))}, which needs gradients
 * only and is within {@code O(1 / nu)} of the hypergradient.</li>
 * </ul>
 */
public final class Hypergradient {
    enum Kind { IMPLICIT, UNROLLED, F2SA }

    final Kind kind;
    final LinearSolver linear;
    final int steps;
    final double eta;
    final double nu;

    private Hypergradient(Kind kind, LinearSolver linear, int steps, double eta, double nu) {
        this.kind = kind;
        this.linear = linear;
        this.steps = steps;
        this.eta = eta;
        this.nu = nu;
    }

    /** The implicit-function-theorem hypergradient with the given solver for {@code H w = grad_x f} ({@link LinearSolver#cg} or {@link LinearSolver#neumann}). */
    public static Hypergradient implicit(LinearSolver linear) {
        if (linear == null) {
            throw new IllegalArgumentException("Hypergradient.implicit: the linear solver is null");
        }
        return new Hypergradient(Kind.IMPLICIT, linear, 0, 0, 0);
    }

    /** Differentiation unrolled through {@code steps} gradient steps of size {@code eta} on the inner problem. */
    public static Hypergradient unrolled(int steps, double eta) {
        if (steps < 1) {
            throw new IllegalArgumentException("Hypergradient.unrolled: steps must be >= 1, got " + steps);
        }
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("Hypergradient.unrolled: eta must be finite and > 0, got " + eta);
        }
        return new Hypergradient(Kind.UNROLLED, null, steps, eta, 0);
    }

    /** The fully first-order F2SA estimate with the penalty multiplier {@code nu} (error {@code O(1 / nu)}). */
    public static Hypergradient f2sa(double nu) {
        if (!(nu > 0) || !Double.isFinite(nu)) {
            throw new IllegalArgumentException("Hypergradient.f2sa: nu must be finite and > 0, got " + nu);
        }
        return new Hypergradient(Kind.F2SA, null, 0, 0, nu);
    }

    /** The method's name for messages. */
    public String name() {
        switch (kind) {
            case IMPLICIT:
                return "implicit(" + linear.name() + ")";
            case UNROLLED:
                return "unrolled(" + steps + ", eta=" + eta + ")";
            default:
                return "f2sa(nu=" + nu + ")";
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
