package descent.constrained;

import descent.optim.Iterate;
import descent.optim.Method;
import descent.optim.State;
import descent.optim.Stop;
import descent.tensor.ParamLayout;

/**
 * Riemannian gradient descent on the {@link Stiefel} manifold (Absil, Mahony and Sepulchre,
 * 2008, Chapter 4): from {@code X} with Riemannian gradient {@code xi = P_X(grad f(X))}, the next
 * point is the manifold's retraction of {@code X} along {@code -t xi} (QR or Cayley,
 * {@link Stiefel.Retraction}), with {@code t} by Armijo backtracking
 * ({@code f(next) <= f(X) - 1e-4 t |xi|^2}, halving; where the values agree to rounding, a fall
 * of {@code |xi|} instead) from a Barzilai–Borwein first trial
 * (alternating {@code s's / |s'y|} and {@code |s'y| / y'y} with {@code s} the difference of the
 * last two points and {@code y} of their Riemannian gradients; Wen and Yin, 2013). The start is
 * moved to its polar factor if it does not have orthonormal columns. The measure is
 * {@code |xi|}; the run stops when it is at most the tolerance.
 */
final class StiefelGradient implements Method {
    private final Stiefel manifold;
    private final double tolerance;

    StiefelGradient(Stiefel manifold, double tolerance) {
        if (manifold == null) {
            throw new IllegalArgumentException("stiefelGradient: the manifold is required");
        }
        this.manifold = manifold;
        this.tolerance = Arg.nonNegative("stiefelGradient", "tolerance", tolerance);
    }

    @Override
    public String name() {
        return "stiefelGradient(" + manifold.name() + ")";
    }

    private static final class StiefelState extends State {
        final long[] count = longs("count", 1);
        final double[] previousX;
        final double[] previousXi;
        final double[] xi;
        final double[] y;
        final double[] gy;

        StiefelState(int n) {
            super("stiefelGradient");
            previousX = doubles("previousX", n);
            previousXi = doubles("previousXi", n);
            xi = new double[n];
            y = new double[n];
            gy = new double[n];
        }
    }

    @Override
    public State init(ParamLayout layout, Iterate start) {
        start.requireUnbounded(name());
        int n = start.dimension();
        if (n != manifold.rows() * manifold.columns()) {
            throw new IllegalArgumentException(name() + ": " + n + " parameters for an " + manifold.rows() + " x " + manifold.columns()
                    + " matrix");
        }
        StiefelState st = new StiefelState(n);
        if (!manifold.contains(start.x(), 1e-12)) {
            double[] x = start.x().clone();
            manifold.project(x);
            double f = start.valueAndGrad(x, st.gy);
            if (!Double.isFinite(f)) {
                throw new IllegalArgumentException(name() + ": the objective is " + f + " at the start's polar factor");
            }
            start.moveTo(x, f, st.gy);
        }
        return st;
    }

    @Override
    public Stop.Reason step(Iterate it, State state) {
        StiefelState st = (StiefelState) state;
        double[] x = it.x();
        int n = x.length;
        manifold.tangent(x, it.gradient(), st.xi);
        double xx = 0;
        for (double v : st.xi) {
            xx += v * v;
        }
        double norm = Math.sqrt(xx);
        it.measure(norm);
        if (norm <= tolerance) {
            return Stop.Reason.STATIONARY;
        }
        long count = st.count[0]++;
        double t;
        if (count == 0) {
            t = 1 / norm;
        } else {
            double ss = 0;
            double sy = 0;
            double yy = 0;
            for (int i = 0; i < n; i++) {
                double s = x[i] - st.previousX[i];
                double y = st.xi[i] - st.previousXi[i];
                ss += s * s;
                sy += s * y;
                yy += y * y;
            }
            t = count % 2 == 1 ? ss / Math.abs(sy) : Math.abs(sy) / yy;
            if (!(t > 1e-20) || !Double.isFinite(t)) {
                t = 1 / norm;
            }
        }
        double f = it.value();
        double fy;
        for (int trial = 0; ; trial++) {
            if (trial == 60) {
                return Stop.Reason.LINE_SEARCH_FAILED;
            }
            manifold.retract(x, st.xi, -t, st.y);
            fy = it.valueAndGrad(st.y, st.gy);
            if (Double.isFinite(fy) && (fy <= f - 1e-4 * t * xx || roundingLevel(f, fy, st, xx))) {
                break;
            }
            t *= 0.5;
        }
        System.arraycopy(x, 0, st.previousX, 0, n);
        System.arraycopy(st.xi, 0, st.previousXi, 0, n);
        it.stepLength(t);
        it.moveTo(st.y, fy, st.gy);
        return null;
    }

    /**
     * Where {@code f} and {@code f(next)} agree to 1e-12 relative, their difference is rounding and
     * cannot confirm a decrease of order {@code t |xi|^2}; the step is then accepted if the
     * Riemannian gradient's norm falls (the test of a gradient-norm merit function).
     */
    private boolean roundingLevel(double f, double fy, StiefelState st, double xx) {
        if (Math.abs(fy - f) > 1e-12 * (1 + Math.abs(f))) {
            return false;
        }
        double[] xiy = new double[st.y.length];
        manifold.tangent(st.y, st.gy, xiy);
        double yy = 0;
        for (double v : xiy) {
            yy += v * v;
        }
        return yy < xx;
    }
}
