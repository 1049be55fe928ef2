package descent.optim;

import descent.tensor.ParamLayout;

/**
 * BFGS with a dense inverse-Hessian approximation (Nocedal and Wright, Algorithm 6.1), for small
 * problems ({@code n^2} doubles of memory, {@code O(n^2)} work per iteration):
 * {@code d = -H g}, a line search, then
 * {@code H <- (I - rho s y') H (I - rho y s') + rho s s'} with {@code rho = 1 / y's}, skipped when
 * {@code y's <= 1e-10 |s| |y|}. {@code H} starts as the identity and is rescaled to
 * {@code (y's / y'y) I} before the first update (eq. 6.20). The first trial step is
 * {@code min(1, 1 / |g|_1)}, later ones 1. A non-descent direction or a failed line search resets
 * {@code H} and retries along {@code -g}.
 */
final class Bfgs implements Method {
    private final LineSearch lineSearch;

    Bfgs(LineSearch lineSearch) {
        if (lineSearch == null) {
            throw new IllegalArgumentException("bfgs: the line search is null");
        }
        this.lineSearch = lineSearch;
    }

    @Override
    public String name() {
        return "bfgs";
    }

    private static final class BfgsState extends State {
        final double[] h;
        /** Updates made since the last reset, iterations. */
        final long[] counters = longs("counters", 2);
        final double[] d;
        final double[] gNew;
        final double[] s;
        final double[] yv;
        final double[] hy;
        final Ray ray;

        BfgsState(int n, Objective f) {
            super("bfgs");
            h = doubles("inverseHessian", n * n);
            d = new double[n];
            gNew = new double[n];
            s = new double[n];
            yv = new double[n];
            hy = new double[n];
            ray = new Ray(f, n);
            reset(n);
        }

        void reset(int n) {
            java.util.Arrays.fill(h, 0);
            for (int i = 0; i < n; i++) {
                h[i * n + i] = 1;
            }
            counters[0] = 0;
        }

        void direction(double[] g, int n) {
            for (int i = 0; i < n; i++) {
                double a = 0;
                int row = i * n;
                for (int j = 0; j < n; j++) {
                    a += h[row + j] * g[j];
                }
                d[i] = -a;
            }
        }
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireUnbounded("bfgs");
        int n = start.dimension();
        if ((long) n * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("bfgs: a dense " + n + " x " + n + " inverse Hessian is too large; use Methods.lbfgs()");
        }
        return new BfgsState(n, start::valueAndGrad);
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        BfgsState st = (BfgsState) state;
        int n = it.dimension();
        double[] x = it.x();
        double[] g = it.gradient();
        double f = it.value();
        boolean fresh = st.counters[0] == 0;
        st.direction(g, n);
        double gtd = Vec.dot(g, st.d, 0, n);
        if (!(gtd < 0) && !fresh) {
            st.reset(n);
            st.direction(g, n);
            gtd = Vec.dot(g, st.d, 0, n);
            fresh = true;
        }
        if (!(gtd < 0)) {
            return Stop.Reason.NO_PROGRESS;
        }
        double l1 = 0;
        for (int i = 0; i < n; i++) {
            l1 += Math.abs(g[i]);
        }
        double t0 = st.counters[1] == 0 ? Math.min(1, 1 / l1) : 1;
        st.ray.reset(x, f, g, st.d);
        double t = lineSearch.search(st.ray, t0);
        if (t == 0 && !fresh) {
            st.reset(n);
            st.direction(g, n);
            st.ray.reset(x, f, g, st.d);
            t = lineSearch.search(st.ray, Math.min(1, 1 / l1));
        }
        if (t == 0) {
            return Stop.Reason.LINE_SEARCH_FAILED;
        }
        double fNew = st.ray.accept(t, x, st.gNew);
        double sy = 0;
        double ss = 0;
        double yy = 0;
        for (int i = 0; i < n; i++) {
            st.s[i] = t * st.d[i];
            st.yv[i] = st.gNew[i] - g[i];
            sy += st.s[i] * st.yv[i];
            ss += st.s[i] * st.s[i];
            yy += st.yv[i] * st.yv[i];
        }
        if (sy > 1e-10 * Math.sqrt(ss * yy)) {
            update(st, n, sy, yy);
        }
        st.counters[1]++;
        it.moveTo(x, fNew, st.gNew);
        it.stepLength(t);
        return null;
    }

    /** {@code H <- H - rho (s (Hy)' + (Hy) s') + (rho^2 y'Hy + rho) s s'}, the expanded BFGS update. */
    private static void update(BfgsState st, int n, double sy, double yy) {
        double[] h = st.h;
        if (st.counters[0] == 0) {
            double scale = sy / yy;
            for (int i = 0; i < n; i++) {
                h[i * n + i] = scale;
            }
        }
        double rho = 1 / sy;
        double yhy = 0;
        for (int i = 0; i < n; i++) {
            double a = 0;
            int row = i * n;
            for (int j = 0; j < n; j++) {
                a += h[row + j] * st.yv[j];
            }
            st.hy[i] = a;
            yhy += st.yv[i] * a;
        }
        double c = rho * rho * yhy + rho;
        for (int i = 0; i < n; i++) {
            double si = st.s[i];
            double hyi = st.hy[i];
            int row = i * n;
            for (int j = 0; j < n; j++) {
                h[row + j] += -rho * (si * st.hy[j] + hyi * st.s[j]) + c * si * st.s[j];
            }
        }
        st.counters[0]++;
    }

    @Override
    public String toString() {
        return "bfgs(" + lineSearch + ")";
    }
}
