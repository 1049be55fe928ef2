package descent.tensor;


/**
 * Elementwise a^b with a traced exponent (needs a &gt; 0 wherever the exponent varies). Taylor:
 * with a constant exponent, a y' = b y a'; otherwise y = exp(b log a), expanded by the log and exp
 * rules around the exact primal value.
 */
final class Pow extends BinaryPrimitive {
    /** The primitive. */
    public static final Pow INSTANCE = new Pow();

    private Pow() {
        super(BinaryOp.POW);
    }

    /** b a^(b-1), taken as 0 where b = 0 (also at a = 0, where the formula gives 0 * inf). */
    private static <T extends Ops<T>> T dBase(T a, T b) {
        T zero = a.constant(0);
        return b.eq(0).where(zero, b.mul(a.pow(b.sub(1))));
    }

    /** y log a, taken as 0 where a = 0 (the limit of a^b log a for b &gt; 0, as in PyTorch and JAX). */
    private static <T extends Ops<T>> T dExponent(T a, T y) {
        T safe = a.eq(0).where(a.constant(1), a);
        return y.mul(safe.log());
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return Series.add(Series.mul(t[0], t[0] == null ? null : dBase(x[0], x[1])),
                Series.mul(t[1], t[1] == null ? null : dExponent(x[0], y)));
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return Series.of(ct, needed[0] ? ct.mul(dBase(x[0], x[1])) : null, needed[1] ? ct.mul(dExponent(x[0], y)) : null);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        T[] a = x[0];
        T[] b = x[1];
        int order = a.length - 1;
        T[] r = Series.constant(y, order);
        if (!Series.varies(b)) {
            for (int k = 1; k <= order; k++) {
                T sum = null;
                for (int j = 1; j <= k; j++) {
                    if (a[j] != null && r[k - j] != null) {
                        T w = b[0].mul(j).sub(k - j);
                        sum = Series.add(sum, a[j].mul(r[k - j]).mul(w));
                    }
                }
                r[k] = sum == null ? null : sum.div(a[0].mul(k));
            }
            return r;
        }
        T[] logA = Log.logSeries(a, a[0], a[0].log());
        T[] p = y.newArray(order + 1);
        for (int k = 1; k <= order; k++) {
            p[k] = Series.cauchyTerm(b, logA, k);
        }
        for (int k = 1; k <= order; k++) {
            r[k] = Series.integrateTerm(p, r, k);
        }
        return r;
    }

    @Override
    double[] domain() {
        return new double[] {0.5, 2};
    }
}
