package descent.constrained;

/** {@code lambda1 |x|_1 + (lambda2 / 2) |x|^2} and its prox, soft thresholding then shrinking. */
final class ElasticNet implements Penalty {
    private final double l1;
    private final double l2;

    ElasticNet(double l1, double l2) {
        this.l1 = l1;
        this.l2 = l2;
    }

    double lambda1() {
        return l1;
    }

    double lambda2() {
        return l2;
    }

    @Override
    public String name() {
        return l2 == 0 ? "l1(" + l1 + ")" : "elasticNet(" + l1 + ", " + l2 + ")";
    }

    @Override
    public double value(double[] x) {
        double a = 0;
        double b = 0;
        for (double v : x) {
            a += Math.abs(v);
            b += v * v;
        }
        return l1 * a + 0.5 * l2 * b;
    }

    @Override
    public void prox(double[] v, double t) {
        double k = t * l1;
        double s = 1 / (1 + t * l2);
        for (int i = 0; i < v.length; i++) {
            double a = Math.abs(v[i]) - k;
            v[i] = a > 0 ? Math.copySign(a * s, v[i]) : 0;
        }
    }
}
