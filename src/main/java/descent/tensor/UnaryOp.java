package descent.tensor;

/**
 * Elementwise functions of one argument. Each constant carries its own loop so that the JIT
 * compiles a separate, vectorizable loop per function.
 */
public enum UnaryOp {
    /** -x */
    NEG { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = -x[xo + i]; } },
    /** e^x */
    EXP { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.exp(x[xo + i]); } },
    /** natural logarithm */
    LOG { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.log(x[xo + i]); } },
    /** log(1 + x) */
    LOG1P { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.log1p(x[xo + i]); } },
    /** e^x - 1 */
    EXPM1 { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.expm1(x[xo + i]); } },
    /** square root */
    SQRT { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = Math.sqrt(x[xo + i]); } },
    /** |x| */
    ABS { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = Math.abs(x[xo + i]); } },
    /** sign of x: -1, 0 or 1 (NaN stays NaN) */
    SIGN { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = Math.signum(x[xo + i]); } },
    /** sine */
    SIN { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.sin(x[xo + i]); } },
    /** cosine */
    COS { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.cos(x[xo + i]); } },
    /** tangent */
    TAN { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.tan(x[xo + i]); } },
    /** hyperbolic tangent */
    TANH { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.tanh(x[xo + i]); } },
    /** hyperbolic sine */
    SINH { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.sinh(x[xo + i]); } },
    /** hyperbolic cosine */
    COSH { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.cosh(x[xo + i]); } },
    /** logistic sigmoid 1/(1+e^-x) */
    SIGMOID { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.sigmoid(x[xo + i]); } },
    /** softplus log(1+e^x) */
    SOFTPLUS { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.softplus(x[xo + i]); } },
    /** error function */
    ERF { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.erf(x[xo + i]); } },
    /** arctangent */
    ATAN { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.atan(x[xo + i]); } },
    /** nearest integer, ties to even */
    ROUND { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = Math.rint(x[xo + i]); } },
    /** largest integer not above x */
    FLOOR { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = Math.floor(x[xo + i]); } };

    /** y[yo + i] = f(x[xo + i]) for i in [0, n); x and y may be the same array at the same offset. */
    abstract void loop(double[] x, int xo, double[] y, int yo, int n);

    /** f(x) for one value. */
    public double apply(double x) {
        double[] v = {x};
        loop(v, 0, v, 0, 1);
        return v[0];
    }

    /** True for functions costing several nanoseconds per element (everything but sign changes, abs and rounding). */
    public boolean isTranscendental() {
        return this != NEG && this != ABS && this != SIGN && this != ROUND && this != FLOOR && this != SQRT;
    }

    /** Lower-case name used in messages and graph listings. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
