package descent.constrained;

import descent.coordinate.Regression;
import descent.optim.Iterate;
import descent.optim.Method;
import descent.optim.State;
import descent.optim.Stop;
import descent.tensor.ParamLayout;

import java.util.Arrays;

/**
 * FISTA for the elastic net on least squares,
 * {@code P(x) = |y - A x|^2 / (2 m) + lambda1 |x|_1 + (lambda2 / 2) |x|^2} on a {@link Regression},
 * with gap-safe screening and a working set (after Fercoq, Gramfort and Salmon, 2015, and Massias,
 * Gramfort and Salmon, 2018). Each iteration of the run is one outer iteration:
 * <ol>
 * <li>With the residual {@code r = y - A x} and the correlations {@code c = A'r / m} (the loss's
 * gradient is {@code -c}), the dual point {@code theta = s r / m}, {@code s = min(1, lambda1 /
 * max_j |c_j - lambda2 x_j|)}, is feasible and the duality gap
 * {@code gap = P(x) - D(theta)}, {@code D(theta) = s r'y / m - s^2 (|r|^2 / (2 m) + lambda2 |x|^2 / 2)},
 * bounds {@code P(x) - P*}; it is the history's measure, and the run stops with
 * {@code STATIONARY} when it is at most {@code tolerance |y|^2 / m} (scikit-learn's {@code tol}).</li>
 * <li>Gap-safe screening: the dual optimum lies within {@code sqrt(2 gap)} of {@code theta} in the
 * metric of the ridge-augmented problem, so feature {@code j} is zero at the optimum if
 * {@code s |c_j - lambda2 x_j| + sqrt(2 gap (|a_j|^2 / m + lambda2)) < lambda1}; such a feature is
 * set to zero and never considered again.</li>
 * <li>The working set {@code W}: the nonzeros of {@code x} and the unscreened features closest to
 * violating their dual constraint, ranked by {@code (lambda1 - |c_j - lambda2 x_j|) / sqrt(|a_j|^2 / m + lambda2)};
 * its size is {@code max(10, 2 |supp x|)}, doubled whenever an outer iteration failed to halve the gap.</li>
 * <li>The subproblem restricted to {@code W} is solved by FISTA (gradient-based restart, O'Donoghue
 * and Candès, 2015) on the {@code k x k} Gram matrix {@code A_W'A_W / m} (entries kept from one
 * outer iteration to the next), with the step {@code 1 / L_W} from power iteration on that matrix,
 * until its own duality gap, evaluated from the Gram matrix in {@code O(k^2)} every ten
 * iterations, is at most {@code max(1e-3 gap, 0.3 tolerance |y|^2 / m, 1e-13 |y|^2 / m)} (or for
 * 20000 iterations).</li>
 * </ol>
 * An outer iteration costs one product {@code A'r} over all features (the iterate's gradient, so
 * the history's gradient norm is the loss's), updates of the residual along the columns that moved,
 * and the Gram entries of features new to the working set. The run also stops with
 * {@code STATIONARY} when an outer iteration leaves {@code x} unchanged (a fixed point to rounding).
 * The iterate's value is {@code P}.
 */
final class WorkingSetFista implements Method {
    private static final int FIRST_SIZE = 10;
    private static final double INNER_RATIO = 1e-3;
    private static final int INNER_STEPS = 20_000;

    private final Regression data;
    private final double lambda1;
    private final double lambda2;
    private final double tolerance;

    WorkingSetFista(Regression data, double lambda1, double lambda2, double tolerance) {
        String who = "fista(Regression)";
        if (data == null) {
            throw new IllegalArgumentException(who + ": the regression data are null");
        }
        if (!(lambda1 > 0) || !Double.isFinite(lambda1)) {
            throw new IllegalArgumentException(who + ": lambda1 must be finite and > 0, got " + lambda1);
        }
        if (!(lambda2 >= 0) || !Double.isFinite(lambda2)) {
            throw new IllegalArgumentException(who + ": lambda2 must be finite and >= 0, got " + lambda2);
        }
        this.data = data;
        this.lambda1 = lambda1;
        this.lambda2 = lambda2;
        this.tolerance = Arg.nonNegative(who, "tolerance", tolerance);
    }

    @Override
    public String name() {
        return "fista(" + (lambda2 == 0 ? "l1(" + lambda1 + ")" : "elasticNet(" + lambda1 + ", " + lambda2 + ")") + ", working set)";
    }

