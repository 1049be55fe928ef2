package descent.optim;

import descent.tensor.ParamLayout;

/**
 * Limited-memory BFGS (Nocedal 1980; Liu and Nocedal 1989): the direction
 * {@code d = -H g} by the two-loop recursion over the last {@code m} pairs
 * {@code s = x_{k+1} - x_k}, {@code y = g_{k+1} - g_k}, with the initial matrix
 * {@code H_0 = gamma I}, {@code gamma = s'y / y'y} of the newest pair; then a line search. A pair
 * is stored only if {@code s'y > 1e-10} (so {@code H} stays positive definite). The first
 * iteration tries the step {@code min(1, 1 / |g|_1)} along {@code -g}, later ones the unit step.
 * These are the choices of {@code torch.optim.LBFGS}, including its tests of progress: the run
 * stops ({@link Stop.Reason#NO_PROGRESS}) when {@code g'd > -tolChange}, when a step changes no
 * element by more than {@code tolChange}, or the loss by less than {@code tolChange}.
 *
 * <p>Recoveries: a direction that is not a descent direction (rounding in a badly conditioned
 * memory) or a failed line search clears the memory and retries along {@code -g}; a failure
 * along {@code -g} stops the run with {@link Stop.Reason#LINE_SEARCH_FAILED}.
 */
final class Lbfgs implements Method {
    private final int memory;
    private final LineSearch lineSearch;
    private final double tolGrad;
    private final double tolChange;

    Lbfgs(int memory, LineSearch lineSearch, double tolGrad, double tolChange) {
        this.memory = Hyper.checkAtLeast("lbfgs", "memory", memory, 1);
        if (lineSearch == null) {
            throw new IllegalArgumentException("lbfgs: the line search is null");
        }
        this.lineSearch = lineSearch;
        this.tolGrad = Hyper.check("lbfgs", "tolGrad", tolGrad, Hyper.Range.NON_NEGATIVE);
        this.tolChange = Hyper.check("lbfgs", "tolChange", tolChange, Hyper.Range.NON_NEGATIVE);
    }

    @Override
    public String name() {
        return "lbfgs";
    }

    /** The memory of pairs, kept in a ring, and the iteration count. */
    static final class LbfgsState extends State {
        final double[][] s;
        final double[][] y;
        final double[] rho;
        final double[] gamma = doubles("gamma", 1);
        /** Number of stored pairs, index of the newest, iterations. */
        final long[] counters = longs("counters", 3);
        final double[] alpha;
        final double[] d;
        final double[] gNew;
        final Ray ray;

        LbfgsState(int m, int n, Objective f) {
            super("lbfgs");
            s = new double[m][];
            y = new double[m][];
            for (int k = 0; k < m; k++) {
                s[k] = doubles("s" + k, n);
                y[k] = doubles("y" + k, n);
            }
            rho = doubles("rho", m);
            gamma[0] = 1;
            alpha = new double[m];
            d = new double[n];
            gNew = new double[n];
            ray = new Ray(f, n);
        }

        void clear() {
            counters[0] = 0;
            counters[1] = -1;
            gamma[0] = 1;
        }

        /**
         * Writes {@code -H g} into {@code d} by the two-loop recursion over the stored pairs.
         */
        void direction(double[] g, int n) {
            int m = s.length;
            int count = (int) counters[0];
            int newest = (int) counters[1];
            for (int i = 0; i < n; i++) {
                d[i] = -g[i];
            }
            for (int j = 0; j < count; j++) {
                int k = Math.floorMod(newest - j, m);
                double a = rho[k] * Vec.dot(s[k], d, 0, n);
                alpha[k] = a;
                Vec.axpy(-a, y[k], d, 0, n);
            }
            Vec.scale(d, gamma[0], 0, n);
            for (int j = count - 1; j >= 0; j--) {
                int k = Math.floorMod(newest - j, m);
                double b = rho[k] * Vec.dot(y[k], d, 0, n);
                Vec.axpy(alpha[k] - b, s[k], d, 0, n);
            }
        }

        /** Stores the pair {@code s = t d}, {@code y = gNew - g} if {@code s'y > 1e-10}. */
        void remember(double t, double[] g, int n) {
            int m = s.length;
            int k = (int) ((counters[1] + 1) % m);
            double[] sk = s[k];
            double[] yk = y[k];
            double sy = 0;
            double yy = 0;
            for (int i = 0; i < n; i++) {
                double si = t * d[i];
                double yi = gNew[i] - g[i];
                sy = Math.fma(si, yi, sy);
                yy = Math.fma(yi, yi, yy);
            }
            if (sy > 1e-10) {
                for (int i = 0; i < n; i++) {
                    sk[i] = t * d[i];
                    yk[i] = gNew[i] - g[i];
                }
                rho[k] = 1 / sy;
                gamma[0] = sy / yy;
                counters[1] = k;
                counters[0] = Math.min(counters[0] + 1, m);
            }
        }
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireUnbounded("lbfgs");
        LbfgsState st = new LbfgsState(memory, start.dimension(), start::valueAndGrad);
        st.clear();
        return st;
    }

    @Override
    public Stop[] criteria() {
        return new Stop[] {Stop.projectedGradient(tolGrad)};
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        LbfgsState st = (LbfgsState) state;
        int n = it.dimension();
        double[] x = it.x();
        double[] g = it.gradient();
        double f = it.value();
        boolean fresh = st.counters[0] == 0;
        st.direction(g, n);
        double gtd = Vec.dot(g, st.d, 0, n);
        if (!(gtd < 0) && !fresh) {
            st.clear();
            st.direction(g, n);
            gtd = Vec.dot(g, st.d, 0, n);
            fresh = true;
        }
        if (gtd > -tolChange || !(gtd < 0)) {
            return Stop.Reason.NO_PROGRESS;
        }
        double t0 = st.counters[2] == 0 ? Math.min(1, 1 / l1(g, n)) : 1;
        st.ray.reset(x, f, g, st.d);
        double t = lineSearch.search(st.ray, t0);
        if (t == 0 && !fresh) {
            st.clear();
            st.direction(g, n);
            st.ray.reset(x, f, g, st.d);
            t = lineSearch.search(st.ray, Math.min(1, 1 / l1(g, n)));
        }
        if (t == 0) {
            return Stop.Reason.LINE_SEARCH_FAILED;
        }
        double fNew = st.ray.accept(t, x, st.gNew);
        st.remember(t, g, n);
        st.counters[2]++;
        it.moveTo(x, fNew, st.gNew);
        it.stepLength(t);
        double change = 0;
        for (int i = 0; i < n; i++) {
            change = Math.max(change, Math.abs(t * st.d[i]));
        }
        if (change <= tolChange || Math.abs(fNew - f) < tolChange) {
            return Stop.Reason.NO_PROGRESS;
        }
        return null;
    }

    private static double l1(double[] g, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.abs(g[i]);
        }
        return s;
    }

    @Override
    public String toString() {
        return "lbfgs(memory=" + memory + ", " + lineSearch + ")";
    }
}
