package descent.tensor;


import java.util.List;

/**
 * y = x^p for a constant real exponent p. Taylor: non-negative integer exponents up to 8 expand by
 * repeated series products (exact at x = 0); others use x y' = p y x', i.e.
 * y_k = (1/(k x_0)) sum_{j=1..k} (p j - (k - j)) x_j y_{k-j}.
 */
final class PowScalar extends Primitive {
    private static final int MAX_PRODUCT_POWER = 8;
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
            return (i, o) -> {
                double[] x = i[0];
                for (int k = 0; k < n; k++) {
                    o[k] = x[k] * x[k];
                }
            };
        }
        if (p == -1) {
            return (i, o) -> {
                double[] x = i[0];
                for (int k = 0; k < n; k++) {
                    o[k] = 1 / x[k];
                }
            };
        }
        if (p == 0.5) {
            return (i, o) -> {
                double[] x = i[0];
                for (int k = 0; k < n; k++) {
                    o[k] = Math.sqrt(x[k]);
                }
            };
        }
        return (i, o) -> {
            double[] x = i[0];
            for (int k = 0; k < n; k++) {
                o[k] = Math.pow(x[k], p);
            }
        };
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

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        T[] s = x[0];
        int order = s.length - 1;
        if (p == 0) {
            return Series.constant(y, order);
        }
        if (p == Math.rint(p) && p > 0 && p <= MAX_PRODUCT_POWER) {
            T[] acc = s;
            for (int m = 1; m < (int) p; m++) {
                T[] next = y.newArray(order + 1);
                for (int k = 1; k <= order; k++) {
                    next[k] = Series.cauchyTerm(acc, s, k);
                }
                next[0] = m == (int) p - 1 ? y : acc[0].mul(s[0]);
                acc = next;
            }
            acc[0] = y;
            return acc;
        }
        T[] r = Series.constant(y, order);
        for (int k = 1; k <= order; k++) {
            T sum = null;
            for (int j = 1; j <= k; j++) {
                if (s[j] != null && r[k - j] != null) {
                    sum = Series.add(sum, Series.scale(s[j].mul(r[k - j]), p * j - (k - j)));
                }
            }
            r[k] = sum == null ? null : sum.div(s[0].mul(k));
        }
        return r;
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
