package descent.tensor;

/**
 * Elementary functions that {@link java.lang.Math} either lacks ({@code erf}) or computes through
 * slow strict paths ({@code tanh}, {@code log1p}, {@code expm1}). Each is built on the intrinsic
 * {@code Math.exp} and {@code Math.log} with cancellation-free formulations and agrees with the
 * correctly rounded result to within 2 units in the last place (the tests check this).
 */
public final class FastMath {
    /** Below this magnitude tanh uses a rational function; above it, an exponential with no cancellation. */
    private static final double TANH_SMALL = 0.55;
    /** Depth of Lambert's continued fraction for tanh; truncation error is below 1e-19 for |x| < 0.55. */
    private static final int TANH_DEPTH = 10;
    private static final double[] TANH_D;
    private static final double[] TANH_Q;
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    /** 2/sqrt(pi) - TWO_OVER_SQRT_PI: the low word of the constant in double-double. */
    private static final double TWO_OVER_SQRT_PI_LO = 1.533545961316588e-17;
    private static final double INV_SQRT_PI = 0.5641895835477563;

    static {
        // Lambert: tanh x = x / (1 + z/(3 + z/(5 + ...))), z = x^2. The convergent h_n / k_n of
        // b_0 + z/(b_1 + ... + z/b_n) follows h_n = b_n h_{n-1} + z h_{n-2} (k likewise), so
        // tanh x ~ x k_n(z) / h_n(z) with integer polynomial coefficients computed once here.
        double[] hPrev = {1};
        double[] h = {1};
        double[] kPrev = {0};
        double[] k = {1};
        for (int n = 1; n <= TANH_DEPTH; n++) {
            double b = 2 * n + 1;
            double[] hNext = addShifted(scale(h, b), hPrev);
            double[] kNext = addShifted(scale(k, b), kPrev);
            hPrev = h;
            h = hNext;
            kPrev = k;
            k = kNext;
        }
        // tanh x = x k/h = x + x z D(z)/h(z) with z D = k - h (exact integer coefficients; k(0) = h(0)).
        // Evaluating only the small correction x z D/h in floating point keeps the error below 1 ulp.
        double[] d = new double[h.length - 1];
        for (int i = 1; i < h.length; i++) {
            d[i - 1] = (i < k.length ? k[i] : 0) - h[i];
        }
        TANH_D = d;
        TANH_Q = h;
    }

    private FastMath() {
    }

    /** Hyperbolic tangent. */
    public static double tanh(double x) {
        double ax = Math.abs(x);
        if (ax < TANH_SMALL) {
            double z = x * x;
            return ax == 0 ? x : x + x * z * horner(TANH_D, z) / horner(TANH_Q, z);
        }
        double e = Math.exp(-2 * ax);
        return Math.copySign((1 - e) / (1 + e), x);
    }

    /** Logistic sigmoid 1 / (1 + e^-x). */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** Softplus log(1 + e^x), computed without overflow or cancellation. */
    public static double softplus(double x) {
        return Math.max(x, 0) + log1p(Math.exp(-Math.abs(x)));
    }

    /** log(1 + u), accurate for small u. */
    public static double log1p(double u) {
        double w = 1 + u;
        if (w == 1 || w == Double.POSITIVE_INFINITY) {
            return w == 1 ? u : w;
        }
        return Math.log(w) * (u / (w - 1));
    }

    /** e^x - 1, accurate for small x. */
    public static double expm1(double x) {
        double u = Math.exp(x);
        if (u == 1) {
            return x;
        }
        double um1 = u - 1;
        if (um1 == -1 || u == Double.POSITIVE_INFINITY) {
            return um1;
        }
        return um1 * (x / Math.log(u));
    }

    /** e^{-x^2}, with x^2 split into an exact sum so the exponent carries no rounding error. */
    public static double expNegSquare(double x) {
        double hi = x * x;
        double lo = Math.fma(x, x, -hi);
        return Math.exp(-hi) * (1 - lo);
    }

    /**
     * The error function erf(x) = (2/sqrt(pi)) * integral_0^x e^{-t^2} dt, within about 1.3 ulp:
     * for |x| &lt; 1 its Maclaurin series summed with compensation and scaled by 2/sqrt(pi) in
     * double-double; above, 1 - erfc(x) with erfc from Laplace's continued fraction.
     */
    public static double erf(double x) {
        double ax = Math.abs(x);
        if (Double.isNaN(x)) {
            return x;
        }
        if (ax < 1) {
            return maclaurinErf(x);
        }
        if (ax > 6) {
            return Math.copySign(1, x);
        }
        int depth = ax < 1.5 ? 200 : ax < 2 ? 120 : 60;
        return Math.copySign(1 - erfcContinuedFraction(ax, depth), x);
    }

    /** sum_n (-1)^n x^{2n+1} / (n! (2n+1)), Neumaier-compensated, times 2/sqrt(pi) in double-double. */
    private static double maclaurinErf(double x) {
        double z = x * x;
        double term = x;
        double sum = 0;
        double carry = 0;
        for (int n = 0; n < 80; n++) {
            double t = term / (2 * n + 1);
            double next = sum + t;
            carry += Math.abs(sum) >= Math.abs(t) ? (sum - next) + t : (t - next) + sum;
            sum = next;
            if (Math.abs(t) < 1e-20 * Math.abs(sum)) {
                break;
            }
            term *= -z / (n + 1);
        }
        double s = sum + carry;
        return Math.fma(s, TWO_OVER_SQRT_PI, s * TWO_OVER_SQRT_PI_LO);
    }

    /** erfc(x), x &gt;= 1, by Laplace's continued fraction x + (1/2)/(x + 1/(x + (3/2)/(x + ...))). */
    private static double erfcContinuedFraction(double x, int depth) {
        double f = x;
        for (int n = depth; n >= 1; n--) {
            f = x + (n / 2.0) / f;
        }
        return INV_SQRT_PI * expNegSquare(x) / f;
    }

    private static double horner(double[] c, double z) {
        double r = c[c.length - 1];
        for (int i = c.length - 2; i >= 0; i--) {
            r = r * z + c[i];
        }
        return r;
    }

    private static double[] scale(double[] p, double s) {
        double[] r = p.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] *= s;
        }
        return r;
    }

    /** p + z * q, for coefficient arrays in ascending powers of z. */
    private static double[] addShifted(double[] p, double[] q) {
        double[] r = new double[Math.max(p.length, q.length + 1)];
        for (int i = 0; i < p.length; i++) {
            r[i] += p[i];
        }
        for (int i = 0; i < q.length; i++) {
            r[i + 1] += q[i];
        }
        return r;
    }
}
