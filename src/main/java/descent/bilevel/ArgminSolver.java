package descent.bilevel;

import descent.ad.AD;
import descent.ad.Func;
import descent.optim.LineSearch;
import descent.optim.Methods;
import descent.optim.Minimize;
import descent.optim.Result;
import descent.optim.Stop;
import descent.tensor.Shape;
import descent.tensor.Tensor;

/**
 * Minimizes {@code g(x, theta)} over {@code x} for a fixed {@code theta}: L-BFGS (20 pairs,
 * strong Wolfe) until {@code |grad_x g| <= tolerance / 2}, then, where L-BFGS stalls at the
 * resolution of its line search, Newton steps with CG on Hessian-vector products; at most
 * {@code maxIterations} iterations of both together. The caller checks the result.
 */
final class ArgminSolver {
    private final Func valueAndGrad;
    private final Func hessian;
    private final int maxIterations;
    private final LinearSolver newton = LinearSolver.cg(1000, 1e-12);
    private long lastIterations;

    ArgminSolver(Func g, int maxIterations, String owner) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException(owner + ": maxIterations must be >= 1, got " + maxIterations);
        }
        this.valueAndGrad = AD.valueAndGrad(g, 0);
        this.hessian = AD.vjp(AD.grad(g, 0));
        this.maxIterations = maxIterations;
    }

    /** Iterations the last solve took. */
    long lastIterations() {
        return lastIterations;
    }

    Tensor solve(Tensor theta, Tensor x0, double tolerance) {
        Shape s = x0.shape();
        Result r = Minimize.with(Methods.lbfgs(20, LineSearch.strongWolfe(), 0, 0)).steps(maxIterations)
                .stopWhen(Stop.gradientNorm(tolerance * 0.5))
                .run((x, grad) -> {
                    Tensor[] o = valueAndGrad.callAll(Tensor.copyOf(x, s.dims()), theta);
                    o[1].copyTo(grad);
                    return o[0].item();
                }, x0.toArray());
        Tensor x = Tensor.copyOf(r.x(), s.dims());
        long k = r.iterations();
        for (; k < maxIterations; k++) {
            Tensor gradient = valueAndGrad.callAll(x, theta)[1];
            if (gradient.norm().item() <= tolerance * 0.5) {
                break;
            }
            Tensor at = x;
            double[] step;
            try {
                step = newton.solve((v, out) -> hessian.callAll(at, theta, Tensor.copyOf(v, s.dims()))[1].copyTo(out),
                        gradient.toArray(), "argmin (Newton refinement)");
            } catch (ConvergenceException e) {
                break;
            }
            x = x.sub(Tensor.copyOf(step, s.dims()));
        }
        lastIterations = k;
        return x;
    }
}
