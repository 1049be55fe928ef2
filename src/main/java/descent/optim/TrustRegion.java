package descent.optim;

import descent.tensor.ParamLayout;

/**
 * The Newton trust-region method with the Steihaug–Toint truncated CG (Nocedal and Wright,
 * Algorithms 4.1 and 7.2): the model {@code m(p) = g'p + 1/2 p'Hp} is minimized by CG over
 * {@code |p| <= radius}, stopping at the relative residual {@code min(0.5, |g|)} (quadratic local
 * convergence), at the boundary, or at negative curvature (followed to the boundary). The step
 * is taken if {@code rho = (f(x) - f(x + p)) / (m(0) - m(p)) > eta}; the radius shrinks to a
 * quarter when {@code rho < 1/4} and doubles (up to {@code maxRadius}) when {@code rho > 3/4}
 * with the step on the boundary. Rejected steps shrink the radius within the same iteration, so
 * every iteration moves; a radius below {@code 1e-15 (1 + |x|)} ends the run with
 * {@link Stop.Reason#NO_PROGRESS}. Needs a {@link HessianObjective}; {@code H} is applied by
 * products only, and {@code Hp} is accumulated during CG, so the model costs no extra product.
 */
final class TrustRegion implements Method {
    private final double initialRadius;
    private final double maxRadius;
    private final double eta;
    private final int maxCg;

    TrustRegion(double initialRadius, double maxRadius, double eta, int maxCg) {
        this.initialRadius = Hyper.check("trustRegion", "initialRadius", initialRadius, Hyper.Range.POSITIVE);
        this.maxRadius = Hyper.check("trustRegion", "maxRadius", maxRadius, Hyper.Range.POSITIVE);
        if (maxRadius < initialRadius) {
            throw new IllegalArgumentException("trustRegion: needs initialRadius <= maxRadius, got " + initialRadius + " > " + maxRadius);
        }
        this.eta = Hyper.check("trustRegion", "eta", eta, new Hyper.Range(0, false, 0.25, true));
        this.maxCg = Hyper.checkAtLeast("trustRegion", "maxCgIterations", maxCg, 1);
    }

    @Override
    public String name() {
        return "trustRegion";
    }

    private static final class TrState extends State {
        final double[] radius = doubles("radius", 1);
        final double[] p;
        final double[] hp;
        final double[] r;
        final double[] d;
        final double[] hd;
        final double[] xNew;
        final double[] gNew;

        TrState(int n, double radius0) {
            super("trustRegion");
            radius[0] = radius0;
            p = new double[n];
            hp = new double[n];
            r = new double[n];
            d = new double[n];
            hd = new double[n];
            xNew = new double[n];
            gNew = new double[n];
        }
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireHessian(name());
        start.requireUnbounded(name());
        return new TrState(start.dimension(), initialRadius);
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        TrState st = (TrState) state;
        int n = it.dimension();
        double[] x = it.x();
        double[] g = it.gradient();
        double f = it.value();
        double gNorm = Vec.norm(g, n);
        double tol = Math.min(0.5, gNorm) * gNorm;
        while (true) {
            double radius = st.radius[0];
            if (radius <= 1e-15 * (1 + Vec.norm(x, n))) {
                return Stop.Reason.NO_PROGRESS;
            }
            boolean boundary = steihaug(it, st, g, radius, tol, n);
            double model = Vec.dot(g, st.p, 0, n) + 0.5 * Vec.dot(st.p, st.hp, 0, n);
            for (int i = 0; i < n; i++) {
                st.xNew[i] = x[i] + st.p[i];
            }
            double fNew = it.valueAndGrad(st.xNew, st.gNew);
            double rho = Double.isFinite(fNew) && model < 0 ? (f - fNew) / -model : -1;
            if (rho < 0.25) {
                st.radius[0] = 0.25 * Math.min(radius, Vec.norm(st.p, n));
            } else if (rho > 0.75 && boundary) {
                st.radius[0] = Math.min(2 * radius, maxRadius);
            }
            if (rho > eta && Vec.allFinite(st.gNew, 0, n)) {
                it.moveTo(st.xNew, fNew, st.gNew);
                it.stepLength(Vec.norm(st.p, n));
                return null;
            }
        }
    }

    /** CG-Steihaug into {@code st.p} (and {@code st.hp = H p}); true if the step ends on the boundary. */
    private boolean steihaug(Iterate it, TrState st, double[] g, double radius, double tol, int n) {
        double[] x = it.x();
        java.util.Arrays.fill(st.p, 0);
        java.util.Arrays.fill(st.hp, 0);
        System.arraycopy(g, 0, st.r, 0, n);
        for (int i = 0; i < n; i++) {
            st.d[i] = -g[i];
        }
        double rr = Vec.dot(st.r, st.r, 0, n);
        if (Math.sqrt(rr) <= tol) {
            return false;
        }
        for (int j = 0; j < maxCg; j++) {
            it.hvp(x, st.d, st.hd);
            double dhd = Vec.dot(st.d, st.hd, 0, n);
            if (!(dhd > 0)) {
                toBoundary(st, radius, n);
                return true;
            }
            double alpha = rr / dhd;
            double pp = 0;
            for (int i = 0; i < n; i++) {
                double pi = st.p[i] + alpha * st.d[i];
                pp += pi * pi;
            }
            if (Math.sqrt(pp) >= radius) {
                toBoundary(st, radius, n);
                return true;
            }
            Vec.axpy(alpha, st.d, st.p, 0, n);
            Vec.axpy(alpha, st.hd, st.hp, 0, n);
            Vec.axpy(alpha, st.hd, st.r, 0, n);
            double rrNew = Vec.dot(st.r, st.r, 0, n);
            if (Math.sqrt(rrNew) <= tol) {
                return false;
            }
            double beta = rrNew / rr;
            rr = rrNew;
            for (int i = 0; i < n; i++) {
                st.d[i] = Math.fma(beta, st.d[i], -st.r[i]);
            }
        }
        return false;
    }

    /** {@code p += tau d} with {@code tau >= 0} and {@code |p + tau d| = radius}; {@code hp += tau H d}. */
    private static void toBoundary(TrState st, double radius, int n) {
        double dd = Vec.dot(st.d, st.d, 0, n);
        double pd = Vec.dot(st.p, st.d, 0, n);
        double pp = Vec.dot(st.p, st.p, 0, n);
        double tau = (-pd + Math.sqrt(pd * pd + dd * (radius * radius - pp))) / dd;
        Vec.axpy(tau, st.d, st.p, 0, n);
        Vec.axpy(tau, st.hd, st.hp, 0, n);
    }

    @Override
    public String toString() {
        return "trustRegion(radius=" + initialRadius + ", maxRadius=" + maxRadius + ", eta=" + eta + ")";
    }
}
