package descent.tensor;

/**
 * Elementary functions built only from IEEE 754 additions, multiplications, divisions and exact
 * bit manipulations, so every JVM, JIT tier and processor computes the same bits for them.
 * {@link VectorMath} evaluates the same formulas in the same order lane by lane, so the scalar and
 * vectorized loops of {@link UnaryOp} agree bit for bit as well.
 *
 * <p>Each function is within one unit in the last place of the exact result: measured against
 * mpmath on 1.7 million random and targeted arguments, at most 0.92 ulp where the result is a
 * normal number and 1 ulp where it is subnormal (the tests check the bound). Special values are
 * those of {@link Math}: signed zeros, infinities, NaN, overflow and underflow. Arguments are
 * reduced by Cody-Waite steps with constants split so the large products are exact, and the
 * reduced functions are minimax polynomials (fitted by Remez exchange) whose leading terms are
 * summed in double-double. Sine, cosine and tangent of arguments beyond {@value #TRIG_MAX} in
 * magnitude come from {@link StrictMath}.
 */
public final class FastMath {
    /** 1.5 * 2^52: adding it rounds a double below 2^51 in magnitude to an integer held in the low mantissa bits. */
    static final double MAGIC = 0x1.8p52;
    static final long MAGIC_BITS = 0x4338000000000000L;
    static final long EXP_BIAS = 1023;
    static final double INV_LN2 = 0x1.71547652b82fep0;
    /** ln 2 to 32 bits, so k * LN2_HI is exact for |k| &lt; 2^21; LN2_LO is the rest. */
    static final double LN2_HI = 0x1.62e42fee00000p-1;
    static final double LN2_LO = 0x1.a39ef35793c76p-33;
    /** Arguments of exp are clamped to [EXP_MIN, EXP_MAX]: beyond them the result is 0 or infinite. */
    static final double EXP_MAX = 710;
    static final double EXP_MIN = -746;
    /** Below this x, e^x - 1 rounds to -1. */
    static final double EXPM1_MIN = -40;
    /** Beyond this |x|, sinh and cosh overflow. */
    static final double HYP_MAX = 711;

    /** (e^r - 1 - r) / r^2 on |r| &lt;= ln(2)/2, degree 9. */
    static final double E0 = 0x1.000000000000ap-1;
    static final double E1 = 0x1.55555555554fap-3;
    static final double E2 = 0x1.5555555550880p-5;
    static final double E3 = 0x1.1111111127bd6p-7;
    static final double E4 = 0x1.6c16c1842935fp-10;
    static final double E5 = 0x1.a01a012a5b304p-13;
    static final double E6 = 0x1.a0199a0edfc4ep-16;
    static final double E7 = 0x1.71df254e647bap-19;
    static final double E8 = 0x1.28ad7066ad95cp-22;
    static final double E9 = 0x1.ad7f6ebdca950p-26;

    /** Bits of sqrt(1/2): mantissas are reduced to [sqrt(1/2), sqrt(2)). */
    static final long SQRT_HALF_BITS = 0x3fe6a09e667f3bcdL;
    /** Added to the bits before shifting out the exponent, so the shift is logical: 1024 in the exponent field. */
    static final long EXP_OFFSET_BITS = 1024L << 52;
    static final double MIN_NORMAL = 0x1p-1022;
    static final double TWO_54 = 0x1p54;
    /** (2 atanh(s)/s - 2) / s^2 as a polynomial in z = s^2 &lt;= (3 - 2 sqrt 2)^2, degree 6. */
    static final double L0 = 0x1.5555555555592p-1;
    static final double L1 = 0x1.999999997fd7bp-2;
    static final double L2 = 0x1.24924941f4b9cp-2;
    static final double L3 = 0x1.c71c520640f0ap-3;
    static final double L4 = 0x1.74663f95c1e23p-3;
    static final double L5 = 0x1.39a1a8484b9fap-3;
    static final double L6 = 0x1.2f0626997208ep-3;

