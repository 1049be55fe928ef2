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
 * <li>{@link #coordinate}: central differences along each coordinate, {@code 2n + 1} calls;</li>
 * <li>{@link #spider}: a recursive variance-reduced estimator (ZO-SPIDER) that corrects its last
 * estimate by Gaussian differences between the current and the previous point, restarting from
 * coordinate differences periodically.</li>
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

    /**
     * The zeroth-order SPIDER estimator (Fang, Li, Lin and Zhang, 2018, Section 4; Ji, Wang, Zhou
     * and Liang, 2019): at every {@code period}-th call, and at the first, the estimate is the
     * coordinate central differences with step {@code mu} ({@code 2n + 1} calls); at the calls
     * between, with {@code y} the point of the previous call,
     * <pre>
     * v(x) = v(y) + (1/q) sum_k [(f(x + mu u_k) - f(x)) - (f(y + mu u_k) - f(y))] / mu u_k,   u_k ~ N(0, I),
     * </pre>
     * the same directions at both points ({@code 2q + 1} calls, {@code f(y)} remembered). The
     * correction is unbiased for {@code grad f_mu(x) - grad f_mu(y)} and its variance shrinks
     * with {@code |x - y|}, so along an optimizer's short steps the estimate stays close to the
     * gradient at a fraction of the cost of coordinate differences. The estimator remembers the
     * last point: it is meant for one run at a time.
     */
    public static Estimator spider(Function f, double mu, int samples, int period, long seed) {
        String who = "ZerothOrder.spider";
        Arg.positive(who, "mu", mu);
        if (samples < 1) {
            throw new IllegalArgumentException(who + ": samples must be >= 1, got " + samples);
        }
        if (period < 1) {
            throw new IllegalArgumentException(who + ": period must be >= 1, got " + period);
        }
        Rng rng = new Rng(seed);
        return new Estimator(f) {
            private double[] previous;
            private double fPrevious;
            private double[] v;
            private long calls;

            @Override
            public double valueAndGrad(double[] x, double[] grad) {
                int n = x.length;
                double fx = call(x);
                if (previous == null || previous.length != n || calls % period == 0) {
                    v = new double[n];
                    double[] y = x.clone();
                    for (int i = 0; i < n; i++) {
                        y[i] = x[i] + mu;
                        double plus = call(y);
                        y[i] = x[i] - mu;
                        v[i] = (plus - call(y)) / (2 * mu);
                        y[i] = x[i];
                    }
                } else {
                    double[] u = new double[n];
                    double[] y = new double[n];
                    for (int k = 0; k < samples; k++) {
                        for (int i = 0; i < n; i++) {
                            u[i] = rng.nextGaussian();
                            y[i] = x[i] + mu * u[i];
                        }
                        double here = call(y) - fx;
                        for (int i = 0; i < n; i++) {
                            y[i] = previous[i] + mu * u[i];
                        }
                        double there = call(y) - fPrevious;
                        double w = (here - there) / (mu * samples);
                        for (int i = 0; i < n; i++) {
                            v[i] += w * u[i];
                        }
                    }
                }
                calls++;
                previous = x.clone();
                fPrevious = fx;
                System.arraycopy(v, 0, grad, 0, n);
                return fx;
            }
        };
    }
}