    static final class WsState extends State {
        /** {@code y - A x}, kept by the updates. */
        final double[] residual;
        /** 1 for a feature screened out (zero at the optimum), else 0. */
        final double[] screened;
        /** The working set's size and the gap at the start of the last outer iteration. */
        final double[] scalars = doubles("scalars", 2);
        final double[] y;
        final double[] curvature;
        final double[] correlation;
        final double[] responseCorrelation;
        final double[] key;
        final double[] column;
        final int[] position;
        int[] set = new int[0];
        double[] gram = new double[0];
        double yy;

        WsState(int m, int p) {
            super("workingSetFista");
            residual = doubles("residual", m);
            screened = doubles("screened", p);
            y = new double[m];
            curvature = new double[p];
            correlation = new double[p];
            responseCorrelation = new double[p];
            key = new double[p];
            column = new double[m];
            position = new int[p];
        }
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireUnbounded(name());
        int p = data.columns();
        int m = data.rows();
        start.requireDimension(name(), p, "the matrix " + p + " columns");
        WsState st = new WsState(m, p);
        double[] y = data.residual(new double[p]);
        System.arraycopy(y, 0, st.y, 0, m);
        st.yy = dot(y, y);
        for (int j = 0; j < p; j++) {
            st.curvature[j] = data.squaredNorm(j) / m;
        }
        Arrays.fill(st.responseCorrelation, Double.NaN);
        Arrays.fill(st.position, -1);
        System.arraycopy(data.residual(start.x()), 0, st.residual, 0, m);
        double loss = dot(st.residual, st.residual) / (2 * m);
        if (start.evaluations() > 0 && !(Math.abs(start.value() - loss) <= 1e-12 * Math.max(loss, 1e-300) + 1e-300)) {
            throw new IllegalArgumentException(name() + ": the run's objective is " + start.value() + " at the start, the data's loss "
                    + loss + "; run it on data.objective()");
        }
        st.scalars[0] = FIRST_SIZE;
        st.scalars[1] = Double.POSITIVE_INFINITY;
        start.moveTo(start.x(), primal(start.x(), st.residual), start.gradient());
        return st;
    }

    private double primal(double[] x, double[] r) {
        double l1 = 0;
        double l2 = 0;
        for (double v : x) {
            l1 += Math.abs(v);
            l2 += v * v;
        }
        return dot(r, r) / (2 * data.rows()) + lambda1 * l1 + 0.5 * lambda2 * l2;
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        WsState st = (WsState) state;
        int m = data.rows();
        int p = data.columns();
        double[] x = it.x().clone();
        double[] g = it.gradient();
        double[] c = st.correlation;
        double[] r = st.residual;
        double dual = 0;
        double l1 = 0;
        double l2 = 0;
        for (int j = 0; j < p; j++) {
            c[j] = -g[j];
            dual = Math.max(dual, Math.abs(c[j] - lambda2 * x[j]));
            l1 += Math.abs(x[j]);
            l2 += x[j] * x[j];
        }
        double s = dual > lambda1 ? lambda1 / dual : 1;
        double rr = dot(r, r);
        double loss = rr / (2 * m);
        double primal = loss + lambda1 * l1 + 0.5 * lambda2 * l2;
        double gap = Math.max(0, primal - (s * dot(r, st.y) / m - s * s * (loss + 0.5 * lambda2 * l2)));
        it.measure(gap);
        double scale = st.yy / m;
        if (gap <= tolerance * scale) {
            return Stop.Reason.STATIONARY;
        }

        double radius = Math.sqrt(2 * gap);
        int support = 0;
        int candidates = 0;
        for (int j = 0; j < p; j++) {
            if (st.screened[j] != 0) {
                continue;
            }
            double violation = Math.abs(c[j] - lambda2 * x[j]);
            double norm = Math.sqrt(st.curvature[j] + lambda2);
            if (s * violation + radius * norm < lambda1) {
                st.screened[j] = 1;
                if (x[j] != 0) {
                    data.axpy(j, x[j], r);
                    x[j] = 0;
                }
                continue;
            }
            candidates++;
            if (x[j] != 0) {
                support++;
            }
        }
        int size = Math.max(FIRST_SIZE, 2 * support);
        if (gap > 0.5 * st.scalars[1]) {
            size = Math.max(size, 2 * (int) st.scalars[0]);
        }
        size = Math.min(size, candidates);
        st.scalars[0] = size;
        st.scalars[1] = gap;
        if (size == 0) {
            // Every feature is screened out: the optimum is x = 0, which screening has just set.
            boolean changed = !Arrays.equals(x, it.x());
            it.moveTo(x, primal(x, r), gradient(r, g));
            return changed ? null : Stop.Reason.STATIONARY;
        }
        int[] set = select(st, x, size);
        double[] gram = gram(st, set);
        int k = set.length;
        double[] b = new double[k];
        double[] xw = new double[k];
        for (int a = 0; a < k; a++) {
            int j = set[a];
            if (Double.isNaN(st.responseCorrelation[j])) {
                st.responseCorrelation[j] = data.dot(j, st.y) / m;
            }
            b[a] = st.responseCorrelation[j];
            xw[a] = x[j];
        }
        double lipschitz = largestEigenvalue(gram, k) + lambda2;
        double inner = Math.max(INNER_RATIO * gap, Math.max(0.3 * tolerance * scale, 1e-13 * scale));
        solve(gram, b, xw, 1 / lipschitz, inner, scale);

        for (int a = 0; a < k; a++) {
            int j = set[a];
            double d = xw[a] - x[j];
            if (d != 0) {
                data.axpy(j, -d, r);
                x[j] = xw[a];
            }
        }
        boolean changed = !Arrays.equals(x, it.x());
        it.stepLength(1 / lipschitz);
        it.moveTo(x, primal(x, r), gradient(r, g));
        return changed ? null : Stop.Reason.STATIONARY;
    }