    /** Sine and cosine arguments reduced by k pi/2 with |k| &lt; 2^21; larger ones go to StrictMath. */
    static final double TRIG_MAX = 0x1p21;
    /** Below this |x|, sin x and tan x round to x. */
    static final double TRIG_TINY = 0x1p-27;
    static final double TWO_OVER_PI = 0x1.45f306dc9c883p-1;
    /** pi/2 in four pieces, the first three of 32 bits so k times each is exact. */
    static final double PIO2_1 = 0x1.921fb54400000p0;
    static final double PIO2_2 = 0x1.0b4611a600000p-34;
    static final double PIO2_3 = 0x1.3198a2e000000p-69;
    static final double PIO2_4 = 0x1.b839a252049c1p-104;
    /** (sin r - r) / r^3 as a polynomial in z = r^2 &lt;= (pi/4)^2, degree 5. */
    static final double S0 = -0x1.5555555555548p-3;
    static final double S1 = 0x1.111111110f7c8p-7;
    static final double S2 = -0x1.a01a019bfce9dp-13;
    static final double S3 = 0x1.71de3566e8d7dp-19;
    static final double S4 = -0x1.ae5e59d40565bp-26;
    static final double S5 = 0x1.5d8f991a4db27p-33;
    /** (cos r - 1 + r^2/2) / r^4 as a polynomial in z = r^2 &lt;= (pi/4)^2, degree 5. */
    static final double C0 = 0x1.555555555554bp-5;
    static final double C1 = -0x1.6c16c16c14f88p-10;
    static final double C2 = 0x1.a01a019c83684p-16;
    static final double C3 = -0x1.27e4f7ea19694p-22;
    static final double C4 = 0x1.1ee9d73d8d612p-29;
    static final double C5 = -0x1.8fa45acbfdffcp-37;

    static final double TAN_PI_8 = 0x1.a827999fcef32p-2;
    /** Breakpoints 11/16, 19/16, 39/16 between the centers 1/2, 1, 3/2 and infinity of the atan reduction. */
    static final double ATAN_B1 = 0.6875;
    static final double ATAN_B2 = 1.1875;
    static final double ATAN_B3 = 2.4375;
    static final double ATAN_HALF_HI = 0x1.dac670561bb4fp-2;
    static final double ATAN_HALF_LO = 0x1.a2b7f222f65e2p-56;
    static final double ATAN_3HALF_HI = 0x1.f730bd281f69bp-1;
    static final double ATAN_3HALF_LO = 0x1.007887af0cbbdp-56;
    static final double PIO2_HI = 0x1.921fb54442d18p0;
    static final double PIO2_LO = 0x1.1a62633145c07p-54;
    static final double PIO4_HI = 0x1.921fb54442d18p-1;
    static final double PIO4_LO = 0x1.1a62633145c07p-55;
    /** (atan u - u) / u^3 as a polynomial in z = u^2 &lt;= tan(pi/8)^2, degree 10. */
    static final double A0 = -0x1.555555555553dp-2;
    static final double A1 = 0x1.99999999957c7p-3;
    static final double A2 = -0x1.24924922aa240p-3;
    static final double A3 = 0x1.c71c70e4fcf29p-4;
    static final double A4 = -0x1.745cf8c16cd62p-4;
    static final double A5 = 0x1.3b11176fcc9d4p-4;
    static final double A6 = -0x1.10eba7135d0f5p-4;
    static final double A7 = 0x1.df0e66b1086e1p-5;
    static final double A8 = -0x1.9ccf0993becbbp-5;
    static final double A9 = 0x1.37ccefcf609e4p-5;
    static final double A10 = -0x1.255898aa15021p-6;

    /** 2|x| is clamped to this in tanh: beyond, tanh rounds to +-1. */
    static final double TANH_CLAMP = 40;

