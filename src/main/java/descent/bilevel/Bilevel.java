package descent.bilevel;

import descent.ad.AD;
import descent.ad.Func;
import descent.optim.Objective;
import descent.tensor.Tensor;
import descent.tensor.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bilevel problem {@code min_lambda f(x*(lambda), lambda)} with
 * {@code x*(lambda) = argmin_x g(x, lambda)}, for scalar {@link Func}s {@code f(x, lambda, data...)}
 * (the outer loss, e.g. a validation loss) and {@code g(x, lambda, data...)} (the inner loss, e.g. a
 * regularized training loss), with the data passed as arguments. {@link #hypergradient} computes {@code d/dlambda f(x*(lambda), lambda)}
 * by a {@link Hypergradient} method, solving the inner problem (L-BFGS, then Newton–CG refinement,
 * warm-started from the last solution) to a given tolerance on {@code |grad_x g|};
 * {@link #objective} makes the outer problem an {@link Objective} over {@code lambda} with an
 * adaptive inner tolerance, so any optimizer of {@code descent.optim} runs the bilevel loop. A
 * problem remembers its last inner solutions as warm starts, so one instance serves one loop
 * at a time.
 *
 * <pre>{@code
 * Bilevel b = Bilevel.of(validationLoss, trainingLoss, Tensor.zeros(p), 500, xTrain, yTrain, xValidation, yValidation);
 * Bilevel.Outer outer = b.objective(Hypergradient.implicit(LinearSolver.cg(200, 1e-10)), 1e-4, 0.1, 1e-10);
 * Result r = Minimize.with(Methods.lbfgs()).stopWhen(Stop.gradientNorm(1e-8)).run(outer, new double[] {0});
 * }</pre>
 */
public final class Bilevel {
    private final Func outer;
    private final Func inner;
    private final Tensor start;
    private final int maxIterations;
    private final Func outerGrads;
    private final Func innerGradLambda;
    private final Func mixed;
    private final ArgminSolver innerSolver;
    private final Func innerGradX;
    private Tensor warm;
    private Tensor warmPenalized;
    private final Map<String, Func> unrolled = new ConcurrentHashMap<>();
    private final Map<Double, Func> penalized = new ConcurrentHashMap<>();
    private final Map<Double, ArgminSolver> penalizedSolvers = new ConcurrentHashMap<>();

    private final Tensor[] data;

    private Bilevel(Func outer, Func inner, Tensor start, int maxIterations, Tensor[] data) {
        this.outer = outer;
        this.inner = inner;
        this.start = start;
        this.maxIterations = maxIterations;
        this.data = data.clone();
        this.outerGrads = AD.valueAndGrad(outer, 0, 1);
        this.innerGradLambda = AD.grad(inner, 1);
        this.innerGradX = AD.grad(inner, 0);
        this.mixed = AD.grad(ArgminSolver.directional(innerGradX, data.length), 0, 1);
        this.innerSolver = new ArgminSolver(inner, data.length, maxIterations, "Bilevel");
    }

    private Tensor[] args(Tensor... first) {
        return ArgminSolver.args(data, first);
    }

    private Value[] args(Value[] xs, Value... first) {
        Value[] a = java.util.Arrays.copyOf(first, first.length + data.length);
        System.arraycopy(xs, 2, a, first.length, data.length);
        return a;
    }

    /**
     * The problem with outer loss {@code f(x, lambda, data...)} and inner loss
     * {@code g(x, lambda, data...)}, the inner variable shaped like {@code start} (where inner
     * solves begin), at most {@code maxIterations} inner iterations per solve, and data tensors
     * passed to both losses as arguments at every evaluation (never captured as constants, and never
     * differentiated).
     *
     * @throws IllegalArgumentException if a function does not take {@code 2 + data.length} tensors
     */
    public static Bilevel of(Func outer, Func inner, Tensor start, int maxIterations, Tensor... data) {
        if (outer == null || inner == null || start == null) {
            throw new IllegalArgumentException("Bilevel.of: the outer and inner losses and the start are required");
        }
        for (Func f : new Func[] {outer, inner}) {
            if (f.flatArity() != 2 + data.length) {
                throw new IllegalArgumentException("Bilevel.of: the losses must take " + (2 + data.length) + " tensors (x, lambda and "
                        + data.length + " data), but " + f.name() + " takes " + f.flatArity() + " flat arguments");
            }
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("Bilevel.of: maxIterations must be >= 1, got " + maxIterations);
        }
        return new Bilevel(outer, inner, start, maxIterations, data);
    }

    /**
     * The inner solution {@code x*(lambda)} with {@code |grad_x g| <= tolerance}, warm-started.
     *
     * @throws ConvergenceException if the inner solver does not reach the tolerance
     */
    public Tensor solveInner(Tensor lambda, double tolerance) {
        Tensor x = argmin(innerSolver, innerGradX, lambda, warm != null ? warm : start, tolerance, "inner problem");
        warm = x;
        return x;
    }

    private Tensor argmin(ArgminSolver solver, Func gradient, Tensor lambda, Tensor from, double tolerance, String what) {
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("Bilevel: the inner tolerance must be finite and > 0, got " + tolerance);
        }
        Tensor x = solver.solve(lambda, from, tolerance, data);
        double r = gradient.call(args(x, lambda)).norm().item();
        if (!(r <= tolerance)) {
            throw new ConvergenceException("Bilevel: the " + what + " did not converge in " + maxIterations + " iterations: |grad_x| = "
                    + r + " exceeds the tolerance " + tolerance + "; the hypergradient would be wrong", (int) solver.lastIterations(), r);
        }
        return x;
    }

    /**
     * Writes the hypergradient {@code d/dlambda f(x*(lambda), lambda)} at {@code lambda} into
     * {@code out} (shaped like {@code lambda}) and returns the outer loss there: {@code f} at the
     * inner solution (for {@link Hypergradient#unrolled}, at the unrolled iterate). The inner
     * problem is solved to {@code |grad_x g| <= tolerance} (unrolled differentiation solves
     * nothing and ignores it).
     *
     * @throws ConvergenceException if an inner or linear solve does not converge
     */
    public double hypergradient(Hypergradient method, Tensor lambda, double tolerance, double[] out) {
        if (method == null) {
            throw new IllegalArgumentException("Bilevel.hypergradient: the method is null");
        }
        if (out.length != lambda.size()) {
            throw new IllegalArgumentException("Bilevel.hypergradient: out has " + out.length + " elements, lambda " + lambda.size());
        }
        switch (method.kind) {
            case UNROLLED: {
                Tensor[] r = unrolledFunc(method).callAll(args(start, lambda));
                r[1].copyTo(out);
                return r[0].item();
            }
            case F2SA: {
                Tensor x = solveInner(lambda, tolerance);
                Func penalty = penalized.computeIfAbsent(method.nu, nu -> Func.of(2 + data.length, xs -> new Value[] {
                    outer.apply(args(xs, xs[0], xs[1])).add(inner.apply(args(xs, xs[0], xs[1])).mul(nu))}));
                ArgminSolver solver = penalizedSolvers.computeIfAbsent(method.nu,
                    nu -> new ArgminSolver(penalty, data.length, maxIterations, "Bilevel"));
                Tensor y = argmin(solver, AD.grad(penalty, 0), lambda, warmPenalized != null ? warmPenalized : x,
                        tolerance, "penalized problem f + nu g");
                warmPenalized = y;
                Tensor[] fy = outerGrads.callAll(args(y, lambda));
                Tensor gy = innerGradLambda.call(args(y, lambda));
                Tensor gx = innerGradLambda.call(args(x, lambda));
                fy[2].add(gy.sub(gx).mul(method.nu)).copyTo(out);
                return outer.call(args(x, lambda)).item();
            }
            default: {
                Tensor x = solveInner(lambda, tolerance);
                Tensor[] f = outerGrads.callAll(args(x, lambda));
                double[] w = method.linear.solve((v, o) -> mixed.callAll(args(x, lambda, Tensor.copyOf(v, x.shape().dims())))[0].copyTo(o),
                        f[1].toArray(), "Bilevel.hypergradient (H w = grad_x f)");
                Tensor cross = mixed.callAll(args(x, lambda, Tensor.copyOf(w, x.shape().dims())))[1];
                f[2].sub(cross).copyTo(out);
                return f[0].item();
            }
        }
    }

    private Func unrolledFunc(Hypergradient h) {
        return unrolled.computeIfAbsent(h.name(), key -> AD.valueAndGrad(Func.of(2 + data.length, xs -> {
            Value x = xs[0];
            Value lambda = xs[1];
            for (int k = 0; k < h.steps; k++) {
                x = x.sub(innerGradX.apply(args(xs, x, lambda)).mul(h.eta));
            }
            return new Value[] {outer.apply(args(xs, x, lambda))};
        }), 1));
    }

    /**
     * The outer problem as an {@link Objective} over a flat {@code lambda} with the hypergradient
     * of {@code method}, solving the inner problem inexactly with an adaptive tolerance: it starts
     * at {@code initialTolerance} and after each evaluation becomes
     * {@code max(minTolerance, min(previous, kappa |hypergradient|))}, so early outer iterations are
     * cheap and the tolerance tightens as the outer iterates approach stationarity.
     */
    public Outer objective(Hypergradient method, double initialTolerance, double kappa, double minTolerance) {
        return new Outer(this, method, initialTolerance, kappa, minTolerance);
    }

    /** The outer problem of a {@link Bilevel} as an objective over {@code lambda}, with the inner tolerances it used. */
    public static final class Outer implements Objective {
        private final Bilevel problem;
        private final Hypergradient method;
        private final double kappa;
        private final double minTolerance;
        private double tolerance;
        private final List<Double> tolerances = new ArrayList<>();

        private Outer(Bilevel problem, Hypergradient method, double initialTolerance, double kappa, double minTolerance) {
            if (method == null) {
                throw new IllegalArgumentException("Bilevel.objective: the method is null");
            }
            positive("initialTolerance", initialTolerance);
            positive("kappa", kappa);
            positive("minTolerance", minTolerance);
            if (minTolerance > initialTolerance) {
                throw new IllegalArgumentException("Bilevel.objective: minTolerance " + minTolerance + " exceeds initialTolerance "
                        + initialTolerance);
            }
            this.problem = problem;
            this.method = method;
            this.kappa = kappa;
            this.minTolerance = minTolerance;
            this.tolerance = initialTolerance;
        }

        private static void positive(String name, double v) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("Bilevel.objective: " + name + " must be finite and > 0, got " + v);
            }
        }

        @Override
        public double valueAndGrad(double[] lambda, double[] grad) {
            tolerances.add(tolerance);
            double f = problem.hypergradient(method, Tensor.copyOf(lambda, lambda.length), tolerance, grad);
            double norm = 0;
            for (double g : grad) {
                norm += g * g;
            }
            tolerance = Math.max(minTolerance, Math.min(tolerance, kappa * Math.sqrt(norm)));
            return f;
        }

        /** The inner tolerance of each evaluation so far, in order. */
        public double[] tolerances() {
            return tolerances.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
