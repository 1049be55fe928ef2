package descent.coordinate;

import descent.optim.Iterate;
import descent.optim.Method;
import descent.optim.State;
import descent.optim.Stop;
import descent.tensor.ParamLayout;

/**
 * Cyclic coordinate descent for the elastic net
 * {@code F(x) = |A x - y|^2 / (2 m) + lambda1 |x|_1 + (lambda2 / 2) |x|^2} on a
 * {@link Regression} (Friedman, Hastie and Tibshirani, 2010), with residual updates as
 * scikit-learn's: the residual {@code r = y - A x} is kept up to date, visiting coordinate
 * {@code j} computes {@code rho = a_j'r / m + q_j x_j} ({@code q_j = |a_j|^2 / m}) in
 * {@code O(m)}, its exact minimization is the soft-thresholding
 * {@code x_j <- sign(rho) max(|rho| - lambda1, 0) / (q_j + lambda2)}, and moving {@code x_j} by
 * {@code d} subtracts {@code d a_j} from {@code r}. Each iteration is one sweep over all
 * {@code p} coordinates followed by passes over those it left nonzero (the active set; Friedman,
 * Hastie and Tibshirani, Section 2.6), until none of them moves by more than
 * {@code 1e-14 max_j |x_j|} or they have taken as many visits as one sweep.
 *
 * <p>After each sweep the loss's gradient {@code g = -A'r / m} is formed (the iterate's gradient),
 * and with it the measure, the duality gap {@code F(x) - D(theta)} at the dual point
 * {@code theta = s r / m}, {@code s = min(1, lambda1 / |A'r / m - lambda2 x|_inf)} (the lasso's
 * dual of the problem with the ridge term folded into the data, as scikit-learn computes it). The
 * run stops with {@code STATIONARY} when the gap is at most {@code tolerance |y|^2 / m}, which is
 * scikit-learn's {@code tol} on this scaling, or when a whole sweep moves no coordinate by more
 * than {@code 1e-14 max_j |x_j|}: the solution is then a fixed point to rounding, closer than any
 * gap the floating-point dual value can resolve. The iterate's value is {@code F}.
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
        /** {@code y - A x}, kept by the updates (saved, so a resumed run continues bit for bit). */
        final double[] residual;
        final CoordinateState counts;
        final double[] curvature;
        final double[] x;
        final double[] g;
        final int[] active;
        double yy;

        EnetState(int m, int p) {
            super("elasticNetDescent");
            residual = doubles("residual", m);
            counts = child(new CoordinateState("coordinateDescent", 0));
            curvature = new double[p];
            x = new double[p];
            g = new double[p];
            active = new int[p];
        }
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireUnbounded(name());
        int p = data.columns();
        int m = data.rows();
        start.requireDimension(name(), p, "the matrix " + p + " columns");
        EnetState st = new EnetState(m, p);
        double[] y = data.response();
        st.yy = Regression.dot(y, y);
        for (int j = 0; j < p; j++) {
            st.curvature[j] = data.squaredNorm(j) / m;
        }
        double[] r = data.residual(start.x());
        System.arraycopy(r, 0, st.residual, 0, m);
        // The start's gradient is the loss's, data.objective() evaluated there by the run (not on a resumed run).
        double loss = Regression.dot(st.residual, st.residual) / (2 * m);
        if (start.evaluations() > 0 && !(Math.abs(start.value() - loss) <= 1e-12 * Math.max(loss, 1e-300) + 1e-300)) {
            throw new IllegalArgumentException(name() + ": the run's objective is " + start.value() + " at the start, the data's loss "
                    + loss + "; run it on data.objective()");
        }
        start.moveTo(start.x(), value(start.x(), st), start.gradient());
        return st;
    }

    /** {@code g = -A'r / m} into the state. */
    private void gradient(EnetState st) {
        int m = data.rows();
        for (int j = 0; j < st.g.length; j++) {
            st.g[j] = -data.dot(j, st.residual) / m;
        }
    }

    private double value(double[] x, EnetState st) {
        double l1 = 0;
        double l2 = 0;
        for (double v : x) {
            l1 += Math.abs(v);
            l2 += v * v;
        }
        double[] r = st.residual;
        return Regression.dot(r, r) / (2 * data.rows()) + lambda1 * l1 + 0.5 * lambda2 * l2;
    }

    /**
     * The duality gap at {@code x} with the gradient {@code g = -A'r / m}: with {@code u = r / m},
     * the dual value is {@code D = s u'y - (m / 2) s^2 (|u|^2 + lambda2 |x|^2 / m)}.
     */
    private double gap(double[] x, double[] g, EnetState st) {
        int m = data.rows();
        double l1 = 0;
        double l2 = 0;
        double dual = 0;
        for (int j = 0; j < x.length; j++) {
            double v = x[j];
            l1 += Math.abs(v);
            l2 += v * v;
            dual = Math.max(dual, Math.abs(g[j] + lambda2 * v));
        }
        double[] r = st.residual;
        double rr = Regression.dot(r, r);
        double loss = rr / (2 * m);
        double s = dual > lambda1 ? lambda1 / dual : 1;
        double uy = Regression.dot(r, data.response()) / m;
        double primal = loss + lambda1 * l1 + 0.5 * lambda2 * l2;
        return primal - (s * uy - s * s * (loss + 0.5 * lambda2 * l2));
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        EnetState st = (EnetState) state;
        double[] x = st.x;
        System.arraycopy(it.x(), 0, x, 0, x.length);
        int p = x.length;
        int m = data.rows();
        double gap = gap(x, it.gradient(), st);
        it.measure(gap);
        if (gap <= tolerance * st.yy / m) {
            return Stop.Reason.STATIONARY;
        }
        double largest = 0;
        int active = 0;
        double largestMove = 0;
        for (int j = 0; j < p; j++) {
            largestMove = Math.max(largestMove, update(st, x, j));
            if (x[j] != 0) {
                st.active[active++] = j;
                largest = Math.max(largest, Math.abs(x[j]));
            }
        }
        for (int visits = 0; active > 0 && visits + active <= p; visits += active) {
            double move = 0;
            for (int k = 0; k < active; k++) {
                move = Math.max(move, update(st, x, st.active[k]));
            }
            if (move <= 1e-14 * largest) {
                break;
            }
        }
        gradient(st);
        it.stepLength(1);
        it.moveTo(x, value(x, st), st.g);
        return largestMove <= 1e-14 * largest ? Stop.Reason.STATIONARY : null;
    }

    /** Minimizes over coordinate {@code j} and updates the residual; returns how far {@code x_j} moved. */
    private double update(EnetState st, double[] x, int j) {
        st.counts.counted();
        double q = st.curvature[j];
        double old = x[j];
        if (q == 0) {
            x[j] = 0;
            return 0;
        }
        double rho = data.dot(j, st.residual) / data.rows() + q * old;
        double a = Math.abs(rho) - lambda1;
        double next = a > 0 ? Math.copySign(a / (q + lambda2), rho) : 0;
        if (next == old) {
            return 0;
        }
        data.axpy(j, old - next, st.residual);
        x[j] = next;
        return Math.abs(next - old);
    }
}
