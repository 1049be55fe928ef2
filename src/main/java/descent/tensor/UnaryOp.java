package descent.tensor;

/**
 * Elementwise functions of one argument. Each constant carries its own loop so that the JIT
 * compiles a separate, vectorizable loop per function.
 */
public enum UnaryOp {
    /** -x */
    NEG { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = -x[xo + i]; }
        void aligned(double[] x, double[] y, int lo, int hi) { for (int i = lo; i < hi; i++) y[i] = -x[i]; } },
    /** e^x */
    EXP { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.exp(x[xo + i]); }
        void aligned(double[] x, double[] y, int lo, int hi) { for (int i = lo; i < hi; i++) y[i] = FastMath.exp(x[i]); } },
    /** natural logarithm */
    LOG { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.log(x[xo + i]); }
        void aligned(double[] x, double[] y, int lo, int hi) { for (int i = lo; i < hi; i++) y[i] = FastMath.log(x[i]); } },
    /** log(1 + x) */
    LOG1P { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.log1p(x[xo + i]); }
        void aligned(double[] x, double[] y, int lo, int hi) { for (int i = lo; i < hi; i++) y[i] = FastMath.log1p(x[i]); } },
    /** e^x - 1 */
    EXPM1 { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.expm1(x[xo + i]); }
        void aligned(double[] x, double[] y, int lo, int hi) { for (int i = lo; i < hi; i++) y[i] = FastMath.expm1(x[i]); } },
    /** square root */
    SQRT { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = Math.sqrt(x[xo + i]); }
        void aligned(double[] x, double[] y, int lo, int hi) { for (int i = lo; i < hi; i++) y[i] = Math.sqrt(x[i]); } },
    /** |x| */
    ABS { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = Math.abs(x[xo + i]); }
        void aligned(double[] x, double[] y, int lo, int hi) { for (int i = lo; i < hi; i++) y[i] = Math.abs(x[i]); } },
    /** sign of x: -1, 0 or 1 (NaN stays NaN) */
    SIGN { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = Math.signum(x[xo + i]); }
        void aligned(double[] x, double[] y, int lo, int hi) { for (int i = lo; i < hi; i++) y[i] = Math.signum(x[i]); } },
    /** sine */
    SIN { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.sin(x[xo + i]); }
        void aligned(double[] x, double[] y, int lo, int hi) { for (int i = lo; i < hi; i++) y[i] = FastMath.sin(x[i]); } },
    /** cosine */
    COS { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.cos(x[xo + i]); }
        void aligned(double[] x, double[] y, int lo, int hi) { for (int i = lo; i < hi; i++) y[i] = FastMath.cos(x[i]); } },
    /** tangent */
    TAN { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.tan(x[xo + i]); }
        void aligned(double[] x, double[] y, int lo, int hi) { for (int i = lo; i < hi; i++) y[i] = FastMath.tan(x[i]); } },
    /** hyperbolic tangent */
    TANH { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.tanh(x[xo + i]); }
        void aligned(double[] x, double[] y, int lo, int hi) { for (int i = lo; i < hi; i++) y[i] = FastMath.tanh(x[i]); } },
    /** hyperbolic sine */
    SINH { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.sinh(x[xo + i]); }
        void aligned(double[] x, double[] y, int lo, int hi) { for (int i = lo; i < hi; i++) y[i] = FastMath.sinh(x[i]); } },
    /** hyperbolic cosine */
    COSH { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.cosh(x[xo + i]); }
        void aligned(double[] x, double[] y, int lo, int hi) { for (int i = lo; i < hi; i++) y[i] = FastMath.cosh(x[i]); } },
    /** logistic sigmoid 1/(1+e^-x) */
    SIGMOID { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.sigmoid(x[xo + i]); }
        void aligned(double[] x, double[] y, int lo, int hi) { for (int i = lo; i < hi; i++) y[i] = FastMath.sigmoid(x[i]); } },
    /** softplus log(1+e^x) */
    SOFTPLUS { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.softplus(x[xo + i]); }
        void aligned(double[] x, double[] y, int lo, int hi) { for (int i = lo; i < hi; i++) y[i] = FastMath.softplus(x[i]); } },
    /** error function */
    ERF { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.erf(x[xo + i]); }
        void aligned(double[] x, double[] y, int lo, int hi) { for (int i = lo; i < hi; i++) y[i] = FastMath.erf(x[i]); } },
    /** arctangent */
    ATAN { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = FastMath.atan(x[xo + i]); }
        void aligned(double[] x, double[] y, int lo, int hi) { for (int i = lo; i < hi; i++) y[i] = FastMath.atan(x[i]); } },
    /** nearest integer, ties to even */
    ROUND { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = Math.rint(x[xo + i]); }
        void aligned(double[] x, double[] y, int lo, int hi) { for (int i = lo; i < hi; i++) y[i] = Math.rint(x[i]); } },
    /** largest integer not above x */
    FLOOR { void loop(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i++) y[yo + i] = Math.floor(x[xo + i]); }
        void aligned(double[] x, double[] y, int lo, int hi) { for (int i = lo; i < hi; i++) y[i] = Math.floor(x[i]); } };

    /** y[yo + i] = f(x[xo + i]) for i in [0, n); x and y may be the same array at the same offset. */
    abstract void loop(double[] x, int xo, double[] y, int yo, int n);

    /**
     * y[i] = f(x[i]) for i in [lo, hi): the loop above for equal offsets. Indexing both arrays alike
     * lets the JIT vectorize it, which it cannot do for distinct offsets of arrays that may be one
     * and the same.
     */
    abstract void aligned(double[] x, double[] y, int lo, int hi);

    /** {@link #loop} through {@link #aligned} when the offsets agree. */
    final void run(double[] x, int xo, double[] y, int yo, int n) {
        if (xo == yo) {
            aligned(x, y, yo, yo + n);
        } else {
            loop(x, xo, y, yo, n);
        }
    }

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
