package descent.constrained;

import descent.optim.Iterate;

/**
 * Steps shared by the projection-based methods: a feasible start, the projected-gradient step and
 * the backtracking test of proximal and projected gradient methods.
 */
final class Starts {
    private Starts() {
    }

    /**
     * Moves the start of a run onto {@code set} if it lies outside (evaluating the objective at
     * the projected point, with {@code y} and {@code gy} as scratch).
     *
     * @throws IllegalArgumentException if the objective is not finite at the projected start
     */
    static void feasible(ConvexSet set, Iterate start, double[] y, double[] gy) {
        double[] x = start.x();
        System.arraycopy(x, 0, y, 0, x.length);
        set.project(y);
        if (java.util.Arrays.equals(x, y)) {
            return;
        }
        double f = start.valueAndGrad(y, gy);
        if (!Double.isFinite(f)) {
            throw new IllegalArgumentException("the objective is " + f + " at the start projected onto " + set.name());
        }
        start.moveTo(y, f, gy);
    }

    /** Writes {@code P(x - t g)} into {@code y} and returns {@code |x - P(x - t g)| / t}. */
    static double projectedStep(ConvexSet set, double[] x, double[] g, double t, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] - t * g[i];
        }
        set.project(y);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - y[i];
            s += d * d;
        }
        return Math.sqrt(s) / t;
    }

    /**
     * The backtracking test from {@code x} to {@code y} with step {@code t}:
     * {@code f(y) <= f(x) + <g(x), y - x> + |y - x|^2 / (2t)}. Where {@code f(y)} and {@code f(x)}
     * agree to 1e-10 relative their difference is mostly rounding, and the test is made on
     * gradients instead, {@code <g(y) - g(x), y - x> <= |y - x|^2 / t} (both are the descent
     * lemma's condition for a quadratic with curvature {@code 1 / t} along {@code y - x}).
     */
    static boolean sufficientDecrease(double fx, double fy, double[] gx, double[] gy, double[] x, double[] y, double t) {
        if (!Double.isFinite(fy)) {
            return false;
        }
        double linear = 0;
        double squared = 0;
        double curvature = 0;
        for (int i = 0; i < x.length; i++) {
            double d = y[i] - x[i];
            linear += gx[i] * d;
            squared += d * d;
            curvature += (gy[i] - gx[i]) * d;
        }
        if (fy <= fx + linear + squared / (2 * t)) {
            return true;
        }
        return Math.abs(fy - fx) <= 1e-10 * (1 + Math.abs(fx)) && curvature <= squared / t;
    }
}