    /** The loss's gradient {@code -A'r / m} into {@code g}, which is returned. */
    private double[] gradient(double[] r, double[] g) {
        int m = data.rows();
        for (int j = 0; j < g.length; j++) {
            g[j] = -data.dot(j, r) / m;
        }
        return g;
    }

    /** The working set: the nonzeros of {@code x}, then the unscreened features of smallest priority key, in increasing order. */
    private int[] select(WsState st, double[] x, int size) {
        int p = x.length;
        double[] key = st.key;
        int n = 0;
        for (int j = 0; j < p; j++) {
            if (st.screened[j] != 0) {
                continue;
            }
            key[n++] = x[j] != 0 ? Double.NEGATIVE_INFINITY
                    : (lambda1 - Math.abs(st.correlation[j] - lambda2 * x[j])) / Math.sqrt(st.curvature[j] + lambda2);
        }
        double[] sorted = Arrays.copyOf(key, n);
        Arrays.sort(sorted);
        double threshold = sorted[size - 1];
        int below = 0;
        for (int a = 0; a < n; a++) {
            if (key[a] < threshold) {
                below++;
            }
        }
        int ties = size - below;
        int[] set = new int[size];
        int k = 0;
        int a = 0;
        for (int j = 0; j < p && k < size; j++) {
            if (st.screened[j] != 0) {
                continue;
            }
            double v = key[a++];
            if (v < threshold || (v == threshold && ties-- > 0)) {
                set[k++] = j;
            }
        }
        return set;
    }

    /** {@code A_W'A_W / m}, row-major, reusing the entries of the previous working set. */
    private double[] gram(WsState st, int[] set) {
        int k = set.length;
        int m = data.rows();
        double[] next = new double[k * k];
        for (int a = 0; a < k; a++) {
            int pa = st.position[set[a]];
            boolean columnReady = false;
            for (int c = 0; c <= a; c++) {
                int pc = st.position[set[c]];
                double v;
                if (pa >= 0 && pc >= 0) {
                    v = st.gram[pa * st.set.length + pc];
                } else {
                    if (!columnReady) {
                        Arrays.fill(st.column, 0);
                        data.axpy(set[a], 1, st.column);
                        columnReady = true;
                    }
                    v = data.dot(set[c], st.column) / m;
                }
                next[a * k + c] = v;
                next[c * k + a] = v;
            }
        }
        for (int j : st.set) {
            st.position[j] = -1;
        }
        for (int a = 0; a < k; a++) {
            st.position[set[a]] = a;
        }
        st.set = set;
        st.gram = next;
        return next;
    }

    /** The largest eigenvalue of the symmetric positive semidefinite {@code k x k} matrix {@code q}, by power iteration, rounded up by 1%. */
    private static double largestEigenvalue(double[] q, int k) {
        double[] v = new double[k];
        double[] w = new double[k];
        for (int a = 0; a < k; a++) {
            v[a] = 1 + (double) a / k;
        }
        double norm = Math.sqrt(dot(v, v));
        for (int a = 0; a < k; a++) {
            v[a] /= norm;
        }
        double estimate = 0;
        for (int iter = 0; iter < 500; iter++) {
            multiply(q, v, w, k);
            double next = Math.sqrt(dot(w, w));
            if (next == 0) {
                return 0x1p-1022;
            }
            for (int a = 0; a < k; a++) {
                v[a] = w[a] / next;
            }
            boolean settled = next - estimate <= 1e-6 * next;
            estimate = next;
            if (settled) {
                break;
            }
        }
        return 1.01 * estimate;
    }

