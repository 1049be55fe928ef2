package descent.tensor;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The vectorized transcendental loops agree with strict scalar math, including the tail and special values. */
class SimdTest {
    private static double reference(UnaryOp op, double x) {
        switch (op) {
            case EXP: return StrictMath.exp(x);
            case LOG: return StrictMath.log(x);
            case LOG1P: return StrictMath.log1p(x);
            case EXPM1: return StrictMath.expm1(x);
            case SIN: return StrictMath.sin(x);
            case COS: return StrictMath.cos(x);
            case TAN: return StrictMath.tan(x);
            case TANH: return StrictMath.tanh(x);
            case SINH: return StrictMath.sinh(x);
            case COSH: return StrictMath.cosh(x);
            case ATAN: return StrictMath.atan(x);
            case SIGMOID: return x >= 0 ? 1 / (1 + StrictMath.exp(-x)) : StrictMath.exp(x) / (1 + StrictMath.exp(x));
            case SOFTPLUS: return Math.max(x, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(x)));
            default: throw new IllegalArgumentException(op.toString());
        }
    }

    @Test
    void simdIsActiveWhenTheModuleIsPresent() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        String arch = System.getProperty("os.arch");
        if (module && (arch.equals("amd64") || arch.equals("x86_64")) && VectorMath.lanes() >= 4) {
            assertTrue(Simd.enabled(), Simd.description());
        }
        assertTrue(Simd.description().startsWith(Simd.enabled() ? "simd" : "scalar"), Simd.description());
    }

    @Test
    void vectorizedLoopsMatchStrictMath() {
        Random r = new Random(9);
        int n = 1003;
        double[] special = {0.0, -0.0, 1e-300, -1e-300, 1e-9, -1e-9, 0.5, 0.55, -0.55, 20, -20, 700, -700, 745, -745,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (UnaryOp op : UnaryOp.values()) {
            if (!VectorMath.supports(op)) {
                continue;
            }
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = i < special.length ? special[i] : (r.nextDouble() - 0.5) * (i % 3 == 0 ? 60 : 6);
                if (op == UnaryOp.LOG) {
                    x[i] = Math.abs(x[i]);
                }
                if (op == UnaryOp.LOG1P) {
                    x[i] = Math.abs(x[i]) - (i % 2 == 0 ? 0.9 : 0);
                }
            }
            double[] y = new double[n];
            Simd.apply(op, x, 0, y, 0, n);
            for (int i = 0; i < n; i++) {
                double e = reference(op, x[i]);
                boolean same = Double.compare(e, y[i]) == 0 || (Double.isNaN(e) && Double.isNaN(y[i]));
                double ulps = Math.abs(e - y[i]) / Math.ulp(e);
                assertTrue(same || ulps <= 4 || Math.abs(e - y[i]) <= 1e-300,
                        op + "(" + x[i] + ") = " + y[i] + ", strict " + e + " (" + ulps + " ulp)");
            }
        }
    }
}
