package descent.ad;

import descent.tensor.Tensor;

import java.util.Arrays;

/**
 * Gradient checking by central finite differences, for testing your own functions and custom
 * primitives. Each partial derivative df/dx_j from reverse mode is compared with
 * (f(x + h e_j) - f(x - h e_j)) / 2h, h = 6e-6 max(1, |x_j|); the error of an entry is
 * |analytic - numeric| / max(1, |analytic|, |numeric|), so it is relative for large derivatives and
 * absolute for small ones. The report names the worst entry.
 *
 * <pre>{@code
 * Check.gradient(Func.of(x -> x.tanh().square().sum()), Tensor.of(0.3, -1.2)).assertWithin(1e-6);
 * }</pre>
 */
public final class Check {
    private static final double STEP = 6e-6;

    private Check() {
    }

    /**
     * The outcome of a gradient check.
     *
     * @param maxError   the largest entry error
     * @param argument   which argument holds the worst entry
     * @param index      the worst entry's multi-index within that argument
     * @param analytic   the reverse-mode derivative there
     * @param numeric    the finite-difference derivative there
     * @param entries    how many partial derivatives were compared
     */
    public record Report(double maxError, int argument, int[] index, double analytic, double numeric, int entries) {
        /** True if every entry's error is at most {@code tolerance}. */
        public boolean passes(double tolerance) {
            return maxError <= tolerance;
        }

        /** Throws an {@link AssertionError} carrying this report unless it passes. */
        public Report assertWithin(double tolerance) {
            if (!passes(tolerance)) {
                throw new AssertionError("gradient check failed (tolerance " + tolerance + "): " + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "max error %.3g over %d entries; worst at argument %d index %s: reverse mode %.17g, finite differences %.17g",
                    maxError, entries, argument, Arrays.toString(index), analytic, numeric);
        }
    }

    /** Checks the gradient of a scalar function of one argument at {@code x}. */
    public static Report gradient(Fn f, Tensor x) {
        return gradient(Func.of(f), x);
    }

    /** Checks the gradient of a scalar-valued function with respect to every argument at {@code args}. */
    public static Report gradient(Func f, Tensor... args) {
        int[] all = new int[f.arity()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Tensor[] grads = AD.grad(f, all).callAll(args);
        double worst = -1;
        int worstArg = 0;
        int worstFlat = 0;
        double worstA = 0;
        double worstN = 0;
        int entries = 0;
        for (int i = 0; i < args.length; i++) {
            double[] x = args[i].toArray();
            double[] g = grads[i].toArray();
            for (int j = 0; j < x.length; j++) {
                double numeric = difference(f, args, i, x, j);
                double err = Math.abs(g[j] - numeric) / Math.max(1, Math.max(Math.abs(g[j]), Math.abs(numeric)));
                if (Double.isNaN(err)) {
                    err = Double.POSITIVE_INFINITY;
                }
                entries++;
                if (err > worst) {
                    worst = err;
                    worstArg = i;
                    worstFlat = j;
                    worstA = g[j];
                    worstN = numeric;
                }
            }
        }
        int[] index = entries == 0 ? new int[0] : unravel(worstFlat, args[worstArg].shape().dims());
        return new Report(Math.max(worst, 0), worstArg, index, worstA, worstN, entries);
    }

    private static double difference(Func f, Tensor[] args, int i, double[] x, int j) {
        double xj = x[j];
        double h = STEP * Math.max(1, Math.abs(xj));
        Tensor[] a = args.clone();
        x[j] = xj + h;
        double up = x[j];
        a[i] = Tensor.wrap(x.clone(), args[i].shape());
        double fp = f.call(a).item();
        x[j] = xj - h;
        double down = x[j];
        a[i] = Tensor.wrap(x.clone(), args[i].shape());
        double fm = f.call(a).item();
        x[j] = xj;
        return (fp - fm) / (up - down);
    }

    private static int[] unravel(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int a = dims.length - 1; a >= 0; a--) {
            idx[a] = flat % dims[a];
            flat /= dims[a];
        }
        return idx;
    }
}