    /**
     * FISTA on {@code x'Q x / 2 - b'x + lambda1 |x|_1 + (lambda2 / 2) |x|^2} with the step
     * {@code t}, from {@code x} (overwritten), until the restricted duality gap is at most
     * {@code target} or for at most {@code INNER_STEPS} iterations.
     */
    private void solve(double[] q, double[] b, double[] x, double t, double target, double scale) {
        int k = x.length;
        double[] previous = x.clone();
        double[] y = x.clone();
        double[] qy = new double[k];
        double[] z = new double[k];
        double theta = 1;
        double threshold = t * lambda1;
        double shrink = 1 / (1 + t * lambda2);
        for (int iter = 0; iter < INNER_STEPS; iter++) {
            if (iter % 10 == 0 && restrictedGap(q, b, x, qy, scale) <= target) {
                return;
            }
            multiply(q, y, qy, k);
            double restart = 0;
            for (int a = 0; a < k; a++) {
                double v = y[a] - t * (qy[a] - b[a]);
                double u = Math.abs(v) - threshold;
                double next = u > 0 ? Math.copySign(u * shrink, v) : 0;
                z[a] = next;
                restart += (y[a] - next) * (next - x[a]);
            }
            System.arraycopy(x, 0, previous, 0, k);
            System.arraycopy(z, 0, x, 0, k);
            if (restart > 0) {
                theta = 1;
                System.arraycopy(x, 0, y, 0, k);
                continue;
            }
            double thetaNext = (1 + Math.sqrt(1 + 4 * theta * theta)) / 2;
            double beta = (theta - 1) / thetaNext;
            theta = thetaNext;
            for (int a = 0; a < k; a++) {
                y[a] = x[a] + beta * (x[a] - previous[a]);
            }
        }
    }

    /**
     * The duality gap of the restricted problem from the Gram matrix alone: with {@code u = Q x},
     * {@code |r|^2 / m = |y|^2 / m - 2 b'x + x'u}, {@code c = b - u} and
     * {@code |y - s r|^2 / m = (1 - s)^2 |y|^2 / m + 2 s (1 - s) b'x + s^2 x'u}.
     */
    private double restrictedGap(double[] q, double[] b, double[] x, double[] work, double scale) {
        int k = x.length;
        multiply(q, x, work, k);
        double xqx = 0;
        double bx = 0;
        double l1 = 0;
        double l2 = 0;
        double dual = 0;
        for (int a = 0; a < k; a++) {
            xqx += x[a] * work[a];
            bx += b[a] * x[a];
            l1 += Math.abs(x[a]);
            l2 += x[a] * x[a];
            dual = Math.max(dual, Math.abs(b[a] - work[a] - lambda2 * x[a]));
        }
        double s = dual > lambda1 ? lambda1 / dual : 1;
        double primal = 0.5 * (scale - 2 * bx + xqx) + lambda1 * l1 + 0.5 * lambda2 * l2;
        double far = (1 - s) * (1 - s) * scale + 2 * s * (1 - s) * bx + s * s * xqx;
        return primal - 0.5 * (scale - far - s * s * lambda2 * l2);
    }

    /** {@code out = Q v} for the row-major {@code k x k} matrix {@code Q}, with four partial sums per row so the multiply-adds do not wait on each other. */
    private static void multiply(double[] q, double[] v, double[] out, int k) {
        for (int a = 0; a < k; a++) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int row = a * k;
            int c = 0;
            for (; c + 3 < k; c += 4) {
                s0 = Math.fma(q[row + c], v[c], s0);
                s1 = Math.fma(q[row + c + 1], v[c + 1], s1);
                s2 = Math.fma(q[row + c + 2], v[c + 2], s2);
                s3 = Math.fma(q[row + c + 3], v[c + 3], s3);
            }
            for (; c < k; c++) {
                s0 = Math.fma(q[row + c], v[c], s0);
            }
            out[a] = (s0 + s1) + (s2 + s3);
        }
    }

    private static double dot(double[] v, double[] w) {
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            sum = Math.fma(v[i], w[i], sum);
        }
        return sum;
    }
}
