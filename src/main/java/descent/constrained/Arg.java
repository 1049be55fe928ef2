package descent.constrained;

/** Argument checks shared by the sets, penalties and methods of this package. */
final class Arg {
    private Arg() {
    }

    /** Fails unless {@code length} fits a set of dimension {@code dimension} (-1 fits any). */
    static void dimension(ConvexSet set, int dimension, int length) {
        if (dimension >= 0 && dimension != length) {
            throw new IllegalArgumentException(set.name() + ": a vector of " + length + " elements for a set of dimension "
                    + dimension);
        }
    }

    /** Returns {@code v} if it is finite and non-negative, else fails naming the owner and parameter. */
    static double nonNegative(String owner, String name, double v) {
        if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(owner + ": " + name + " must be finite and >= 0, got " + v);
        }
        return v;
    }

    /** Returns {@code v} if it is finite and positive, else fails naming the owner and parameter. */
    static double positive(String owner, String name, double v) {
        if (!(v > 0) || v == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(owner + ": " + name + " must be finite and > 0, got " + v);
        }
        return v;
    }

    /** Fails if some element of {@code a} is not finite, naming the owner and the element. */
    static double[] finite(String owner, String name, double[] a) {
        if (a == null) {
            throw new IllegalArgumentException(owner + ": " + name + " is null");
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(owner + ": " + name + "[" + i + "] is " + a[i]);
            }
        }
        return a.clone();
    }
}
