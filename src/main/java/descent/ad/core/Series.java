package descent.ad.core;

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
    public static int order(Value[][] x) {
        return x[0].length - 1;
    }

    /** True if some coefficient of order 1 or more is non-zero. */
    public static boolean varies(Value[] x) {
        for (int k = 1; k < x.length; k++) {
            if (x[k] != null) {
                return true;
            }
        }
        return false;
    }

    /** The series of a quantity that does not vary: [y0, 0, ..., 0]. */
    public static Value[] constant(Value y0, int order) {
        Value[] y = new Value[order + 1];
        y[0] = y0;
        return y;
    }

    /** a + b, null meaning zero. */
    public static Value add(Value a, Value b) {
        return a == null ? b : b == null ? a : a.add(b);
    }

    /** a - b, null meaning zero. */
    public static Value sub(Value a, Value b) {
        return b == null ? a : a == null ? b.neg() : a.sub(b);
    }

    /** a * b, null meaning zero. */
    public static Value mul(Value a, Value b) {
        return a == null || b == null ? null : a.mul(b);
    }

    /** s * a, null meaning zero. */
    public static Value scale(Value a, double s) {
        return a == null ? null : s == 1 ? a : s == -1 ? a.neg() : a.mul(s);
    }

    /** -a, null meaning zero. */
    public static Value neg(Value a) {
        return a == null ? null : a.neg();
    }

    /** Coefficient k of the product of two series: sum_{j=0..k} a_j b_{k-j}. */
    public static Value cauchyTerm(Value[] a, Value[] b, int k) {
        return cauchyTerm(a, b, k, Value::mul);
    }

    /** Coefficient k of the product of two series under a bilinear {@code product}. */
    public static Value cauchyTerm(Value[] a, Value[] b, int k, BinaryOperator<Value> product) {
        Value s = null;
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
    public static Value integrateTerm(Value[] x, Value[] g, int k) {
        Value s = null;
        for (int j = 1; j <= k; j++) {
            if (x[j] != null && g[k - j] != null) {
                s = add(s, scale(x[j].mul(g[k - j]), j / (double) k));
            }
        }
        return s;
    }

    /** The full series of y with y' = g x', given y_0 and a series g already known to order K-1. */
    public static Value[] integrate(Value y0, Value[] x, Value[] g) {
        Value[] y = new Value[x.length];
        y[0] = y0;
        for (int k = 1; k < y.length; k++) {
            y[k] = integrateTerm(x, g, k);
        }
        return y;
    }

    /** The quotient series q = a / b with q_0 given: q_k = (a_k - sum_{j=1..k} b_j q_{k-j}) / b_0. */
    public static Value[] divide(Value[] a, Value[] b, Value q0) {
        Value[] q = new Value[a.length];
        q[0] = q0;
        for (int k = 1; k < q.length; k++) {
            Value s = a[k];
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
    public static Value[] map(Value[] x, java.util.function.UnaryOperator<Value> linear, Value y0) {
        Value[] y = new Value[x.length];
        y[0] = y0;
        for (int k = 1; k < y.length; k++) {
            y[k] = x[k] == null ? null : linear.apply(x[k]);
        }
        return y;
    }
}
