package descent.coordinate;

import descent.optim.Iterate;
import descent.optim.Method;
import descent.optim.State;
import descent.optim.Stop;
import descent.tensor.ParamLayout;

/**
 * Cyclic coordinate descent for the elastic net
 * {@code F(x) = |A x - y|^2 / (2 m) + lambda1 |x|_1 + (lambda2 / 2) |x|^2} on a
 * {@link Regression} (Friedman, Hastie and Tibshirani, 2010), with covariance updates: the
 * gradient {@code g = A'(A x - y) / m} of the loss is kept up to date, so visiting coordinate
 * {@code j} costs {@code O(1)}, its exact minimization is the soft-thresholding
 * {@code x_j <- S(Q_jj x_j - g_j, lambda1) / (Q_jj + lambda2)} with {@code Q = A'A / m}, and moving
 * {@code x_j} by {@code d} adds {@code d Q[:, j]} to {@code g} in {@code O(p)}. A column of
 * {@code Q} is formed ({@code O(m p)}) the first time its coordinate becomes nonzero, so a sparse
 * solution needs only the columns of its support.
 *
 * <p>The measure is the duality gap {@code F(x) - D(theta)} at the dual point
 * {@code theta = s (y - A x) / m} scaled into the dual's domain,
 * {@code s = min(1, lambda1 / |A'(y - A x) / m - lambda2 x|_inf)} (the lasso's dual of the
 * problem with the ridge term folded into the data, as scikit-learn computes it), found from
 * {@code g} and inner products in {@code O(p)}; the run stops with {@code STATIONARY} when the gap
 * is at most {@code tolerance |y|^2 / m}, which is scikit-learn's {@code tol} on this scaling, or
 * when a whole sweep moves no coordinate by more than {@code 1e-14 max_j |x_j|}: the solution is
 * then a fixed point to rounding, closer than any gap the floating-point dual value can resolve. One {@code Minimize} iteration is one sweep over the
 * {@code p} coordinates; the iterate's value is {@code F} and its gradient {@code g}, the loss's.
 */
final class ElasticNetDescent implements Method {
    private final Regression data;
    private final double lambda1;
    private final double lambda2;
    private final double tolerance;