    /** Below this |x| sinh and cosh are polynomials; above, sums of e^|x|/2 and e^-|x|/2. */
    static final double HYP_SMALL = 1;
    /** (sinh x - x) / x^3 as a polynomial in z = x^2 &lt;= 1, degree 6. */
    static final double H0 = 0x1.5555555555556p-3;
    static final double H1 = 0x1.11111111110a6p-7;
    static final double H2 = 0x1.a01a01a02899dp-13;
    static final double H3 = 0x1.71de3a465b1e3p-19;
    static final double H4 = 0x1.ae64671b1907ap-26;
    static final double H5 = 0x1.611a561d805b5p-33;
    static final double H6 = 0x1.b4c75ab4d6eadp-41;
    /** (cosh x - 1 - x^2/2) / x^4 as a polynomial in z = x^2 &lt;= 1, degree 5. */
    static final double K0 = 0x1.55555555554b7p-5;
    static final double K1 = 0x1.6c16c16c28161p-10;
    static final double K2 = 0x1.a01a0189a5fbdp-16;
    static final double K3 = 0x1.27e509ada6bcep-22;
    static final double K4 = 0x1.1ee41ccc73490p-29;
    static final double K5 = 0x1.99ec182519bd1p-37;

    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    /** 2/sqrt(pi) - TWO_OVER_SQRT_PI: the low word of the constant in double-double. */
    private static final double TWO_OVER_SQRT_PI_LO = 1.533545961316588e-17;
    private static final double INV_SQRT_PI = 0.5641895835477563;
    /** 2^27 + 1: multiplying by it splits a double into two 26-bit halves (Veltkamp). */
    static final double SPLIT = 0x1p27 + 1;

    private FastMath() {
    }

