package descent.tensor;

/**
 * Elementwise functions of two arguments. Comparisons return 1.0 for true and 0.0 for false.
 * Each constant carries its own loops (both operands arrays, or one of them a repeated value) so
 * that the JIT compiles a separate loop per function and operand pattern.
 */
public enum BinaryOp {
    /** a + b */
    ADD {
        void loop(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] + b[bo + i]; }
        void aligned(double[] a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a[i] + b[i]; }
        void loop(double[] a, int ao, double b, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] + b; }
        void aligned(double[] a, double b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a[i] + b; }
        void loop(double a, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a + b[bo + i]; }
        void aligned(double a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a + b[i]; }
    },
    /** a - b */
    SUB {
        void loop(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] - b[bo + i]; }
        void aligned(double[] a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a[i] - b[i]; }
        void loop(double[] a, int ao, double b, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] - b; }
        void aligned(double[] a, double b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a[i] - b; }
        void loop(double a, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a - b[bo + i]; }
        void aligned(double a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a - b[i]; }
    },
    /** a * b */
    MUL {
        void loop(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] * b[bo + i]; }
        void aligned(double[] a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a[i] * b[i]; }
        void loop(double[] a, int ao, double b, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] * b; }
        void aligned(double[] a, double b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a[i] * b; }
        void loop(double a, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a * b[bo + i]; }
        void aligned(double a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a * b[i]; }
    },
    /** a / b */
    DIV {
        void loop(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] / b[bo + i]; }
        void aligned(double[] a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a[i] / b[i]; }
        void loop(double[] a, int ao, double b, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] / b; }
        void aligned(double[] a, double b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a[i] / b; }
        void loop(double a, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a / b[bo + i]; }
        void aligned(double a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a / b[i]; }
    },
    /** a^b */
    POW {
        void loop(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = Math.pow(a[ao + i], b[bo + i]); }
        void aligned(double[] a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = Math.pow(a[i], b[i]); }
        void loop(double[] a, int ao, double b, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = Math.pow(a[ao + i], b); }
        void aligned(double[] a, double b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = Math.pow(a[i], b); }
        void loop(double a, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = Math.pow(a, b[bo + i]); }
        void aligned(double a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = Math.pow(a, b[i]); }
    },
    /** max(a, b), NaN if either is NaN */
    MAXIMUM {
        void loop(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = Math.max(a[ao + i], b[bo + i]); }
        void aligned(double[] a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = Math.max(a[i], b[i]); }
        void loop(double[] a, int ao, double b, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = Math.max(a[ao + i], b); }
        void aligned(double[] a, double b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = Math.max(a[i], b); }
        void loop(double a, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = Math.max(a, b[bo + i]); }
        void aligned(double a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = Math.max(a, b[i]); }
    },
    /** min(a, b), NaN if either is NaN */
    MINIMUM {
        void loop(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = Math.min(a[ao + i], b[bo + i]); }
        void aligned(double[] a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = Math.min(a[i], b[i]); }
        void loop(double[] a, int ao, double b, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = Math.min(a[ao + i], b); }
        void aligned(double[] a, double b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = Math.min(a[i], b); }
        void loop(double a, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = Math.min(a, b[bo + i]); }
        void aligned(double a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = Math.min(a, b[i]); }
    },
    /** a < b */
    LT {
        void loop(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] < b[bo + i] ? 1 : 0; }
        void aligned(double[] a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a[i] < b[i] ? 1 : 0; }
        void loop(double[] a, int ao, double b, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] < b ? 1 : 0; }
        void aligned(double[] a, double b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a[i] < b ? 1 : 0; }
        void loop(double a, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a < b[bo + i] ? 1 : 0; }
        void aligned(double a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a < b[i] ? 1 : 0; }
    },
    /** a <= b */
    LE {
        void loop(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] <= b[bo + i] ? 1 : 0; }
        void aligned(double[] a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a[i] <= b[i] ? 1 : 0; }
        void loop(double[] a, int ao, double b, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] <= b ? 1 : 0; }
        void aligned(double[] a, double b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a[i] <= b ? 1 : 0; }
        void loop(double a, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a <= b[bo + i] ? 1 : 0; }
        void aligned(double a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a <= b[i] ? 1 : 0; }
    },
    /** a > b */
    GT {
        void loop(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] > b[bo + i] ? 1 : 0; }
        void aligned(double[] a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a[i] > b[i] ? 1 : 0; }
        void loop(double[] a, int ao, double b, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] > b ? 1 : 0; }
        void aligned(double[] a, double b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a[i] > b ? 1 : 0; }
        void loop(double a, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a > b[bo + i] ? 1 : 0; }
        void aligned(double a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a > b[i] ? 1 : 0; }
    },
    /** a >= b */
    GE {
        void loop(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] >= b[bo + i] ? 1 : 0; }
        void aligned(double[] a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a[i] >= b[i] ? 1 : 0; }
        void loop(double[] a, int ao, double b, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] >= b ? 1 : 0; }
        void aligned(double[] a, double b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a[i] >= b ? 1 : 0; }
        void loop(double a, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a >= b[bo + i] ? 1 : 0; }
        void aligned(double a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a >= b[i] ? 1 : 0; }
    },
    /** a == b */
    EQ {
        void loop(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] == b[bo + i] ? 1 : 0; }
        void aligned(double[] a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a[i] == b[i] ? 1 : 0; }
        void loop(double[] a, int ao, double b, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] == b ? 1 : 0; }
        void aligned(double[] a, double b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a[i] == b ? 1 : 0; }
        void loop(double a, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a == b[bo + i] ? 1 : 0; }
        void aligned(double a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a == b[i] ? 1 : 0; }
    },
    /** a != b */
    NE {
        void loop(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] != b[bo + i] ? 1 : 0; }
        void aligned(double[] a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a[i] != b[i] ? 1 : 0; }
        void loop(double[] a, int ao, double b, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a[ao + i] != b ? 1 : 0; }
        void aligned(double[] a, double b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a[i] != b ? 1 : 0; }
        void loop(double a, double[] b, int bo, double[] o, int oo, int n) { for (int i = 0; i < n; i++) o[oo + i] = a != b[bo + i] ? 1 : 0; }
        void aligned(double a, double[] b, double[] o, int lo, int hi) { for (int i = lo; i < hi; i++) o[i] = a != b[i] ? 1 : 0; }
    };

    /** o[oo + i] = f(a[ao + i], b[bo + i]) for i in [0, n); o may be a or b at the same offset. */
    abstract void loop(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n);

    /**
     * o[i] = f(a[i], b[i]) for i in [lo, hi): the loop above for equal offsets. Indexing every array
     * alike lets the JIT vectorize it, which it cannot do for distinct offsets of arrays that may be
     * one and the same.
     */
    abstract void aligned(double[] a, double[] b, double[] o, int lo, int hi);

    /**
     * {@link #loop(double[], int, double[], int, double[], int, int)} through {@link #aligned} when
     * the offsets agree, else for the arithmetic through {@link VectorArith} when {@link Simd}
     * measured it faster.
     */
    final void run(double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
        if (ao == oo && bo == oo) {
            aligned(a, b, o, oo, oo + n);
        } else if (n >= VECTOR_RUN && arithmetic() && Simd.vectorArith()) {
            VectorArith.loop(this, a, ao, b, bo, o, oo, n);
        } else {
            loop(a, ao, b, bo, o, oo, n);
        }
    }

    /** Runs shorter than this stay in the scalar loops: a vector loop's set-up and remainder would dominate. */
    private static final int VECTOR_RUN = 16;

    /** True for +, -, * and /, the functions with loops in {@link VectorArith}. */
    private boolean arithmetic() {
        return ordinal() <= DIV.ordinal();
    }

    /** o[oo + i] = f(a[ao + i], b) for i in [0, n); o may be a at the same offset. */
    abstract void loop(double[] a, int ao, double b, double[] o, int oo, int n);

    /** o[oo + i] = f(a, b[bo + i]) for i in [0, n); o may be b at the same offset. */
    abstract void loop(double a, double[] b, int bo, double[] o, int oo, int n);

    /** o[i] = f(a[i], b) for i in [lo, hi), the vectorizable form of the loop for equal offsets. */
    abstract void aligned(double[] a, double b, double[] o, int lo, int hi);

    /** o[i] = f(a, b[i]) for i in [lo, hi), the vectorizable form of the loop for equal offsets. */
    abstract void aligned(double a, double[] b, double[] o, int lo, int hi);

    /** {@link #loop(double[], int, double, double[], int, int)} through {@link #aligned} or {@link VectorArith} as above. */
    final void run(double[] a, int ao, double b, double[] o, int oo, int n) {
        if (ao == oo) {
            aligned(a, b, o, oo, oo + n);
        } else if (n >= VECTOR_RUN && arithmetic() && Simd.vectorArith()) {
            VectorArith.loop(this, a, ao, b, o, oo, n);
        } else {
            loop(a, ao, b, o, oo, n);
        }
    }

    /** {@link #loop(double, double[], int, double[], int, int)} through {@link #aligned} or {@link VectorArith} as above. */
    final void run(double a, double[] b, int bo, double[] o, int oo, int n) {
        if (bo == oo) {
            aligned(a, b, o, oo, oo + n);
        } else if (n >= VECTOR_RUN && arithmetic() && Simd.vectorArith()) {
            VectorArith.loop(this, a, b, bo, o, oo, n);
        } else {
            loop(a, b, bo, o, oo, n);
        }
    }

    /** f(a, b) for one pair of values. */
    public double apply(double a, double b) {
        double[] o = {b};
        loop(a, o, 0, o, 0, 1);
        return o[0];
    }

    /** True for the comparisons, whose results are 0/1 masks with zero derivative. */
    public boolean isComparison() {
        return ordinal() >= LT.ordinal();
    }

    /** Lower-case name used in messages and graph listings. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
