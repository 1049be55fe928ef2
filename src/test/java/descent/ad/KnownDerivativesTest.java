package descent.ad;

import descent.Testing;
import descent.tensor.Value;
import descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Derivatives with known closed forms, computed through jets, Hessians and Laplacians. */
class KnownDerivativesTest {
    private static final int ORDER = 8;

    /** The first ORDER derivatives of f at x, from one jet with series (1, 0, ..., 0). */
    private static double[] derivatives(Fn f, double x) {
        Tensor[] series = new Tensor[ORDER];
        series[0] = Tensor.scalar(1);
        for (int k = 1; k < ORDER; k++) {
            series[k] = Tensor.scalar(0);
        }
        Jet j = AD.jet(f, Tensor.scalar(x), series);
        double[] d = new double[ORDER + 1];
        d[0] = j.primal().item();
        for (int k = 1; k <= ORDER; k++) {
            d[k] = j.derivative(k).item();
        }
        return d;
    }

    private static void assertRelative(double expected, double actual, double tol, String what) {
        assertTrue(Math.abs(expected - actual) <= tol * Math.max(1e-300, Math.abs(expected)),
                what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void expDerivativesAreExp() {
        double x = 0.7;
        double[] d = derivatives(Value::exp, x);
        for (int k = 0; k <= ORDER; k++) {
            assertRelative(Math.exp(x), d[k], 1e-12, "exp^(" + k + ")");
        }
    }

    @Test
    void sinDerivativesCycle() {
        double x = 0.9;
        double[] d = derivatives(Value::sin, x);
        for (int k = 0; k <= ORDER; k++) {
            assertRelative(Math.sin(x + k * Math.PI / 2), d[k], 1e-12, "sin^(" + k + ")");
        }
    }

    @Test
    void tanhDerivativesFollowTheirPolynomials() {
        // d/dx P(tanh x) = P'(y)(1 - y^2): coefficients of P_k in y, exact in long arithmetic.
        double x = 0.4;
        double y = Math.tanh(x);
        double[] d = derivatives(Value::tanh, x);
        long[] p = {0, 1};
        for (int k = 0; k <= ORDER; k++) {
            double v = 0;
            for (int i = p.length - 1; i >= 0; i--) {
                v = v * y + p[i];
            }
            assertRelative(v, d[k], 1e-12, "tanh^(" + k + ")");
            long[] next = new long[p.length + 1];
            for (int i = 1; i < p.length; i++) {
                next[i - 1] += i * p[i];
                next[i + 1] -= i * p[i];
            }
            p = next;
        }
    }

    @Test
    void powerDerivativesAreFallingFactorials() {
        for (double p : new double[] {2.5, -1.5, 3}) {
            double x = 1.3;
            double[] d = derivatives(v -> v.pow(p), x);
            double c = 1;
            for (int k = 0; k <= ORDER; k++) {
                double expected = c * Math.pow(x, p - k);
                if (expected == 0) {
                    assertEquals(0, d[k], 1e-12, "x^" + p + " derivative " + k);
                } else {
                    assertRelative(expected, d[k], 1e-12, "x^" + p + " derivative " + k);
                }
                c *= p - k;
            }
        }
    }

    @Test
    void integerPowersAreExactAtZero() {
        double[] d = derivatives(v -> v.pow(3), 0);
        double[] expected = {0, 0, 0, 6, 0, 0, 0, 0, 0};
        for (int k = 0; k <= ORDER; k++) {
            assertEquals(expected[k], d[k], 0, "x^3 derivative " + k + " at 0");
        }
    }

    @Test
    void reciprocalDerivatives() {
        double x = 0.25;
        double[] d = derivatives(v -> v.add(1).rdiv(1), x);
        double fact = 1;
        for (int k = 0; k <= ORDER; k++) {
            double expected = (k % 2 == 0 ? 1 : -1) * fact / Math.pow(1 + x, k + 1);
            assertRelative(expected, d[k], 1e-12, "1/(1+x) derivative " + k);
            fact *= k + 1;
        }
    }

    static Value rosenbrock(Value x) {
        int n = x.size();
        Value head = x.slice(0, 0, n - 1);
        Value tail = x.slice(0, 1, n);
        return tail.sub(head.square()).square().mul(100).add(head.rsub(1).square()).sum();
    }

    @Test
    void rosenbrockHessianMatchesClosedForm() {
        double[] x = {-1.2, 1.0, 0.8, 0.3, -0.5};
        int n = x.length;
        Tensor h = AD.hessian(KnownDerivativesTest::rosenbrock).call(Tensor.of(x));
        double[][] expected = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (i < n - 1) {
                expected[i][i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
                expected[i][i + 1] = -400 * x[i];
                expected[i + 1][i] = -400 * x[i];
            }
            if (i > 0) {
                expected[i][i] += 200;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertRelative(expected[i][j], h.get(i, j), 1e-14, "H[" + i + "," + j + "]");
                if (expected[i][j] == 0) {
                    assertEquals(0, h.get(i, j), 0, "H[" + i + "," + j + "]");
                }
            }
        }
        Func f = Func.of(KnownDerivativesTest::rosenbrock);
        Tensor viaRev = AD.jacrev(AD.grad(f)).call(Tensor.of(x));
        Testing.assertClose(viaRev, h, 1e-14, "jacrev(grad) vs jacfwd(grad)");
        Tensor v = Tensor.of(0.3, -0.1, 0.7, 0.2, -0.4);
        Testing.assertClose(AD.hvp(f).call(Tensor.of(x), v), h.matmul(v), 1e-13, "hvp vs H v");
    }

    /** Two-body exact solution of the STDE benchmarks: u = (1 - |x|^2) sum_i c_i sin(x_i + cos x_{i+1} + x_{i+1} cos x_i). */
    static Value twoBody(Value x, Tensor c) {
        int d = x.size();
        Value a = x.slice(0, 0, d - 1);
        Value b = x.slice(0, 1, d);
        Value theta = a.add(b.cos()).add(b.mul(a.cos()));
        return x.square().sum().rsub(1).mul(theta.sin().mul(c).sum());
    }

    /** The Laplacian of the two-body solution by hand-derived calculus, in plain doubles. */
    static double twoBodyLaplacian(double[] x, double[] c) {
        int d = x.length;
        double r2 = 0;
        for (double v : x) {
            r2 += v * v;
        }
        double g = 0;
        double xDotGradG = 0;
        double lapG = 0;
        for (int i = 0; i < d - 1; i++) {
            double xi = x[i];
            double xj = x[i + 1];
            double theta = xi + Math.cos(xj) + xj * Math.cos(xi);
            double di = 1 - xj * Math.sin(xi);
            double dj = -Math.sin(xj) + Math.cos(xi);
            double dii = -xj * Math.cos(xi);
            double djj = -Math.cos(xj);
            g += c[i] * Math.sin(theta);
            xDotGradG += c[i] * Math.cos(theta) * (xi * di + xj * dj);
            lapG += c[i] * (-Math.sin(theta) * (di * di + dj * dj) + Math.cos(theta) * (dii + djj));
        }
        return -2 * d * g - 4 * xDotGradG + (1 - r2) * lapG;
    }

    @Test
    void twoBodyLaplacianFromJetsMatchesClosedForm() {
        int d = 10;
        Random r = new Random(3);
        double[] x = new double[d];
        double[] c = new double[d - 1];
        for (int i = 0; i < d; i++) {
            x[i] = (r.nextDouble() - 0.5) * 0.6;
        }
        for (int i = 0; i < d - 1; i++) {
            c[i] = r.nextGaussian();
        }
        Tensor ct = Tensor.of(c);
        Func u = Func.of(v -> twoBody(v, ct));
        Func jet2 = AD.jet(u, 2);
        double lap = 0;
        for (int j = 0; j < d; j++) {
            double[] e = new double[d];
            e[j] = 1;
            lap += jet2.callAll(Tensor.of(x), Tensor.of(e), Tensor.zeros(d))[2].item();
        }
        double expected = twoBodyLaplacian(x, c);
        assertRelative(expected, lap, 1e-12, "Laplacian from 2-jets");
        Tensor h = AD.hessian(u).call(Tensor.of(x));
        double trace = 0;
        for (int j = 0; j < d; j++) {
            trace += h.get(j, j);
        }
        assertRelative(expected, trace, 1e-12, "trace of the Hessian");
    }

    @Test
    void mixedThirdPartialFromOneSeventhOrderJet() {
        // x(t) = x + e_i t^2/2! + e_j t^3/3!: the 7th derivative of u(x(t)) at 0 is 105 d^3u/dx_i^2 dx_j.
        int d = 4;
        int i = 1;
        int j = 2;
        double[] x = {0.2, -0.3, 0.25, 0.1};
        Tensor c = Tensor.of(0.7, -1.1, 0.4);
        Func u = Func.of(v -> twoBody(v, c));
        Tensor[] series = new Tensor[7];
        for (int k = 0; k < 7; k++) {
            series[k] = Tensor.zeros(d);
        }
        double[] ei = new double[d];
        ei[i] = 1;
        double[] ej = new double[d];
        ej[j] = 1;
        series[1] = Tensor.of(ei);
        series[2] = Tensor.of(ej);
        double fromJet = AD.jet(u, Tensor.of(x), series).derivative(7).item() / 105;
        Func dii = Func.of(v -> AD.hessian(u).apply(v).index(0, i).index(0, i));
        double nested = AD.grad(dii).call(Tensor.of(x)).get(j);
        assertRelative(nested, fromJet, 1e-11, "d^3u/dx_i^2 dx_j");
    }
}
