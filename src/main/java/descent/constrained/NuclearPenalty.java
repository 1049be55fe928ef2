package descent.constrained;

/**
 * The nuclear norm {@code lambda sum_i s_i(X)} of a row-major {@code m x n} matrix; its prox
 * soft-thresholds the singular values, {@code s -> max(s - t lambda, 0)} (singular value
 * thresholding, Cai, Candès and Shen, 2010).
 */
final class NuclearPenalty implements Penalty {
    private final int m;
    private final int n;
    private final double lambda;

    NuclearPenalty(int m, int n, double lambda) {
        if (m < 1 || n < 1) {
            throw new IllegalArgumentException("Penalties.nuclearNorm: the matrix shape must be positive, got " + m + " x " + n);
        }
        this.m = m;
        this.n = n;
        this.lambda = Arg.nonNegative("Penalties.nuclearNorm", "lambda", lambda);
    }

    @Override
    public String name() {
        return "nuclearNorm(" + m + " x " + n + ", " + lambda + ")";
    }

    private void check(int length) {
        if (length != m * n) {
            throw new IllegalArgumentException(name() + ": a vector of " + length + " elements for an " + m + " x " + n + " matrix");
        }
    }

    @Override
    public double value(double[] x) {
        check(x.length);
        double sum = 0;
        for (double s : NuclearNorm.singularValues(x, 0, m, n, new double[n * n])) {
            sum += s;
        }
        return lambda * sum;
    }

    @Override
    public void prox(double[] v, double t) {
        check(v.length);
        double[] vecs = new double[n * n];
        double[] s = NuclearNorm.singularValues(v, 0, m, n, vecs);
        double[] shrunk = new double[n];
        for (int i = 0; i < n; i++) {
            shrunk[i] = Math.max(s[i] - t * lambda, 0);
        }
        NuclearNorm.apply(v, 0, m, n, vecs, NuclearNorm.ratios(s, shrunk));
    }
}
