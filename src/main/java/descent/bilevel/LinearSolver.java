package descent.bilevel;

/**
 * A matrix-free solver of {@code A w = b} from products {@code A v}, as implicit differentiation
 * uses it: {@link #cg} for symmetric positive definite systems (Hessians of strongly convex inner
 * problems), {@link #gmres} for general nonsingular ones, {@link #neumann} for the truncated
 * Neumann series (Richardson iteration) {@code w = alpha sum_{k < K} (I - alpha A)^k b}.
 * CG and GMRES stop when {@code |b - A w| <= tolerance |b|} and throw a
 * {@link ConvergenceException} if they cannot get there (iteration budget spent, a singular or
 * indefinite system); the Neumann series runs its terms and fails only if it diverges.
 */
public interface LinearSolver {
    /** The solver's name for messages. */
    String name();

    /**
     * Returns {@code w} with {@code A w = b}; {@code who} names the derivative being computed in
     * error messages.
     *
     * @throws ConvergenceException if the solve did not reach the tolerance or the system is singular
     */
    double[] solve(LinearOperator a, double[] b, String who);

    /** Conjugate gradients for a symmetric positive definite {@code A}: at most {@code maxIterations}, relative tolerance {@code tolerance}. */
    static LinearSolver cg(int maxIterations, double tolerance) {
        return new Krylov(true, maxIterations, tolerance, 0);
    }

    /** Restarted GMRES({@code restart}) for a general nonsingular {@code A}: at most {@code maxIterations} products, relative tolerance {@code tolerance}. */
    static LinearSolver gmres(int restart, int maxIterations, double tolerance) {
        return new Krylov(false, maxIterations, tolerance, restart);
    }

    /**
     * The truncated Neumann series {@code w = alpha sum_{k < terms} (I - alpha A)^k b}: exact in
     * the limit when the spectral radius of {@code I - alpha A} is below 1 (for a Hessian with
     * eigenvalues in {@code (0, L]}, any {@code 0 < alpha < 2 / L}; for a fixed point
     * {@code F = T(x) - x}, {@code alpha = -1} gives the classic series {@code -sum (J_T)^k b}).
     */
    static LinearSolver neumann(double alpha, int terms) {
        return new Neumann(alpha, terms);
    }
}