    /**
     * 2^(k + bias - 1023) for an integer k held in the low mantissa bits of {@code t = k + MAGIC},
     * provided that exponent is normal.
     */
    static double pow2(double t, long bias) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(t) - MAGIC_BITS + bias) << 52);
    }

    /**
     * p * 2^(kd + adjust) rounded once, for kd in [-1078, 1026]: one factor while 2^kd is normal, else
     * two factors 2^k1 2^k2 with k1 = round(kd/2), each normal (the product is the same either way).
     */
    static double scale(double p, double kd, long adjust) {
        if (kd > -1000 && kd < 1000) {
            return p * pow2(kd + MAGIC, EXP_BIAS + adjust);
        }
        double t1 = kd * 0.5 + MAGIC;
        double k1 = t1 - MAGIC;
        double t2 = (kd - k1) + MAGIC;
        return p * pow2(t1, EXP_BIAS) * pow2(t2, EXP_BIAS + adjust);
    }

    /**
     * (e^r - 1 - r) / r^2, for r2 = r * r: E0 + r P(r) with P in Estrin's scheme (short dependency
     * chains), the leading constant added last so that P's rounding errors are scaled down by r.
     */
    static double expPoly(double r, double r2) {
        double r4 = r2 * r2;
        double b0 = (E1 + E2 * r) + (E3 + E4 * r) * r2;
        double b1 = (E5 + E6 * r) + (E7 + E8 * r) * r2;
        return E0 + r * ((b0 + b1 * r4) + E9 * (r4 * r4));
    }

    /** x clamped to [lo, hi]; NaN stays NaN. */
    static double clamp(double x, double lo, double hi) {
        return x > hi ? hi : x < lo ? lo : x;
    }

    /** k = round(x / ln 2), as a double. */
    static double expKd(double xc) {
        return (xc * INV_LN2 + MAGIC) - MAGIC;
    }

    /** x - k ln2_hi, exact. */
    static double expHi(double xc, double kd) {
        return xc - kd * LN2_HI;
    }

    /**
     * e^{x - k ln 2} - s for s = 1 + hi: the rounding error of s plus the polynomial part, so that
     * e^x = 2^k (s + tail) with s + tail accurate to far below an ulp.
     */
    static double expTail(double xc, double kd, double s) {
        double hi = expHi(xc, kd);
        double lo = kd * LN2_LO;
        double r = hi - lo;
        double r2 = r * r;
        return ((1 - s) + hi) + (r2 * expPoly(r, r2) - lo);
    }

    /**
     * The low part of 2^(k + adjust) (s + tail) = eh + el, whose high part is
     * {@code eh = scale(s + tail, kd, adjust)}: the rounding error of s + tail, scaled.
     */
    static double expLow(double s, double tail, double kd, long adjust) {
        return scale((s - (s + tail)) + tail, kd, adjust);
    }

    /** e^x. */
    public static double exp(double x) {
        double xc = clamp(x, EXP_MIN, EXP_MAX);
        double kd = expKd(xc);
        double s = 1 + expHi(xc, kd);
        return scale(s + expTail(xc, kd, s), kd, 0);
    }

    /** e^x - 1, accurate for small x. */
    public static double expm1(double x) {
        if (x == 0) {
            return x;
        }
        double xc = clamp(x, EXPM1_MIN, EXP_MAX);
        double kd = expKd(xc);
        double s = 1 + expHi(xc, kd);
        double tail = expTail(xc, kd, s);
        double eh = scale(s + tail, kd, 0);
        if (x > 700) {
            return eh;
        }
        if (x <= EXPM1_MIN) {
            return -1;
        }
        // eh + el - 1 with eh - 1 summed exactly (2Sum).
        double el = expLow(s, tail, kd, 0);
        double sum = eh - 1;
        double bb = sum - eh;
        double err = (eh - (sum - bb)) + (-1 - bb);
        return sum + (err + el);
    }

    /** Natural logarithm. */
    public static double log(double x) {
        if (!(x > 0 && x < Double.POSITIVE_INFINITY)) {
            return x == 0 ? Double.NEGATIVE_INFINITY : x == Double.POSITIVE_INFINITY ? x : Double.NaN;
        }
        boolean sub = x < MIN_NORMAL;
        double xs = sub ? x * TWO_54 : x;
        long bits = Double.doubleToRawLongBits(xs);
        long kb = (bits - SQRT_HALF_BITS + EXP_OFFSET_BITS) >>> 52;
        double m = Double.longBitsToDouble(bits - (kb << 52) + EXP_OFFSET_BITS);
        double kd = (Double.longBitsToDouble(MAGIC_BITS + kb) - (MAGIC + 1024)) - (sub ? 54 : 0);
        return logCore(m - 1, kd, 0);
    }

    /** log(1 + u), accurate for small u. */
    public static double log1p(double u) {
        if (!(u > -1 && u < Double.POSITIVE_INFINITY) || u == 0) {
            return u == -1 ? Double.NEGATIVE_INFINITY : u < -1 ? Double.NaN : u;
        }
        // w + c = 1 + u exactly (2Sum); log(w + c) = log w + c/w - (c/w)^2/2 to far below an ulp.
        double w = 1 + u;
        double bb = w - 1;
        double c = (1 - (w - bb)) + (u - bb);
        long bits = Double.doubleToRawLongBits(w);
        long kb = (bits - SQRT_HALF_BITS + EXP_OFFSET_BITS) >>> 52;
        double m = Double.longBitsToDouble(bits - (kb << 52) + EXP_OFFSET_BITS);
        double kd = Double.longBitsToDouble(MAGIC_BITS + kb) - (MAGIC + 1024);
        double cw = c / w;
        return logCore(m - 1, kd, cw - 0.5 * cw * cw);
    }

    /**
     * k ln 2 + log(1 + f) + extra for f in [sqrt(1/2) - 1, sqrt(2) - 1]: with s = f/(2 + f),
     * log(1 + f) = f - f^2/2 + s (f^2/2 + s^2 L(s^2)); k ln2_hi + f is summed exactly.
     */
    static double logCore(double f, double kd, double extra) {
        double s = f / (2 + f);
        double z = s * s;
        double poly = z * logPoly(z);
        double hfsq = 0.5 * f * f;
        double a = kd * LN2_HI;
        double t = a + f;
        double e = (a - t) + f;
        double corr = (s * (hfsq + poly) - hfsq) + (kd * LN2_LO + extra);
        return t + (e + corr);
    }

    /** Logistic sigmoid 1 / (1 + e^-x). */
    public static double sigmoid(double x) {
        // e^-|x| = eh + el; the quotient n / (1 + e) in double-double, n = 1 or e.
        double xc = clamp(-Math.abs(x), EXP_MIN, EXP_MAX);
        double kd = expKd(xc);
        double s = 1 + expHi(xc, kd);
        double tail = expTail(xc, kd, s);
        double eh = scale(s + tail, kd, 0);
        double el = expLow(s, tail, kd, 0);
        double dh = 1 + eh;
        double dl = ((1 - dh) + eh) + el;
        // n = 1 for x >= 0, else e, picked through the sign bit (for x = -0.0, e = 1 and el = 0 anyway).
        long neg = Double.doubleToRawLongBits(x) >> 63;
        double nh = pick(neg, eh, 1);
        double nl = pick(neg, el, 0);
        double inv = 1 / dh;
        double q = nh * inv;
        return q + quotientCorrection(q, inv, nh, nl, dh, dl);
    }

    /**
     * (nh + nl) / (dh + dl) - q for an approximate quotient q (within a few ulps) and inv = 1/dh:
     * the residual, computed exactly, times inv.
     */
    static double quotientCorrection(double q, double inv, double nh, double nl, double dh, double dl) {
        double p = q * dh;
        return (((nh - p) - productError(q, dh, p)) + (nl - q * dl)) * inv;
    }

    /** Softplus log(1 + e^x), computed without overflow or cancellation. */
    public static double softplus(double x) {
        if (x == Double.POSITIVE_INFINITY) {
            return x;
        }
        // e^-|x| = eh + el in (0, 1]; log(1 + e) = k ln 2 + log(1 + f + fl) with k = 0, f + fl = e, or,
        // for e >= sqrt(2) - 1, k = 1 and f + fl = (e - 1)/2, both split exactly.
        double xc = clamp(-Math.abs(x), EXP_MIN, EXP_MAX);
        double kd0 = expKd(xc);
        double s0 = 1 + expHi(xc, kd0);
        double tail = expTail(xc, kd0, s0);
        double eh = scale(s0 + tail, kd0, 0);
        double el = expLow(s0, tail, kd0, 0);
        double d = eh - 1;
        boolean big = eh >= TAN_PI_8;
        double f = big ? 0.5 * d : eh;
        double fl = big ? 0.5 * (((-1 - d) + eh) + el) : el;
        double kd = big ? 1 : 0;
        // max(x, 0) + k ln2_hi + f summed exactly, then the small terms.
        double s = f / (2 + f);
        double z = s * s;
        double poly = z * logPoly(z);
        double hfsq = 0.5 * f * f;
        double a = kd * LN2_HI;
        double t = a + f;
        double e1 = (a - t) + f;
        double corr = (s * (hfsq + poly) - hfsq) + (kd * LN2_LO + fl / (1 + f));
        double p = x > 0 ? x : 0;
        double sum = p + t;
        double bb = sum - p;
        double e2 = (p - (sum - bb)) + (t - bb);
        return sum + (e2 + (e1 + corr));
    }

    /** Hyperbolic tangent. */
    public static double tanh(double x) {
        if (x == 0) {
            return x;
        }
        // tanh|x| = (E - 1)/(E + 1) for E = e^{2|x|} = eh + el, numerator and denominator in double-double.
        double xc = clamp(2 * Math.abs(x), EXP_MIN, TANH_CLAMP);
        double kd = expKd(xc);
        double s = 1 + expHi(xc, kd);
        double tail = expTail(xc, kd, s);
        double eh = scale(s + tail, kd, 0);
        double el = expLow(s, tail, kd, 0);
        double sum = eh - 1;
        double sl = ((eh - sum) - 1) + el;
        double nh = sum + sl;
        double nl = (sum - nh) + sl;
        double dh = eh + 1;
        double dl = ((eh - dh) + 1) + el;
        double inv = 1 / dh;
        double q = nh * inv;
        return Math.copySign(q + quotientCorrection(q, inv, nh, nl, dh, dl), x);
    }

    /** Hyperbolic sine. */
    public static double sinh(double x) {
        double ax = Math.abs(x);
        if (ax < HYP_SMALL) {
            double z = x * x;
            return x + x * z * sinhPoly(z);
        }
        // e^|x|/2 = eh + el; e^-|x|/2 = 0.25 / eh to within its own rounding.
        double xc = clamp(ax, EXP_MIN, HYP_MAX);
        double kd = expKd(xc);
        double s = 1 + expHi(xc, kd);
        double tail = expTail(xc, kd, s);
        double eh = scale(s + tail, kd, -1);
        double el = expLow(s, tail, kd, -1);
        double q = 0.25 / eh;
        return Math.copySign(eh + (el - q), x);
    }

    /** Hyperbolic cosine. */
    public static double cosh(double x) {
        double ax = Math.abs(x);
        if (ax < HYP_SMALL) {
            double z = x * x;
            double hz = 0.5 * z;
            double w = 1 + hz;
            return w + (((1 - w) + hz) + z * z * coshPoly(z));
        }
        // e^|x|/2 = eh + el; e^-|x|/2 = 0.25 / eh to within its own rounding.
        double xc = clamp(ax, EXP_MIN, HYP_MAX);
        double kd = expKd(xc);
        double s = 1 + expHi(xc, kd);
        double tail = expTail(xc, kd, s);
        double eh = scale(s + tail, kd, -1);
        double el = expLow(s, tail, kd, -1);
        double q = 0.25 / eh;
        return eh + (el + q);
    }

    /** Sine. */
    public static double sin(double x) {
        double ax = Math.abs(x);
        if (ax > TRIG_MAX) {
            return StrictMath.sin(x);
        }
        return ax < TRIG_TINY ? x : trig(x, 0, false);
    }

    /** Cosine. */
    public static double cos(double x) {
        double ax = Math.abs(x);
        if (ax > TRIG_MAX) {
            return StrictMath.cos(x);
        }
        return trig(x, 1, false);
    }

    /** Tangent. */
    public static double tan(double x) {
        double ax = Math.abs(x);
        if (ax > TRIG_MAX) {
            return StrictMath.tan(x);
        }
        return ax < TRIG_TINY ? x : trig(x, 0, true);
    }

    /**
     * sin(x + q pi/2) (or tan x): x = k pi/2 + r with r in double-double (rh + rl), then the
     * quadrant k + q picks +-sin r or +-cos r.
     */
    private static double trig(double x, long q, boolean tan) {
        double t = x * TWO_OVER_PI + MAGIC;
        double kd = t - MAGIC;
        double rh;
        double rl;
        if (kd == 0) {
            // What the steps below compute for k = 0, exactly: every product with k is zero.
            rh = x + 0.0;
            rl = 0;
        } else {
            double y = x - kd * PIO2_1;
            double w2 = -(kd * PIO2_2);
            double a = y + w2;
            double b2 = a - y;
            double ae = (y - (a - b2)) + (w2 - b2);
            double w3 = -(kd * PIO2_3);
            double b = a + w3;
            double b3 = b - a;
            double be = (a - (b - b3)) + (w3 - b3);
            double tail = (ae + be) - kd * PIO2_4;
            rh = b + tail;
            rl = (b - rh) + tail;
        }
        double z = rh * rh;
        double hz = 0.5 * z;
        double sp = ((((S5 * z + S4) * z + S3) * z + S2) * z + S1) * z + S0;
        double sinL = (z * rh) * sp + (rl - hz * rl);
        double sinR = rh + sinL;
        double cp = ((((C5 * z + C4) * z + C3) * z + C2) * z + C1) * z + C0;
        double cw = 1 - hz;
        double cosL = ((1 - cw) - hz) + (z * z * cp - rh * rl);
        double cosR = cw + cosL;
        // The quadrant picks values through bit masks: branches on it would be mispredicted.
        long k = Double.doubleToRawLongBits(t) + q;
        long odd = -(k & 1);
        if (tan) {
            // sin r / cos r (or -cos r / sin r) with both in double-double and a corrected quotient.
            double sl = (rh - sinR) + sinL;
            double cl = (cw - cosR) + cosL;
            double nh = pick(odd, cosR, sinR);
            double nl = pick(odd, cl, sl);
            double dh = pick(odd, sinR, cosR);
            double dl = pick(odd, sl, cl);
            double inv = 1 / dh;
            double quot = nh * inv;
            double v = quot + quotientCorrection(quot, inv, nh, nl, dh, dl);
            return Double.longBitsToDouble(Double.doubleToRawLongBits(v) ^ (odd << 63));
        }
        double v = pick(odd, cosR, sinR);
        return Double.longBitsToDouble(Double.doubleToRawLongBits(v) ^ ((k & 2) << 62));
    }

    /** a where mask is all ones, b where it is zero. */
    private static double pick(long mask, double a, double b) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(a) & mask) | (Double.doubleToRawLongBits(b) & ~mask));
    }

    /** Arctangent. */
    public static double atan(double x) {
        double ax = Math.abs(x);
        double num;
        double den;
        double baseHi;
        double baseLo;
        // atan x = atan c + atan((x - c) / (1 + c x)) for c in {0, 1/2, 1, 3/2, infinity}, with exact numerators.
        if (ax <= TAN_PI_8) {
            num = ax;
            den = 1;
            baseHi = 0;
            baseLo = 0;
        } else if (ax <= ATAN_B1) {
            num = ax * 2 - 1;
            den = ax + 2;
            baseHi = ATAN_HALF_HI;
            baseLo = ATAN_HALF_LO;
        } else if (ax <= ATAN_B2) {
            num = ax - 1;
            den = ax + 1;
            baseHi = PIO4_HI;
            baseLo = PIO4_LO;
        } else if (ax <= ATAN_B3) {
            num = ax - 1.5;
            den = ax * 1.5 + 1;
            baseHi = ATAN_3HALF_HI;
            baseLo = ATAN_3HALF_LO;
        } else {
            num = -1;
            den = ax;
            baseHi = PIO2_HI;
            baseLo = PIO2_LO;
        }
        double u = num / den;
        double z = u * u;
        double p = (u * z) * atanPoly(z);
        double sum = baseHi + u;
        double e = (baseHi - sum) + u;
        return Math.copySign(sum + (e + (p + baseLo)), x);
    }

    /*
     * The polynomials below are evaluated in Estrin's scheme, pairs of terms combined by powers of
     * z, which keeps dependency chains short; VectorMath evaluates them in the same order. (Sine and
     * cosine keep Horner's rule: their two chains already run side by side, and tan needs the
     * slightly smaller rounding error.)
     */

    static double logPoly(double z) {
        double z2 = z * z;
        double z4 = z2 * z2;
        return ((L0 + L1 * z) + (L2 + L3 * z) * z2) + ((L4 + L5 * z) + L6 * z2) * z4;
    }

    static double sinhPoly(double z) {
        double z2 = z * z;
        double z4 = z2 * z2;
        return ((H0 + H1 * z) + (H2 + H3 * z) * z2) + ((H4 + H5 * z) + H6 * z2) * z4;
    }

    static double coshPoly(double z) {
        double z2 = z * z;
        return ((K0 + K1 * z) + (K2 + K3 * z) * z2) + (K4 + K5 * z) * (z2 * z2);
    }


    static double atanPoly(double z) {
        double z2 = z * z;
        double z4 = z2 * z2;
        double q0 = (A0 + A1 * z) + (A2 + A3 * z) * z2;
        double q1 = (A4 + A5 * z) + (A6 + A7 * z) * z2;
        double q2 = (A8 + A9 * z) + A10 * z2;
        return (q0 + q1 * z4) + q2 * (z4 * z4);
    }

    /** e^{-x^2}, with x^2 split into an exact sum so the exponent carries no rounding error. */
    public static double expNegSquare(double x) {
        double hi = x * x;
        return exp(-hi) * (1 - productError(x, x, hi));
    }

    /** a b - p exactly, for p = a b rounded and |a|, |b| below 2^995 (Dekker). */
    static double productError(double a, double b, double p) {
        double ca = SPLIT * a;
        double ah = ca - (ca - a);
        double al = a - ah;
        double cb = SPLIT * b;
        double bh = cb - (cb - b);
        double bl = b - bh;
        return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
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
        double p = s * TWO_OVER_SQRT_PI;
        return p + (productError(s, TWO_OVER_SQRT_PI, p) + s * TWO_OVER_SQRT_PI_LO);
    }

    /** erfc(x), x &gt;= 1, by Laplace's continued fraction x + (1/2)/(x + 1/(x + (3/2)/(x + ...))). */
    private static double erfcContinuedFraction(double x, int depth) {
        double f = x;
        for (int n = depth; n >= 1; n--) {
            f = x + (n / 2.0) / f;
        }
        return INV_SQRT_PI * expNegSquare(x) / f;
    }
}
