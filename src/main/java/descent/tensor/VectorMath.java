package descent.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorized loops for transcendental functions through the incubating Vector API. Loaded only
 * when {@link Simd} found the module; each function has its own loop so the operator is a
 * compile-time constant, which the JIT needs to use the vectorized math library. The remainder
 * that does not fill a vector runs through the scalar loop of {@link UnaryOp}.
 */
final class VectorMath {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final DoubleVector ONE = DoubleVector.broadcast(S, 1.0);

    private VectorMath() {
    }

    static int lanes() {
        return L;
    }

    static boolean supports(UnaryOp op) {
        switch (op) {
            case EXP: case LOG: case LOG1P: case EXPM1: case SIN: case COS: case TAN: case TANH:
            case SINH: case COSH: case ATAN: case SIGMOID: case SOFTPLUS:
                return true;
            default:
                return false;
        }
    }

    private static DoubleVector v(double[] x, int at) {
        return DoubleVector.fromArray(S, x, at);
    }

    static void apply(UnaryOp op, double[] x, int xo, double[] y, int yo, int n) {
        int body = S.loopBound(n);
        switch (op) {
            case EXP: exp(x, xo, y, yo, body); break;
            case LOG: log(x, xo, y, yo, body); break;
            case LOG1P: log1p(x, xo, y, yo, body); break;
            case EXPM1: expm1(x, xo, y, yo, body); break;
            case SIN: sin(x, xo, y, yo, body); break;
            case COS: cos(x, xo, y, yo, body); break;
            case TAN: tan(x, xo, y, yo, body); break;
            case TANH: tanh(x, xo, y, yo, body); break;
            case SINH: sinh(x, xo, y, yo, body); break;
            case COSH: cosh(x, xo, y, yo, body); break;
            case ATAN: atan(x, xo, y, yo, body); break;
            case SIGMOID: sigmoid(x, xo, y, yo, body); break;
            case SOFTPLUS: softplus(x, xo, y, yo, body); break;
            default: throw new IllegalArgumentException(op + " has no vectorized loop");
        }
        op.loop(x, xo + body, y, yo + body, n - body);
    }

    private static void exp(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) v(x, xo + i).lanewise(VectorOperators.EXP).intoArray(y, yo + i);
    }

    private static void log(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) v(x, xo + i).lanewise(VectorOperators.LOG).intoArray(y, yo + i);
    }

    private static void log1p(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) v(x, xo + i).lanewise(VectorOperators.LOG1P).intoArray(y, yo + i);
    }

    private static void expm1(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) v(x, xo + i).lanewise(VectorOperators.EXPM1).intoArray(y, yo + i);
    }

    private static void sin(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) v(x, xo + i).lanewise(VectorOperators.SIN).intoArray(y, yo + i);
    }

    private static void cos(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) v(x, xo + i).lanewise(VectorOperators.COS).intoArray(y, yo + i);
    }

    private static void tan(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) v(x, xo + i).lanewise(VectorOperators.TAN).intoArray(y, yo + i);
    }

    private static void tanh(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) v(x, xo + i).lanewise(VectorOperators.TANH).intoArray(y, yo + i);
    }

    private static void sinh(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) v(x, xo + i).lanewise(VectorOperators.SINH).intoArray(y, yo + i);
    }

    private static void cosh(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) v(x, xo + i).lanewise(VectorOperators.COSH).intoArray(y, yo + i);
    }

    private static void atan(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) v(x, xo + i).lanewise(VectorOperators.ATAN).intoArray(y, yo + i);
    }

    /** 1 / (1 + e^-x); e^-x overflows to infinity for very negative x, giving exactly 0. */
    private static void sigmoid(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) {
            ONE.div(v(x, xo + i).neg().lanewise(VectorOperators.EXP).add(1.0)).intoArray(y, yo + i);
        }
    }

    /** max(x, 0) + log1p(e^{-|x|}), free of overflow and cancellation. */
    private static void softplus(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += L) {
            DoubleVector a = v(x, xo + i);
            a.max(0.0).add(a.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P)).intoArray(y, yo + i);
        }
    }
}
