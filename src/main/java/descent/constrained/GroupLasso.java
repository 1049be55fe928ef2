package descent.constrained;

/** {@code lambda sum_g |x_g|_2} over consecutive groups, and its prox, blockwise shrinkage. */
final class GroupLasso implements Penalty {
    private final double lambda;
    private final int[] sizes;
    private final int total;

    GroupLasso(double lambda, int[] sizes) {
        this.lambda = lambda;
        this.sizes = sizes;
        int t = 0;
        for (int s : sizes) {
            t += s;
        }
        this.total = t;
    }

    @Override
    public String name() {
        return "groupLasso(" + lambda + ", " + sizes.length + " groups)";
    }

    private void check(int n) {
        if (n != total) {
            throw new IllegalArgumentException(name() + ": a vector of " + n + " elements, the groups cover " + total);
        }
    }

    @Override
    public double value(double[] x) {
        check(x.length);
        double sum = 0;
        int at = 0;
        for (int s : sizes) {
            double q = 0;
            for (int i = at; i < at + s; i++) {
                q += x[i] * x[i];
            }
            sum += Math.sqrt(q);
            at += s;
        }
        return lambda * sum;
    }

    @Override
    public void prox(double[] v, double t) {
        check(v.length);
        int at = 0;
        for (int s : sizes) {
            double q = 0;
            for (int i = at; i < at + s; i++) {
                q += v[i] * v[i];
            }
            double norm = Math.sqrt(q);
            double k = norm > t * lambda ? 1 - t * lambda / norm : 0;
            for (int i = at; i < at + s; i++) {
                v[i] *= k;
            }
            at += s;
        }
    }
}
