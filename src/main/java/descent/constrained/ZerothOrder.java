package descent.constrained;

import descent.optim.Objective;
import descent.tensor.Rng;

/**
 * Gradient estimators from function values only, as {@link Objective}s, so any first-order
 * optimizer or method runs on a black-box function: {@code Minimize.with(Optimizers.adam(0.01))
 * .run(ZerothOrder.gaussian(f, 1e-3, 10, 7), x0)}. Each evaluation returns {@code f(x)} and writes
 * an estimate of the gradient; {@link Estimator#evaluations()} counts the calls of {@code f}.
 * <ul>
 * <li>{@link #gaussian}: the two-point Gaussian-smoothing estimator (Nesterov and Spokoiny, 2017)
 * {@code (1/q) sum_k (f(x + mu u_k) - f(x)) / mu u_k}, {@code u_k ~ N(0, I)}, unbiased for the
 * gradient of the smoothed {@code f_mu(x) = E f(x + mu u)}; {@code q + 1} calls;</li>
 * <li>{@link #spsa}: simultaneous perturbation (Spall, 1992),
 * {@code (1/q) sum_k (f(x + c D_k) - f(x - c D_k)) / (2c) D_k^{-1}} with Rademacher {@code D_k};
 * {@code 2q + 1} calls;</li>
 * <li>{@link #coordinate}: central differences along each coordinate, {@code 2n + 1} calls.</li>
 * </ul>
 * The random directions come from a generator seeded once; a resumed run does not restore it.
 */
public final class ZerothOrder {
    private ZerothOrder() {
    }

    /** A function of a flat vector, evaluated without a gradient. */
    @FunctionalInterface
    public interface Function {
        /** {@code f(x)}. */
        double value(double[] x);
    }

    /** A gradient estimator that counts its calls of the function. */
    public abstract static class Estimator implements Objective {
        final Function f;
        long evaluations;

        Estimator(Function f) {
            if (f == null) {
                throw new IllegalArgumentException("ZerothOrder: the function is null");
            }
            this.f = f;
        }

        /** The number of calls of the function so far. */
        public final long evaluations() {
            return evaluations;
        }

        final double call(double[] x) {
            evaluations++;
            return f.value(x);
        }
    }

    /** The two-point Gaussian-smoothing estimator with smoothing radius {@code mu} and {@code samples} directions per call. */
    public static Estimator gaussian(Function f, double mu, int samples, long seed) {
        Arg.positive("ZerothOrder.gaussian", "mu", mu);
        if (samples < 1) {
            throw new IllegalArgumentException("ZerothOrder.gaussian: samples must be >= 1, got " + samples);
        }
        Rng rng = new Rng(seed);
        return new Estimator(f) {
            @Override
            public double valueAndGrad(double[] x, double[] grad) {
                int n = x.length;
                double fx = call(x);
                java.util.Arrays.fill(grad, 0);
                double[] u = new double[n];
                double[] y = new double[n];
                for (int k = 0; k < samples; k++) {
                    for (int i = 0; i < n; i++) {
                        u[i] = rng.nextGaussian();
                        y[i] = x[i] + mu * u[i];
                    }
                    double w = (call(y) - fx) / (mu * samples);
                    for (int i = 0; i < n; i++) {
                        grad[i] += w * u[i];
                    }
                }
                return fx;
            }
        };
    }

    /** SPSA with perturbation size {@code c} and {@code samples} Rademacher directions per call. */
    public static Estimator spsa(Function f, double c, int samples, long seed) {
        Arg.positive("ZerothOrder.spsa", "c", c);
        if (samples < 1) {
            throw new IllegalArgumentException("ZerothOrder.spsa: samples must be >= 1, got " + samples);
        }
        Rng rng = new Rng(seed);
        return new Estimator(f) {
            @Override
            public double valueAndGrad(double[] x, double[] grad) {
                int n = x.length;
                double fx = call(x);
                java.util.Arrays.fill(grad, 0);
                double[] d = new double[n];
                double[] y = new double[n];
                for (int k = 0; k < samples; k++) {
                    for (int i = 0; i < n; i++) {
                        d[i] = rng.nextDouble() < 0.5 ? -1 : 1;
                        y[i] = x[i] + c * d[i];
                    }
                    double plus = call(y);
                    for (int i = 0; i < n; i++) {
                        y[i] = x[i] - c * d[i];
                    }
                    double w = (plus - call(y)) / (2 * c * samples);
                    for (int i = 0; i < n; i++) {
                        grad[i] += w / d[i];
                    }
                }
                return fx;
            }
        };
    }

    /** Central differences {@code (f(x + h e_i) - f(x - h e_i)) / (2h)} along every coordinate. */
    public static Estimator coordinate(Function f, double h) {
        Arg.positive("ZerothOrder.coordinate", "h", h);
        return new Estimator(f) {
            @Override
            public double valueAndGrad(double[] x, double[] grad) {
                double fx = call(x);
                double[] y = x.clone();
                for (int i = 0; i < x.length; i++) {
                    y[i] = x[i] + h;
                    double plus = call(y);
                    y[i] = x[i] - h;
                    grad[i] = (plus - call(y)) / (2 * h);
                    y[i] = x[i];
                }
                return fx;
            }
        };
    }
}
