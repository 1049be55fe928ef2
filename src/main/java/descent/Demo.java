package descent;

import descent.ad.AD;
import descent.ad.Func;
import descent.tensor.Value;
import descent.ad.Compiled;
import descent.tensor.Shape;
import descent.tensor.Tensor;

import java.util.Locale;

/**
 * The {@code ./descent demo} program: minimizes the Rosenbrock function in 2 and 100 dimensions
 * with gradients from reverse-mode AD and a plain gradient method (steepest descent with Armijo
 * backtracking), printing progress and the final point.
 */
public final class Demo {
    private Demo() {
    }

    /** Chained Rosenbrock: sum_i 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2, minimum 0 at (1, ..., 1). */
    public static Value rosenbrock(Value x) {
        int n = x.size();
        Value head = x.slice(0, 0, n - 1);
        Value tail = x.slice(0, 1, n);
        return tail.sub(head.square()).square().mul(100).add(head.rsub(1).square()).sum();
    }

    /** The outcome of a descent run. */
    public record Result(double[] x, double value, double gradientNorm, int iterations, boolean converged) {
    }

    /**
     * Steepest descent with Armijo backtracking from {@code x0}: each step tries twice the last
     * accepted step length and halves it until f decreases by at least 1e-4 * step * |g|^2.
     * Stops when |g| &lt; {@code tolerance} or after {@code maxIterations}.
     */
    public static Result minimize(Func f, double[] x0, double tolerance, int maxIterations, int reportEvery) {
        int n = x0.length;
        Shape shape = Shape.of(n);
        Compiled valueAndGrad = AD.valueAndGrad(f).compile(shape);
        Compiled value = f.compile(shape);
        double[] x = x0.clone();
        double[][] out = {new double[1], new double[n]};
        double[][] trialOut = {new double[1]};
        double[] trial = new double[n];
        double step = 1e-3;
        int it = 0;
        valueAndGrad.runInto(new Tensor[] {Tensor.wrap(x, n)}, out);
        double fx = out[0][0];
        double gnorm = norm(out[1]);
        System.out.printf(Locale.ROOT, "  %7s  %14s  %10s  %10s%n", "iter", "f(x)", "|grad f|", "step");
        while (gnorm >= tolerance && it < maxIterations) {
            if (it % reportEvery == 0) {
                System.out.printf(Locale.ROOT, "  %7d  %14.8e  %10.3e  %10.3e%n", it, fx, gnorm, step);
            }
            double[] g = out[1];
            double g2 = gnorm * gnorm;
            step *= 2;
            double ft;
            while (true) {
                for (int i = 0; i < n; i++) {
                    trial[i] = x[i] - step * g[i];
                }
                value.runInto(new Tensor[] {Tensor.wrap(trial, n)}, trialOut);
                ft = trialOut[0][0];
                if (ft <= fx - 1e-4 * step * g2 || step < 1e-20) {
                    break;
                }
                step *= 0.5;
            }
            System.arraycopy(trial, 0, x, 0, n);
            valueAndGrad.runInto(new Tensor[] {Tensor.wrap(x, n)}, out);
            fx = out[0][0];
            gnorm = norm(out[1]);
            it++;
        }
        System.out.printf(Locale.ROOT, "  %7d  %14.8e  %10.3e  %10.3e%n", it, fx, gnorm, step);
        return new Result(x, fx, gnorm, it, gnorm < tolerance);
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d * d;
        }
        return Math.sqrt(s);
    }

    private static void report(String label, Result r, long nanos) {
        StringBuilder head = new StringBuilder();
        int show = Math.min(r.x().length, 4);
        for (int i = 0; i < show; i++) {
            head.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.6f", r.x()[i]));
        }
        if (r.x().length > show) {
            head.append(", ...");
        }
        double maxDev = 0;
        for (double v : r.x()) {
            maxDev = Math.max(maxDev, Math.abs(v - 1));
        }
        System.out.printf(Locale.ROOT, "  %s after %d iterations (%.0f ms, %.1f us per iteration)%n",
                r.converged() ? "converged" : "stopped", r.iterations(), nanos / 1e6, nanos / 1e3 / Math.max(1, r.iterations()));
        System.out.printf(Locale.ROOT, "  %s: x = (%s), f(x) = %.3e, |grad f| = %.2e, max |x_i - 1| = %.2e%n%n",
                label, head, r.value(), r.gradientNorm(), maxDev);
    }

    /** Runs the demo. */
    public static void main(String[] args) {
        System.out.println("Descent demo: minimize the Rosenbrock function with gradients from reverse-mode AD");
        System.out.println("and steepest descent with Armijo backtracking.");
        System.out.println();
        Func f = Func.of(Demo::rosenbrock);
        System.out.println("2-D Rosenbrock from (-1.2, 1.0); minimum f = 0 at (1, 1)");
        long t0 = System.nanoTime();
        Result r2 = minimize(f, new double[] {-1.2, 1.0}, 1e-6, 200_000, 2000);
        report("2-D", r2, System.nanoTime() - t0);
        int n = 100;
        System.out.println(n + "-D Rosenbrock from x = 0; minimum f = 0 at (1, ..., 1)");
        t0 = System.nanoTime();
        Result r100 = minimize(f, new double[n], 1e-6, 500_000, 5000);
        report(n + "-D", r100, System.nanoTime() - t0);
    }
}
