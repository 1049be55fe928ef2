package descent.optim;

import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Tensor;

import java.util.Arrays;

/**
 * Box constraints {@code lower <= x <= upper}, elementwise over the flat parameter vector; an
 * infinite bound leaves its side unbounded. Bounds given as trees of tensors must have the
 * structure and leaf shapes of the parameters. {@link Minimize#bounds} attaches them to a run:
 * bounded methods ({@link Methods#lbfgsb}) honour them in every step, and a {@link Transform}
 * run projects its iterate onto the box after every step (projected gradient descent).
 *
 * <pre>{@code
 * Bounds box = Bounds.of(Params.of("w", Tensor.full(0.0, 3)), Params.of("w", Tensor.full(Double.POSITIVE_INFINITY, 3)));
 * Result r = Minimize.with(Methods.lbfgsb()).bounds(box).run(f, params);
 * }</pre>
 */
public final class Bounds {
    /** No bound on any element. */
    public static final Bounds NONE = new Bounds(null, null);

    private final double[] lower;
    private final double[] upper;

    private Bounds(double[] lower, double[] upper) {
        this.lower = lower;
        this.upper = upper;
    }

    /**
     * Bounds on a flat vector.
     *
     * @throws IllegalArgumentException if the lengths differ, a bound is NaN, a lower bound is
     *                                  {@code +inf}, an upper bound {@code -inf}, or
     *                                  {@code lower[i] > upper[i]} (naming the element)
     */
    public static Bounds of(double[] lower, double[] upper) {
        if (lower == null || upper == null) {
            throw new IllegalArgumentException("Bounds: lower and upper bounds are required (use infinities for no bound)");
        }
        if (lower.length != upper.length) {
            throw new IllegalArgumentException("Bounds: " + lower.length + " lower and " + upper.length + " upper bounds");
        }
        Bounds b = new Bounds(lower.clone(), upper.clone());
        b.validate(null);
        return b;
    }

    /**
     * Bounds on the leaves of a parameter tree, given as trees of the same structure.
     *
     * @throws IllegalArgumentException if the trees differ in structure or leaf shapes, or a
     *                                  bound is invalid (naming the leaf and the element)
     */
    public static Bounds of(Params<Tensor> lower, Params<Tensor> upper) {
        if (lower == null || upper == null) {
            throw new IllegalArgumentException("Bounds: lower and upper bounds are required (use infinities for no bound)");
        }
        lower.requireSameStructure(upper, "Bounds");
        ParamLayout layout = ParamLayout.of(lower);
        ParamLayout other = ParamLayout.of(upper);
        if (!layout.equals(other)) {
            throw new IllegalArgumentException("Bounds: lower bounds " + layout + " and upper bounds " + other + " differ in shape");
        }
        Bounds b = new Bounds(layout.flatten(lower), layout.flatten(upper));
        b.validate(layout);
        return b;
    }

    /** The same bounds {@code [lo, hi]} for each of {@code n} elements. */
    public static Bounds box(int n, double lo, double hi) {
        double[] l = new double[n];
        double[] u = new double[n];
        Arrays.fill(l, lo);
        Arrays.fill(u, hi);
        return of(l, u);
    }

    /** Bounds on a single tensor parameter (a run over a plain vector or one leaf). */
    public static Bounds of(Tensor lower, Tensor upper) {
        if (!lower.shape().equals(upper.shape())) {
            throw new IllegalArgumentException("Bounds: lower bounds of shape " + lower.shape() + " and upper bounds of shape "
                    + upper.shape());
        }
        return of(lower.toArray(), upper.toArray());
    }

    private void validate(ParamLayout layout) {
        for (int i = 0; i < lower.length; i++) {
            double l = lower[i];
            double u = upper[i];
            String where = layout == null ? "element " + i : "leaf '" + layout.path(layout.leafAt(i)) + "' element "
                    + (i - layout.offset(layout.leafAt(i)));
            if (Double.isNaN(l) || Double.isNaN(u)) {
                throw new IllegalArgumentException("Bounds: " + where + " has a NaN bound [" + l + ", " + u + "]");
            }
            if (l == Double.POSITIVE_INFINITY || u == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("Bounds: " + where + " has bounds [" + l + ", " + u + "], which no finite value meets");
            }
            if (l > u) {
                throw new IllegalArgumentException("Bounds: infeasible at " + where + ": lower bound " + l + " > upper bound " + u);
            }
        }
    }

    /** True if some element has a finite bound. */
    public boolean isBounded() {
        if (lower == null) {
            return false;
        }
        for (int i = 0; i < lower.length; i++) {
            if (lower[i] != Double.NEGATIVE_INFINITY || upper[i] != Double.POSITIVE_INFINITY) {
                return true;
            }
        }
        return false;
    }

    /** Number of bounded elements, or -1 for {@link #NONE}, which fits any length. */
    public int size() {
        return lower == null ? -1 : lower.length;
    }

    /** The lower bound of element {@code i} ({@code -inf} if unbounded below). */
    public double lower(int i) {
        return lower == null ? Double.NEGATIVE_INFINITY : lower[i];
    }

    /** The upper bound of element {@code i} ({@code +inf} if unbounded above). */
    public double upper(int i) {
        return upper == null ? Double.POSITIVE_INFINITY : upper[i];
    }

    /** The lower bounds (a copy). */
    public double[] lower() {
        return lower == null ? null : lower.clone();
    }

    /** The upper bounds (a copy). */
    public double[] upper() {
        return upper == null ? null : upper.clone();
    }

    /**
     * Replaces {@code x} by its projection onto the box, {@code min(max(x, lower), upper)}, and
     * returns the number of elements that moved.
     */
    public int project(double[] x) {
        if (lower == null) {
            return 0;
        }
        int moved = 0;
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            double p = Math.min(Math.max(v, lower[i]), upper[i]);
            if (p != v) {
                x[i] = p;
                moved++;
            }
        }
        return moved;
    }

    /**
     * The infinity norm of the projected gradient, {@code max_i |P(x - g) - x|_i}, in SciPy's
     * L-BFGS-B form: zero exactly at a stationary point of the bounded problem.
     */
    public double projectedGradientNorm(double[] x, double[] g) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            double gi = g[i];
            if (lower != null) {
                if (gi < 0) {
                    gi = Math.max(x[i] - upper[i], gi);
                } else {
                    gi = Math.min(x[i] - lower[i], gi);
                }
            }
            m = Math.max(m, Math.abs(gi));
        }
        return m;
    }

    /** These bounds checked against a run of this layout. */
    Bounds require(ParamLayout layout, String op) {
        if (lower != null && lower.length != layout.size()) {
            throw new IllegalArgumentException(op + ": bounds for " + lower.length + " elements, but the parameters " + layout
                    + " have " + layout.size());
        }
        return this;
    }

    @Override
    public String toString() {
        if (lower == null) {
            return "Bounds.NONE";
        }
        int bounded = 0;
        for (int i = 0; i < lower.length; i++) {
            if (lower[i] != Double.NEGATIVE_INFINITY || upper[i] != Double.POSITIVE_INFINITY) {
                bounded++;
            }
        }
        return "Bounds{" + bounded + " of " + lower.length + " elements bounded}";
    }
}
