package descent.bilevel;

import descent.ad.AD;
import descent.ad.CustomOp;
import descent.ad.Func;
import descent.tensor.Primitive;
import descent.tensor.Shape;
import descent.tensor.Tensor;
import descent.tensor.Value;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A function {@code x*(theta)} defined implicitly by an equation {@code F(x*, theta) = 0}, as a
 * differentiable operation of the AD core: {@link #apply} records it in a traced function, so
 * {@code AD.grad} of a loss of {@code x*(theta)} differentiates through it, and
 * {@code AD.jvp} pushes tangents through it. Its value comes from an inner solver run on
 * concrete tensors; its derivatives come from the implicit function theorem, never from
 * unrolling the solver: with {@code J_x = dF/dx} and {@code J_theta = dF/dtheta} at the solution,
 * <ul>
 * <li>reverse mode: {@code theta_bar = -J_theta^T w} where {@code J_x^T w = x_bar};</li>
 * <li>forward mode: {@code x_dot = -J_x^{-1} J_theta theta_dot};</li>
 * </ul>
 * each linear system solved by a {@link LinearSolver} (CG, GMRES or a Neumann series) on
 * Jacobian-vector or vector-Jacobian products of {@code F} from the AD core. The defining
 * equation can be a root ({@link #root}), a fixed point {@code x = T(x, theta)}
 * ({@link #fixedPoint}: {@code F = T - x}) or a minimizer of {@code g(x, theta)}
 * ({@link #argmin}: {@code F = grad_x g}, whose Jacobian is the Hessian, so CG applies). The
 * inner solution is checked: if {@code |F(x*, theta)|} exceeds the tolerance the evaluation fails
 * with a {@link ConvergenceException}, and a singular {@code J_x} fails the derivative the same
 * way. Second derivatives through the solution are not defined (the derivative ops have no rules
 * of their own), and the error names them.
 *
 * <pre>{@code
 * Implicit sol = Implicit.argmin(innerLoss, Tensor.zeros(p));          // x*(lambda) = argmin_x g(x, lambda)
 * Func outer = Func.of(lambda -> validationLoss(sol.apply(lambda)));
 * Tensor hypergradient = AD.grad(outer).call(Tensor.of(0.1));
 * }</pre>
 */
public final class Implicit {
    /** An inner solver: a solution {@code x} of the defining equation for the given {@code theta}, starting from {@code start}. */
    @FunctionalInterface
    public interface Solver {
        /** Returns {@code x} with {@code F(x, theta) = 0} (shaped like {@code start}). */
        Tensor solve(Tensor theta, Tensor start);
    }

    /** A solver that knows the tolerance its solution must reach. */
    private interface Inner {
        Tensor solve(Tensor theta, Tensor start, double tolerance);
    }

    private final String name;
    private final Func residual;
    private final Inner solver;
    private final Tensor start;
    private final LinearSolver linear;
    private final double tolerance;
    private final AtomicReference<Tensor> warm;
    private final Func vjp;
    private final Func jvp;
    private final Primitive op;

    private Implicit(String name, Func residual, Inner solver, Tensor start, LinearSolver linear, double tolerance,
                     AtomicReference<Tensor> warm) {
        this.name = name;
        this.residual = residual;
        this.solver = solver;
        this.start = start;
        this.linear = linear;
        this.tolerance = tolerance;
        this.warm = warm;
        this.vjp = AD.vjp(residual);
        this.jvp = AD.jvp(residual);
        Shape xShape = start.shape();
        Primitive vjpOp = CustomOp.named(name + "Vjp").arity(3).shape(in -> in[0]).eval(t -> thetaCotangent(t[0], t[1], t[2])).build();
        Primitive jvpOp = CustomOp.named(name + "Jvp").arity(3).shape(in -> xShape).eval(t -> solutionTangent(t[0], t[1], t[2])).build();
        this.op = CustomOp.named(name).shape(in -> xShape).eval(t -> solve(t[0]))
                .vjp((x, y, ct) -> new Value[] {vjpOp.apply(x[0], y, ct)})
                .jvp((x, t, y) -> jvpOp.apply(x[0], y, t[0]))
                .build();
    }

    private static Implicit make(String name, Func residual, Inner solver, Tensor start, LinearSolver linear) {
        if (residual == null || solver == null || start == null) {
            throw new IllegalArgumentException(name + ": the function, the solver and the start are required");
        }
        if (residual.flatArity() != 2) {
            throw new IllegalArgumentException(name + ": the function must take two tensors (x, theta), but " + residual.name()
                    + " takes " + residual.flatArity() + " flat arguments");
        }
        return new Implicit(name, residual, solver, start, linear, 1e-8, new AtomicReference<>());
    }

    /** {@code x*(theta)} with {@code f(x*, theta) = 0} for {@code f(x, theta)} shaped like {@code x}, found by {@code solver}; GMRES for the derivatives. */
    public static Implicit root(Func f, Tensor start, Solver solver) {
        return make("implicitRoot", f, user(solver), start, LinearSolver.gmres(50, 2000, 1e-10));
    }

    /** {@code x*(theta) = T(x*, theta)}, found by {@code solver}; GMRES for the derivatives. */
    public static Implicit fixedPoint(Func t, Tensor start, Solver solver) {
        return make("implicitFixedPoint", fixedPointResidual(t), user(solver), start, LinearSolver.gmres(50, 2000, 1e-10));
    }

    /**
     * {@code x*(theta) = T(x*, theta)} found by the iteration {@code x <- T(x, theta)} from the
     * last solution (warm start), at most {@code maxIterations} times, until
     * {@code |T(x) - x|} is within the tolerance; GMRES for the derivatives.
     */
    public static Implicit fixedPoint(Func t, Tensor start, int maxIterations) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("implicitFixedPoint: maxIterations must be >= 1, got " + maxIterations);
        }
        Func residual = fixedPointResidual(t);
        Inner iterate = (theta, x0, tolerance) -> {
            Tensor x = x0;
            for (int k = 0; k < maxIterations; k++) {
                Tensor next = t.call(x, theta);
                double change = next.sub(x).norm().item();
                x = next;
                if (change <= tolerance * 0.5) {
                    break;
                }
            }
            return x;
        };
        return make("implicitFixedPoint", residual, iterate, start, LinearSolver.gmres(50, 2000, 1e-10));
    }

    /** {@code x*(theta) = argmin_x g(x, theta)} for a scalar {@code g}, found by {@code solver}; CG on Hessian-vector products for the derivatives. */
    public static Implicit argmin(Func g, Tensor start, Solver solver) {
        return make("implicitArgmin", AD.grad(g, 0), user(solver), start, LinearSolver.cg(1000, 1e-10));
    }

    /**
     * {@code x*(theta) = argmin_x g(x, theta)} found from the last solution by L-BFGS (20 pairs,
     * strong Wolfe) until {@code |grad_x g|} is within the tolerance, then, where L-BFGS stalls at
     * the resolution of its line search, by Newton steps with CG on Hessian-vector products; at
     * most {@code maxIterations} iterations of both together. CG for the derivatives.
     */
    public static Implicit argmin(Func g, Tensor start, int maxIterations) {
        ArgminSolver argmin = new ArgminSolver(g, 0, maxIterations, "implicitArgmin");
        Inner solver = (theta, x0, tolerance) -> argmin.solve(theta, x0, tolerance, new Tensor[0]);
        return make("implicitArgmin", AD.grad(g, 0), solver, start, LinearSolver.cg(1000, 1e-10));
    }

    private static Inner user(Solver s) {
        if (s == null) {
            throw new IllegalArgumentException("implicit: the inner solver is null");
        }
        return (theta, x0, tolerance) -> s.solve(theta, x0);
    }

    private static Func fixedPointResidual(Func t) {
        if (t == null) {
            throw new IllegalArgumentException("implicitFixedPoint: the map T is required");
        }
        return Func.of(t, 0, xs -> new Value[] {t.apply(xs[0], xs[1]).sub(xs[0])}).named("fixedPointResidual(" + t.name() + ")");
    }

    /** The same implicit function with another solver for the linear systems of its derivatives. */
    public Implicit linearSolver(LinearSolver s) {
        if (s == null) {
            throw new IllegalArgumentException(name + ".linearSolver: null");
        }
        return new Implicit(name, residual, solver, start, s, tolerance, warm);
    }

    /**
     * The same implicit function accepting inner solutions with {@code |F(x*, theta)| <= tolerance}
     * (Euclidean norm; 1e-8 by default); built-in inner solvers iterate until they reach it.
     */
    public Implicit tolerance(double tolerance) {
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException(name + ".tolerance: must be finite and > 0, got " + tolerance);
        }
        return new Implicit(name, residual, solver, start, linear, tolerance, warm);
    }

    /** The tolerance on {@code |F(x*, theta)|}. */
    public double tolerance() {
        return tolerance;
    }

    /** The linear solver of the derivatives. */
    public LinearSolver linearSolver() {
        return linear;
    }

    /** Records {@code x*(theta)} in a traced function. */
    public Value apply(Value theta) {
        return op.apply(theta);
    }

    /**
     * Solves for {@code x*(theta)} on concrete tensors, warm-started from the last solution.
     *
     * @throws ConvergenceException if the inner solution's residual exceeds the tolerance
     */
    public Tensor solve(Tensor theta) {
        Tensor from = warm.get() != null ? warm.get() : start;
        Tensor x = solver.solve(theta, from, tolerance);
        if (x == null || !x.shape().equals(start.shape())) {
            throw new IllegalStateException(name + ": the inner solver returned " + (x == null ? "null" : "shape " + x.shape())
                    + ", but the solution has shape " + start.shape());
        }
        double r = residual.call(x, theta).norm().item();
        if (!(r <= tolerance)) {
            throw new ConvergenceException(name + ": the inner solver did not converge: |F(x, theta)| = " + r
                    + " exceeds the tolerance " + tolerance + "; a derivative at this point would be wrong", -1, r);
        }
        warm.set(x);
        return x;
    }

    private Tensor thetaCotangent(Tensor theta, Tensor x, Tensor ct) {
        int n = x.size();
        Shape s = x.shape();
        double[] w = linear.solve((v, out) -> vjp.callAll(x, theta, Tensor.copyOf(v, s.dims()))[1].copyTo(out), ct.toArray(),
                name + " (reverse mode)");
        Tensor thetaBar = vjp.callAll(x, theta, Tensor.copyOf(w, s.dims()))[2];
        return thetaBar.neg();
    }

    private Tensor solutionTangent(Tensor theta, Tensor x, Tensor thetaDot) {
        Shape s = x.shape();
        Tensor zeroX = Tensor.zeros(s);
        Tensor zeroTheta = Tensor.zeros(theta.shape());
        double[] b = jvp.callAll(x, theta, zeroX, thetaDot)[1].neg().toArray();
        double[] v = linear.solve((u, out) -> jvp.callAll(x, theta, Tensor.copyOf(u, s.dims()), zeroTheta)[1].copyTo(out), b,
                name + " (forward mode)");
        return Tensor.copyOf(v, s.dims());
    }
}
