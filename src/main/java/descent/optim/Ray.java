package descent.optim;

/**
 * The objective along a ray, {@code phi(t) = f(x + t d)}, as a {@link LineSearch} sees it: value
 * and slope {@code phi'(t) = grad f(x + t d) . d} at the trial steps it chooses. The full gradient
 * of every trial is kept, so the method that owns the ray moves to the accepted point without
 * evaluating it again. A trial where the value or the gradient is not finite (NaN or infinite)
 * reads as {@code phi(t) = +inf}: line searches treat it as a step too long and shrink it.
 *
 * <p>A ray is reusable: a method allocates one and {@link #reset}s it each iteration, so searches
 * allocate nothing.
 */
public final class Ray {
    private final Objective f;
    private final int n;
    private double[] x0;
    private double[] d;
    private double[] end;
    private double f0;
    private double slope0;
    private final double[] xt;
    private double[] gt;
    private double[] gk;
    private double lastT = Double.NaN;
    private double lastF;
    private double lastSlope;
    private double keptT = Double.NaN;
    private double keptF;
    private double keptSlope;
    private int evaluations;

    /** A ray of dimension {@code n} whose trial points are evaluated by {@code f}. */
    public Ray(Objective f, int n) {
        if (f == null || n < 0) {
            throw new IllegalArgumentException("Ray: needs an objective and a dimension >= 0, got " + n);
        }
        this.f = f;
        this.n = n;
        xt = new double[n];
        gt = new double[n];
        gk = new double[n];
    }

    /**
     * Points the ray from {@code x} (with value {@code fx} and gradient {@code gx}) along {@code d};
     * the arrays are read during the search, not copied.
     */
    public Ray reset(double[] x, double fx, double[] gx, double[] d) {
        return reset(x, fx, gx, d, null);
    }

    /**
     * As {@link #reset(double[], double, double[], double[])}, with the point at {@code t = 1}
     * given exactly ({@code endpoint = x + d} up to rounding), so that a unit step lands on it
     * bit for bit (on a bound, for a bounded method).
     */
    public Ray reset(double[] x, double fx, double[] gx, double[] d, double[] endpoint) {
        return reset(x, fx, gx, d, endpoint, Double.NaN);
    }

    /**
     * As {@link #reset(double[], double, double[], double[], double[])}, with {@code slope0 = gx . d}
     * already computed by the caller exactly as {@link Vec#dot} computes it (NaN: compute it here).
     */
    Ray reset(double[] x, double fx, double[] gx, double[] d, double[] endpoint, double slope0) {
        if (x.length != n || gx.length != n || d.length != n) {
            throw new IllegalArgumentException("Ray.reset: vectors of " + x.length + ", " + gx.length + " and " + d.length
                    + " elements for a ray of dimension " + n);
        }
        this.x0 = x;
        this.d = d;
        this.end = endpoint;
        this.f0 = fx;
        this.slope0 = Double.isNaN(slope0) ? Vec.dot(gx, d, 0, n) : slope0;
        lastT = Double.NaN;
        keptT = Double.NaN;
        evaluations = 0;
        return this;
    }

    /** {@code phi(0)}. */
    public double value0() {
        return f0;
    }

    /** {@code phi'(0) = grad f(x) . d}, negative along a descent direction. */
    public double slope0() {
        return slope0;
    }

    /** The largest absolute element of the direction. */
    public double directionMax() {
        double m = 0;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, Math.abs(d[i]));
        }
        return m;
    }

    /**
     * Evaluates {@code phi(t)}, returning it ({@code +inf} if the value or gradient there is not
     * finite); {@link #slope()} then gives {@code phi'(t)}.
     */
    public double value(double t) {
        point(t, xt);
        double ft = f.valueAndGrad(xt, gt);
        evaluations++;
        double s = Vec.dot(gt, d, 0, n);
        lastT = t;
        if (!Double.isFinite(ft) || !Double.isFinite(s)) {
            lastF = Double.POSITIVE_INFINITY;
            lastSlope = Double.NaN;
        } else {
            lastF = ft;
            lastSlope = s;
        }
        return lastF;
    }

    /** {@code phi'(t)} at the last evaluated step (NaN if the value there was not finite). */
    public double slope() {
        return lastSlope;
    }

    /** Keeps the last evaluated trial (its gradient too) as a candidate the search may return after evaluating others. */
    public void keep() {
        double[] swap = gk;
        gk = gt;
        gt = swap;
        keptT = lastT;
        keptF = lastF;
        keptSlope = lastSlope;
        lastT = Double.NaN;
    }

    /** Number of evaluations since the last {@link #reset}. */
    public int evaluations() {
        return evaluations;
    }

    /** Writes {@code x + t d} into {@code out}, each element rounded once (a fused multiply-add, as torch computes it). */
    public void point(double t, double[] out) {
        if (t == 1 && end != null) {
            System.arraycopy(end, 0, out, 0, n);
        } else if (t == 0) {
            System.arraycopy(x0, 0, out, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = Math.fma(t, d[i], x0[i]);
            }
        }
    }

    /**
     * The value at the accepted step {@code t} after a search, writing the point into {@code x} and
     * its gradient into {@code g}: from the last or the kept trial if {@code t} is one of them, from
     * the start for {@code t = 0}, otherwise by a new evaluation.
     */
    public double accept(double t, double[] x, double[] g) {
        if (t == 0) {
            if (x != x0) {
                System.arraycopy(x0, 0, x, 0, n);
            }
            return f0;
        }
        if (t == lastT && Double.isFinite(lastF)) {
            System.arraycopy(xt, 0, x, 0, n);
            System.arraycopy(gt, 0, g, 0, n);
            return lastF;
        }
        if (t == keptT && Double.isFinite(keptF)) {
            point(t, x);
            System.arraycopy(gk, 0, g, 0, n);
            return keptF;
        }
        double ft = value(t);
        System.arraycopy(xt, 0, x, 0, n);
        System.arraycopy(gt, 0, g, 0, n);
        return ft;
    }

    /** The slope at the accepted step, after {@link #accept} (NaN if unknown). */
    double acceptedSlope(double t) {
        return t == lastT ? lastSlope : t == keptT ? keptSlope : Double.NaN;
    }
}