    ElasticNetDescent(Regression data, double lambda1, double lambda2, double tolerance) {
        String who = lambda2 == 0 ? "lasso" : "elasticNet";
        if (data == null) {
            throw new IllegalArgumentException(who + ": the regression data are null");
        }
        if (!(lambda1 > 0) || !Double.isFinite(lambda1)) {
            throw new IllegalArgumentException(who + ": lambda1 must be finite and > 0, got " + lambda1);
        }
        if (!(lambda2 >= 0) || !Double.isFinite(lambda2)) {
            throw new IllegalArgumentException(who + ": lambda2 must be finite and >= 0, got " + lambda2);
        }
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException(who + ": tolerance must be finite and >= 0, got " + tolerance);
        }
        this.data = data;
        this.lambda1 = lambda1;
        this.lambda2 = lambda2;
        this.tolerance = tolerance;
    }

    @Override
    public String name() {
        return lambda2 == 0 ? "lasso(" + lambda1 + ")" : "elasticNet(" + lambda1 + ", " + lambda2 + ")";
    }

    private static final class EnetState extends State {
        /** The loss's gradient at the iterate, kept by the updates (saved, so a resumed run continues bit for bit). */
        final double[] gradient;
        final CoordinateState counts;
        final double[] b;
        final double[] curvature;
        final double[][] columns;
        final double[] x;
        double yy;

        EnetState(int p) {
            super("elasticNetDescent");
            gradient = doubles("gradient", p);
            counts = child(new CoordinateState("coordinateDescent", 0));
            b = new double[p];
            curvature = new double[p];
            columns = new double[p][];
            x = new double[p];
        }
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireUnbounded(name());
        int p = data.columns();
        if (start.dimension() != p) {
            throw new IllegalArgumentException(name() + ": the start has " + start.dimension() + " elements, the matrix " + p + " columns");
        }
        EnetState st = new EnetState(p);
        st.yy = data.moments(st.b, st.curvature);
        double[] x = start.x();
        double[] g = st.gradient;
        for (int j = 0; j < p; j++) {
            g[j] = -st.b[j];
        }
        for (int j = 0; j < p; j++) {
            if (x[j] != 0) {
                double[] col = column(st, j);
                double xj = x[j];
                for (int k = 0; k < p; k++) {
                    g[k] += xj * col[k];
                }
            }
        }
        start.moveTo(x, value(x, g, st), g);
        return st;
    }

    private double[] column(EnetState st, int j) {
        double[] col = st.columns[j];
        if (col == null) {
            col = new double[data.columns()];
            data.gramColumn(j, col);
            st.columns[j] = col;
        }
        return col;
    }

    /** The loss {@code (x'g - x'b) / 2 + |y|^2 / (2 m)} (from {@code x'Qx = x'(g + b)}). */
    private double loss(double[] x, double[] g, EnetState st) {
        double xg = 0;
        double xb = 0;
        for (int j = 0; j < x.length; j++) {
            xg += x[j] * g[j];
            xb += x[j] * st.b[j];
        }
        return 0.5 * (xg - xb) + st.yy / (2 * data.rows());
    }

    private double value(double[] x, double[] g, EnetState st) {
        double l1 = 0;
        double l2 = 0;
        for (double v : x) {
            l1 += Math.abs(v);
            l2 += v * v;
        }
        return loss(x, g, st) + lambda1 * l1 + 0.5 * lambda2 * l2;
    }

    /**
     * The duality gap at {@code x}: with {@code u = (y - A x) / m}, {@code |u|^2 = 2 loss / m},
     * {@code u'y = |y|^2 / m - b'x} and {@code A'u = -g}, the dual value is
     * {@code D = s u'y - s^2 (loss + lambda2 |x|^2 / 2)}.
     */
    private double gap(double[] x, double[] g, EnetState st) {
        double l1 = 0;
        double l2 = 0;
        double xb = 0;
        double dual = 0;
        for (int j = 0; j < x.length; j++) {
            double v = x[j];
            l1 += Math.abs(v);
            l2 += v * v;
            xb += v * st.b[j];
            dual = Math.max(dual, Math.abs(g[j] + lambda2 * v));
        }
        double loss = loss(x, g, st);
        double s = dual > lambda1 ? lambda1 / dual : 1;
        double uy = st.yy / data.rows() - xb;
        double primal = loss + lambda1 * l1 + 0.5 * lambda2 * l2;
        return primal - (s * uy - s * s * (loss + 0.5 * lambda2 * l2));
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        EnetState st = (EnetState) state;
        double[] x = st.x;
        System.arraycopy(it.x(), 0, x, 0, x.length);
        double[] g = st.gradient;
        int p = x.length;
        double gap = gap(x, g, st);
        it.measure(gap);
        if (gap <= tolerance * st.yy / data.rows()) {
            return Stop.Reason.STATIONARY;
        }
        double largestMove = 0;
        double largest = 0;
        for (int j = 0; j < p; j++) {
            st.counts.counted();
            double q = st.curvature[j];
            double old = x[j];
            double z = q * old - g[j];
            double a = Math.abs(z) - lambda1;
            double next = a > 0 ? Math.copySign(a / (q + lambda2), z) : 0;
            if (next != old) {
                double d = next - old;
                double[] col = column(st, j);
                for (int k = 0; k < p; k++) {
                    g[k] += d * col[k];
                }
                x[j] = next;
                largestMove = Math.max(largestMove, Math.abs(d));
            }
            largest = Math.max(largest, Math.abs(next));
        }
        it.stepLength(1);
        it.moveTo(x, value(x, g, st), g);
        return largestMove <= 1e-14 * largest ? Stop.Reason.STATIONARY : null;
    }
}
