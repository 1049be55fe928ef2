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
import descent.tensor.Value;

/**
 * Minimizes {@code g(x, theta, data...)} over {@code x} for a fixed {@code theta} and data: L-BFGS (20 pairs,
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

    ArgminSolver(Func g, int dataCount, int maxIterations, String owner) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException(owner + ": maxIterations must be >= 1, got " + maxIterations);
        }
        this.valueAndGrad = AD.valueAndGrad(g, 0);
        this.hessian = AD.grad(directional(AD.grad(g, 0), dataCount), 0);
        this.maxIterations = maxIterations;
    }

    /**
     * {@code (x, theta, v, data...) -> <grad_x g(x, theta, data...), v>}, whose gradient in {@code x}
     * is {@code H v} and in {@code theta} the mixed product {@code (d^2 g / dtheta dx)^T v}; the data
     * get no derivatives.
     */
    static Func directional(Func gradX, int dataCount) {
        return Func.of(3 + dataCount, xs -> {
            Value[] args = new Value[2 + dataCount];
            args[0] = xs[0];
            args[1] = xs[1];
            System.arraycopy(xs, 3, args, 2, dataCount);
            return new Value[] {gradX.apply(args).mul(xs[2]).sum()};
        });
    }

    /** {@code first} followed by {@code data}. */
    static Tensor[] args(Tensor[] data, Tensor... first) {
        Tensor[] a = java.util.Arrays.copyOf(first, first.length + data.length);
        System.arraycopy(data, 0, a, first.length, data.length);
        return a;
    }

    /** Iterations the last solve took. */
    long lastIterations() {
        return lastIterations;
    }

    Tensor solve(Tensor theta, Tensor x0, double tolerance, Tensor[] data) {
        Shape s = x0.shape();
        Result r = Minimize.with(Methods.lbfgs(20, LineSearch.strongWolfe(), 0, 0)).steps(maxIterations)
                .stopWhen(Stop.gradientNorm(tolerance * 0.5))
                .run((x, grad) -> {
                    Tensor[] o = valueAndGrad.callAll(args(data, Tensor.copyOf(x, s.dims()), theta));
                    o[1].copyTo(grad);
                    return o[0].item();
                }, x0.toArray());
        Tensor x = Tensor.copyOf(r.x(), s.dims());
        long k = r.iterations();
        for (; k < maxIterations; k++) {
            Tensor gradient = valueAndGrad.callAll(args(data, x, theta))[1];
            if (gradient.norm().item() <= tolerance * 0.5) {
                break;
            }
            Tensor at = x;
            double[] step;
            try {
                step = newton.solve((v, out) -> hessian.callAll(args(data, at, theta, Tensor.copyOf(v, s.dims())))[0].copyTo(out),
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
