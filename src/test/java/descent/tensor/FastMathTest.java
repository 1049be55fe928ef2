package descent.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accuracy of the scalar elementary functions against strict math and high-precision values. */
class FastMathTest {
    private static void assertUlps(double expected, double actual, double ulps, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
            return;
        }
        if (expected == actual) {
            return;
        }
        double err = Math.abs(expected - actual) / Math.ulp(expected);
        assertTrue(err <= ulps, what + ": " + actual + " vs " + expected + " (" + err + " ulp)");
    }

    @Test
    void tanhWithinTwoUlpOverADenseSweep() {
        for (double x = -25; x <= 25; x += 0.000731) {
            assertUlps(StrictMath.tanh(x), FastMath.tanh(x), 2, "tanh(" + x + ")");
        }
        double[] special = {0.0, -0.0, 1e-300, -1e-20, 1e-8, 0.5499999999, 0.55, 0.5500000001, 19, 710,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (double x : special) {
            assertUlps(StrictMath.tanh(x), FastMath.tanh(x), 2, "tanh(" + x + ")");
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(FastMath.tanh(-0.0)));
    }

    @Test
    void log1pAndExpm1NearZeroAndFar() {
        double[] xs = {1e-300, 1e-17, -1e-12, 3e-9, 1e-4, -0.3, 0.5, 2, 100, 700, Double.POSITIVE_INFINITY};
        for (double x : xs) {
            assertUlps(StrictMath.log1p(x), FastMath.log1p(x), 2, "log1p(" + x + ")");
            assertUlps(StrictMath.expm1(x), FastMath.expm1(x), 3, "expm1(" + x + ")");
        }
        assertEquals(-1.0, FastMath.expm1(-800));
        assertEquals(Double.NEGATIVE_INFINITY, FastMath.log1p(-1));
        assertTrue(Double.isNaN(FastMath.log1p(-2)));
    }

    @Test
    void sigmoidAndSoftplusAtTheExtremes() {
        for (double x = -40; x <= 40; x += 0.37) {
            double s = x >= 0 ? 1 / (1 + StrictMath.exp(-x)) : StrictMath.exp(x) / (1 + StrictMath.exp(x));
            assertUlps(s, FastMath.sigmoid(x), 2, "sigmoid(" + x + ")");
            double sp = Math.max(x, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(x)));
            assertUlps(sp, FastMath.softplus(x), 2, "softplus(" + x + ")");
        }
        assertEquals(800.0, FastMath.softplus(800));
        assertUlps(StrictMath.exp(-800), FastMath.softplus(-800), 2, "softplus(-800)");
        assertEquals(0.0, FastMath.sigmoid(-800));
    }

    @Test
    void erfMatchesHighPrecisionValues() {
        // Reference values computed with mpmath at 40 significant digits.
        double[][] known = {
            {1e-300, 1.1283791670955126022e-300}, {1e-10, 1.128379167095512615e-10}, {0.1, 0.1124629160182848984},
            {0.3, 0.32862675945912741619}, {0.49999, 0.52049108994331819196}, {0.5, 0.52049987781304653768},
            {0.75, 0.7111556336535151316}, {0.99999, 0.84269664183322979418}, {1.0, 0.84270079294971486934},
            {1.2, 0.91031397822963536837}, {1.49999, 0.96610395715457880085}, {1.5, 0.96610514647531072707},
            {1.75, 0.98667167121918244377}, {1.99999, 0.99532205834496574659}, {2.0, 0.99532226501895273416},
            {2.5, 0.99959304798255504106}, {2.9999, 0.99997789557351783909}, {3.0, 0.99997790950300141456},
            {3.5, 0.99999925690162765859}, {4.0, 0.99999998458274209972}, {5.0, 0.99999999999846254021},
            {5.99, 0.9999999999999999757}, {-0.2, -0.22270258921047846618}, {-1.5, -0.96610514647531072707},
            {-2.7, -0.99986566726005947581}};
        for (double[] k : known) {
            assertUlps(k[1], FastMath.erf(k[0]), 2, "erf(" + k[0] + ")");
        }
        assertEquals(1.0, FastMath.erf(7));
        assertEquals(-1.0, FastMath.erf(Double.NEGATIVE_INFINITY));
        double prev = -1;
        for (double x = -5; x <= 5; x += 0.001) {
            double e = FastMath.erf(x);
            assertTrue(e >= prev, "erf must be monotone at " + x);
            assertEquals(-e, FastMath.erf(-x), 0, "erf must be odd");
            prev = e;
        }
    }
}
