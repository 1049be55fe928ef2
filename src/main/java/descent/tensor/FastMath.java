package descent.tensor;

/**
 * Elementary functions that {@link java.lang.Math} either lacks ({@code erf}) or computes through
 * slow strict paths ({@code tanh}, {@code log1p}, {@code expm1}). Each is built on the intrinsic
 * {@code Math.exp} and {@code Math.log} with cancellation-free formulations and agrees with the
 * correctly rounded result to within a few units in the last place.
 */
public final class FastMath {
    /** Below this magnitude tanh uses a rational function; above it, an exponential with no cancellation. */
    private static final double TANH_SMALL = 0.55;
    /** Depth of Lambert's continued fraction for tanh; truncation error is below 1e-19 for |x| < 0.55. */
    private static final int TANH_DEPTH = 10;
    private static final double[] TANH_P;
    private static final double[] TANH_Q;
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
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
        TANH_P = k;
        TANH_Q = h;
    }

    private FastMath() {
    }

    /** Hyperbolic tangent. */
    public static double tanh(double x) {
        double ax = Math.abs(x);
        if (ax < TANH_SMALL) {
            double z = x * x;
            return x * horner(TANH_P, z) / horner(TANH_Q, z);
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

    /** The error function erf(x) = (2/sqrt(pi)) * integral_0^x e^{-t^2} dt. */
    public static double erf(double x) {
        double ax = Math.abs(x);
        if (Double.isNaN(x)) {
            return x;
        }
        if (ax < 3) {
            // erf x = (2/sqrt(pi)) e^{-x^2} sum_n (2x^2)^n x / (2n+1)!!: all terms positive, no cancellation.
            double z = 2 * x * x;
            double term = x;
            double sum = x;
            for (int n = 1; n < 200; n++) {
                term *= z / (2 * n + 1);
                sum += term;
                if (Math.abs(term) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            return TWO_OVER_SQRT_PI * expNegSquare(x) * sum;
        }
        if (ax > 6) {
            return Math.copySign(1, x);
        }
        return Math.copySign(1 - erfcLarge(ax), x);
    }

    /** erfc(x) for x >= 3 by Laplace's continued fraction x + (1/2)/(x + 1/(x + (3/2)/(x + ...))). */
    private static double erfcLarge(double x) {
        double f = x;
        for (int n = 60; n >= 1; n--) {
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
