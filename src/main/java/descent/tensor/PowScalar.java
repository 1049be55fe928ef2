package descent.tensor;


import java.util.List;

/**
 * y = x^p for a constant real exponent p, with {@link Math#pow} semantics. Taylor: non-negative
 * integer exponents by binary exponentiation of the series (exact at x = 0); others by
 * x y' = p y x', i.e. y_k = (1/(k x_0)) sum_{j=1..k} (p j - (k - j)) x_j y_{k-j}.
 */
final class PowScalar extends Primitive {
    private final double p;

    /** x^p. */
    public PowScalar(double p) {
        this.p = p;
    }

    /** The exponent. */
    public double exponent() {
        return p;
    }

    @Override
    public String name() {
        return "pow[" + p + "]";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape shape(Shape... in) {
        return in[0];
    }

    @Override
    public Kernel kernel(Shape[] in, Shape out) {
        int n = out.size();
        if (p == 2) {
            return Elementwise.ranged(n, false, (i, o, lo, hi) -> {
                double[] x = i[0];
                for (int k = lo; k < hi; k++) {
                    o[k] = x[k] * x[k];
                }
            });
        }
        if (p == -1) {
            return Elementwise.ranged(n, false, (i, o, lo, hi) -> {
                double[] x = i[0];
                for (int k = lo; k < hi; k++) {
                    o[k] = 1 / x[k];
                }
            });
        }
        if (p == 0.5) {
            return Elementwise.ranged(n, false, (i, o, lo, hi) -> {
                double[] x = i[0];
                for (int k = lo; k < hi; k++) {
                    double v = x[k];
                    o[k] = v == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : Math.sqrt(v + 0.0);
                }
            });
        }
        return Elementwise.ranged(n, true, (i, o, lo, hi) -> {
            double[] x = i[0];
            for (int k = lo; k < hi; k++) {
                o[k] = Math.pow(x[k], p);
            }
        });
    }

    @Override
    public boolean inPlace(int i, Shape[] in, Shape out) {
        return true;
    }

    private <T extends Ops<T>> T derivative(T x) {
        if (p == 0) {
            return null;
        }
        if (p == 2) {
            return x.mul(2);
        }
        return x.pow(p - 1).mul(p);
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return Series.mul(t[0], derivative(x[0]));
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return Series.of(ct, needed[0] ? Series.mul(ct, derivative(x[0])) : null);
    }

    /**
     * Non-negative integer exponents: binary exponentiation of the series (products only, so exact
     * at x = 0 for any power). Other exponents: the recurrence x y' = p y x', which divides by x_0;
     * where x_0 = 0 it is evaluated at a safe point and replaced by the limit 0 for the orders
     * below p (the higher ones are infinite), so gradients through it stay finite.
     */
    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        T[] s = x[0];
        int order = s.length - 1;
        if (p == 0) {
            return Series.constant(y, order);
        }
        if (p == Math.rint(p) && p > 0 && p < 1L << 52) {
            T[] result = null;
            T[] base = s;
            long e = (long) p;
            while (e > 0) {
                if ((e & 1) != 0) {
                    result = result == null ? base : product(result, base);
                }
                e >>= 1;
                if (e > 0) {
                    base = product(base, base);
                }
            }
            T[] r = result == s ? s.clone() : result;
            r[0] = y;
            return r;
        }
        T x0 = s[0];
        T atZero = x0.eq(0);
        T safe = atZero.where(x0.constant(1), x0);
        T[] r = Series.constant(y, order);
        T[] ySafe = Series.constant(safe.pow(p), order);
        for (int k = 1; k <= order; k++) {
            T sum = null;
            for (int j = 1; j <= k; j++) {
                if (s[j] != null && ySafe[k - j] != null) {
                    sum = Series.add(sum, Series.scale(s[j].mul(ySafe[k - j]), p * j - (k - j)));
                }
            }
            ySafe[k] = sum == null ? null : sum.div(safe.mul(k));
            if (ySafe[k] != null) {
                T limit = x0.constant(k < p ? 0 : Double.NaN);
                r[k] = atZero.where(limit, ySafe[k]);
            }
        }
        return r;
    }

    /** The product of two truncated series. */
    private static <T extends Ops<T>> T[] product(T[] a, T[] b) {
        T[] c = a[0].newArray(a.length);
        for (int k = 0; k < c.length; k++) {
            c[k] = Series.cauchyTerm(a, b, k);
        }
        return c;
    }

    @Override
    List<Sample> samples() {
        return List.of(
                Sample.of(new PowScalar(2), -2, 2, Shape.of(2, 3)),
                Sample.of(new PowScalar(3), -2, 2, Shape.of(4)),
                Sample.of(new PowScalar(-1), 0.5, 2, Shape.of(4)),
                Sample.of(new PowScalar(0.5), 0.5, 2, Shape.of(4)),
                Sample.of(new PowScalar(-2.5), 0.5, 2, Shape.of(2, 2)),
                Sample.of(new PowScalar(1.7), 0.5, 2, Shape.SCALAR));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PowScalar && Double.compare(((PowScalar) o).p, p) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(p);
    }

    @Override
    public <T extends Ops<T>> T batch(T[] x, boolean[] batched, int size) {
        return Batching.elementwise(this, x, batched);
    }
}
