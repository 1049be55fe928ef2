package descent.tensor;

import java.util.function.BinaryOperator;

/**
 * Arithmetic on truncated Taylor series whose coefficients are traced values, used by the Taylor
 * rules of primitives. A null coefficient is an exact zero and is skipped, which keeps the common
 * jets (most input coefficients zero) cheap. All coefficients are normalized: x(t) = sum_k x_k t^k.
 */
public final class Series {
    private Series() {
    }

    /** The truncation order K of coefficient arrays of length K+1. */
    public static <T extends Ops<T>> int order(T[][] x) {
        return x[0].length - 1;
    }

    /** True if some coefficient of order 1 or more is non-zero. */
    public static <T extends Ops<T>> boolean varies(T[] x) {
        for (int k = 1; k < x.length; k++) {
            if (x[k] != null) {
                return true;
            }
        }
        return false;
    }

    /** The series of a quantity that does not vary: [y0, 0, ..., 0]. */
    public static <T extends Ops<T>> T[] constant(T y0, int order) {
        T[] y = y0.newArray(order + 1);
        y[0] = y0;
        return y;
    }

    /** The one-element array [a], of the runtime array type of {@code like}'s kind. */
    public static <T extends Ops<T>> T[] of(T like, T a) {
        T[] r = like.newArray(1);
        r[0] = a;
        return r;
    }

    /** The array [a, b]. */
    public static <T extends Ops<T>> T[] of(T like, T a, T b) {
        T[] r = like.newArray(2);
        r[0] = a;
        r[1] = b;
        return r;
    }

    /** The array [a, b, c]. */
    public static <T extends Ops<T>> T[] of(T like, T a, T b, T c) {
        T[] r = like.newArray(3);
        r[0] = a;
        r[1] = b;
        r[2] = c;
        return r;
    }

    /** The one-operand coefficient array [x], as Taylor rules take it. */
    @SuppressWarnings("unchecked")
    public static <T extends Ops<T>> T[][] single(T[] x) {
        T[][] r = (T[][]) java.lang.reflect.Array.newInstance(x.getClass(), 1);
        r[0] = x;
        return r;
    }

    /** The pair of series [a, b]. */
    @SuppressWarnings("unchecked")
    public static <T extends Ops<T>> T[][] pair(T[] a, T[] b) {
        T[][] r = (T[][]) java.lang.reflect.Array.newInstance(a.getClass(), 2);
        r[0] = a;
        r[1] = b;
        return r;
    }

    /** a + b, null meaning zero. */
    public static <T extends Ops<T>> T add(T a, T b) {
        return a == null ? b : b == null ? a : a.add(b);
    }

    /** a - b, null meaning zero. */
    public static <T extends Ops<T>> T sub(T a, T b) {
        return b == null ? a : a == null ? b.neg() : a.sub(b);
    }

    /** a * b, null meaning zero. */
    public static <T extends Ops<T>> T mul(T a, T b) {
        return a == null || b == null ? null : a.mul(b);
    }

    /** s * a, null meaning zero. */
    public static <T extends Ops<T>> T scale(T a, double s) {
        return a == null ? null : s == 1 ? a : s == -1 ? a.neg() : a.mul(s);
    }

    /** -a, null meaning zero. */
    public static <T extends Ops<T>> T neg(T a) {
        return a == null ? null : a.neg();
    }

    /** Coefficient k of the product of two series: sum_{j=0..k} a_j b_{k-j}. */
    public static <T extends Ops<T>> T cauchyTerm(T[] a, T[] b, int k) {
        return cauchyTerm(a, b, k, T::mul);
    }

    /** Coefficient k of the product of two series under a bilinear {@code product}. */
    public static <T extends Ops<T>> T cauchyTerm(T[] a, T[] b, int k, BinaryOperator<T> product) {
        T s = null;
        for (int j = 0; j <= k; j++) {
            if (a[j] != null && b[k - j] != null) {
                s = add(s, product.apply(a[j], b[k - j]));
            }
        }
        return s;
    }

    /**
     * Coefficient k >= 1 of y where y' = g x' (the chain rule as an ODE in t):
     * y_k = (1/k) sum_{j=1..k} j x_j g_{k-j}. Needs g up to order k-1 only, so coupled rules
     * (y and g depending on each other) can be advanced one order at a time.
     */
    public static <T extends Ops<T>> T integrateTerm(T[] x, T[] g, int k) {
        T s = null;
        for (int j = 1; j <= k; j++) {
            if (x[j] != null && g[k - j] != null) {
                s = add(s, scale(x[j].mul(g[k - j]), j / (double) k));
            }
        }
        return s;
    }

    /** The full series of y with y' = g x', given y_0 and a series g already known to order K-1. */
    public static <T extends Ops<T>> T[] integrate(T y0, T[] x, T[] g) {
        T[] y = y0.newArray(x.length);
        y[0] = y0;
        for (int k = 1; k < y.length; k++) {
            y[k] = integrateTerm(x, g, k);
        }
        return y;
    }

    /** The quotient series q = a / b with q_0 given: q_k = (a_k - sum_{j=1..k} b_j q_{k-j}) / b_0. */
    public static <T extends Ops<T>> T[] divide(T[] a, T[] b, T q0) {
        T[] q = q0.newArray(a.length);
        q[0] = q0;
        for (int k = 1; k < q.length; k++) {
            T s = a[k];
            for (int j = 1; j <= k; j++) {
                if (b[j] != null && q[k - j] != null) {
                    s = sub(s, b[j].mul(q[k - j]));
                }
            }
            q[k] = s == null ? null : s.div(b[0]);
        }
        return q;
    }

    /** Applies a linear map to every coefficient (zero stays zero). */
    public static <T extends Ops<T>> T[] map(T[] x, java.util.function.UnaryOperator<T> linear, T y0) {
        T[] y = y0.newArray(x.length);
        y[0] = y0;
        for (int k = 1; k < y.length; k++) {
            y[k] = x[k] == null ? null : linear.apply(x[k]);
        }
        return y;
    }
}
