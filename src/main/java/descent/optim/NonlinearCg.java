package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Nonlinear conjugate gradients (Nocedal and Wright, section 5.2): {@code d_k = -g_k + beta_k d_{k-1}}
 * with {@code y = g_k - g_{k-1}} and
 * <ul>
 * <li>Fletcher–Reeves: {@code beta = |g_k|^2 / |g_{k-1}|^2};</li>
 * <li>Polak–Ribière+: {@code beta = max(0, g_k'y / |g_{k-1}|^2)};</li>
 * <li>Hestenes–Stiefel: {@code beta = g_k'y / d_{k-1}'y};</li>
 * <li>Dai–Yuan: {@code beta = |g_k|^2 / d_{k-1}'y};</li>
 * </ul>
 * restarted along {@code -g} every {@code restart} iterations, when successive gradients are far
 * from orthogonal ({@code |g_k'g_{k-1}| >= 0.1 |g_k|^2}, Powell's test), and whenever {@code d_k}
 * is not a descent direction. The first trial step is {@code min(1, 1 / |g|_1)}, later ones
 * {@code t_{k-1} g_{k-1}'d_{k-1} / g_k'd_k} (eq. 3.60). A failed line search restarts along
 * {@code -g}; a failure there stops the run with {@link Stop.Reason#LINE_SEARCH_FAILED}.
 */
final class NonlinearCg implements Method {
    /** The choice of {@code beta}. */
    enum Beta {
        FLETCHER_REEVES, POLAK_RIBIERE_PLUS, HESTENES_STIEFEL, DAI_YUAN
    }

    private final Beta beta;
    private final LineSearch lineSearch;
    private final int restart;

    NonlinearCg(Beta beta, LineSearch lineSearch, int restart) {
        if (beta == null || lineSearch == null) {
            throw new IllegalArgumentException("conjugateGradient: needs a beta formula and a line search");
        }
        this.beta = beta;
        this.lineSearch = lineSearch;
        this.restart = restart;
    }

    @Override
    public String name() {
        return "conjugateGradient(" + beta + ")";
    }

    private static final class CgState extends State {
        final double[] d;
        final double[] gOld;
        /** The last step and its slope {@code g'd}. */
        final double[] last = doubles("last", 2);
        /** Iterations, iterations since the last restart. */
        final long[] counters = longs("counters", 2);
        final double[] gNew;
        final Ray ray;

        CgState(int n, Objective f) {
            super("conjugateGradient");
            d = doubles("direction", n);
            gOld = doubles("previousGradient", n);
            gNew = new double[n];
            ray = new Ray(f, n);
        }
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireUnbounded(name());
        return new CgState(start.dimension(), start::valueAndGrad);
    }

    private double beta(CgState st, double[] g, int n) {
        double gg = Vec.dot(g, g, 0, n);
        double gOldSq = Vec.dot(st.gOld, st.gOld, 0, n);
        double gy = gg - Vec.dot(g, st.gOld, 0, n);
        double dy = Vec.dot(st.d, g, 0, n) - Vec.dot(st.d, st.gOld, 0, n);
        switch (beta) {
            case FLETCHER_REEVES:
                return gg / gOldSq;
            case POLAK_RIBIERE_PLUS:
                return Math.max(0, gy / gOldSq);
            case HESTENES_STIEFEL:
                return gy / dy;
            default:
                return gg / dy;
        }
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        CgState st = (CgState) state;
        int n = it.dimension();
        double[] x = it.x();
        double[] g = it.gradient();
        double f = it.value();
        long k = st.counters[0];
        boolean steepest = k == 0 || st.counters[1] >= restart;
        if (!steepest) {
            double gg = Vec.dot(g, g, 0, n);
            steepest = Math.abs(Vec.dot(g, st.gOld, 0, n)) >= 0.1 * gg;
        }
        if (!steepest) {
            double b = beta(st, g, n);
            if (Double.isFinite(b)) {
                for (int i = 0; i < n; i++) {
                    st.d[i] = -g[i] + b * st.d[i];
                }
            } else {
                steepest = true;
            }
        }
        double gtd = steepest ? 0 : Vec.dot(g, st.d, 0, n);
        if (steepest || !(gtd < 0)) {
            for (int i = 0; i < n; i++) {
                st.d[i] = -g[i];
            }
            gtd = Vec.dot(g, st.d, 0, n);
            steepest = true;
        }
        if (!(gtd < 0)) {
            return Stop.Reason.NO_PROGRESS;
        }
        double l1 = 0;
        for (int i = 0; i < n; i++) {
            l1 += Math.abs(g[i]);
        }
        double t0 = k == 0 ? Math.min(1, 1 / l1) : st.last[0] * st.last[1] / gtd;
        if (!(t0 > 0) || Double.isInfinite(t0)) {
            t0 = Math.min(1, 1 / l1);
        }
        st.ray.reset(x, f, g, st.d);
        double t = lineSearch.search(st.ray, t0);
        if (t == 0 && !steepest) {
            for (int i = 0; i < n; i++) {
                st.d[i] = -g[i];
            }
            gtd = Vec.dot(g, st.d, 0, n);
            steepest = true;
            st.ray.reset(x, f, g, st.d);
            t = lineSearch.search(st.ray, Math.min(1, 1 / l1));
        }
        if (t == 0) {
            return Stop.Reason.LINE_SEARCH_FAILED;
        }
        double fNew = st.ray.accept(t, x, st.gNew);
        System.arraycopy(g, 0, st.gOld, 0, n);
        st.last[0] = t;
        st.last[1] = gtd;
        st.counters[0] = k + 1;
        st.counters[1] = steepest ? 1 : st.counters[1] + 1;
        it.moveTo(x, fNew, st.gNew);
        it.stepLength(t);
        return null;
    }

    @Override
    public String toString() {
        return name() + " with " + lineSearch;
    }
}
