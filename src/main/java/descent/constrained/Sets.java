package descent.constrained;

import descent.tensor.ParamLayout;

/**
 * The catalogue of {@link ConvexSet}s: Euclidean projections in closed form or by a finite
 * algorithm, and linear minimization oracles for the bounded ones.
 *
 * <pre>{@code
 * ConvexSet c = Sets.l1Ball(1.0);
 * Result r = Minimize.with(ConstrainedMethods.projectedGradient(c)).run(f, x0);
 * }</pre>
 *
 * <p>Constructors fail on an empty set (a lower bound above an upper bound, a negative radius)
 * and on data that defines no set (NaN, a zero normal, a rank-deficient {@code A}).
 */
public final class Sets {
    private Sets() {
    }

    /** The box {@code lower <= x <= upper}, elementwise; infinite bounds leave a side open. */
    public static ConvexSet box(double[] lower, double[] upper) {
        if (lower == null || upper == null || lower.length != upper.length) {
            throw new IllegalArgumentException("Sets.box: needs lower and upper bounds of one length, got "
                    + (lower == null ? "null" : lower.length) + " and " + (upper == null ? "null" : upper.length));
        }
        return new Box("box(n=" + lower.length + ")", lower.clone(), upper.clone());
    }

    /** The box {@code lo <= x_i <= hi} for every element, in any dimension. */
    public static ConvexSet box(double lo, double hi) {
        return new Box("box(" + lo + ", " + hi + ")", lo, hi);
    }

    /** The nonnegative orthant {@code x >= 0}. */
    public static ConvexSet nonnegative() {
        return new Box("nonnegative", 0, Double.POSITIVE_INFINITY);
    }

    /** The infinity-norm ball {@code max_i |x_i| <= radius}. */
    public static ConvexSet linfBall(double radius) {
        return new Box("linfBall(" + Arg.nonNegative("Sets.linfBall", "radius", radius) + ")", -radius, radius);
    }

    /** The Euclidean ball {@code |x| <= radius}. */
    public static ConvexSet l2Ball(double radius) {
        return new L2Ball(radius, null);
    }

    /** The Euclidean ball {@code |x - center| <= radius}. */
    public static ConvexSet l2Ball(double radius, double[] center) {
        return new L2Ball(radius, Arg.finite("Sets.l2Ball", "center", center));
    }

    /** The l1 ball {@code sum_i |x_i| <= radius}, projected in {@code O(n log n)} (Duchi et al., 2008). */
    public static ConvexSet l1Ball(double radius) {
        return new L1Ball(radius);
    }

    /** The probability simplex {@code {x >= 0, sum_i x_i = 1}}. */
    public static ConvexSet simplex() {
        return new Simplex(1);
    }

    /** The scaled simplex {@code {x >= 0, sum_i x_i = radius}}, {@code radius > 0}. */
    public static ConvexSet simplex(double radius) {
        return new Simplex(radius);
    }

    /** The hyperplane {@code <a, x> = b}, {@code a != 0}. */
    public static ConvexSet hyperplane(double[] a, double b) {
        return new Halfspace(a, b, true);
    }

    /** The halfspace {@code <a, x> <= b}, {@code a != 0}. */
    public static ConvexSet halfspace(double[] a, double b) {
        return new Halfspace(a, b, false);
    }

    /**
     * The affine set {@code {x : A x = b}} for a row-major {@code m x n} matrix {@code A} of full
     * row rank.
     */
    public static ConvexSet affine(double[] a, int m, int n, double[] b) {
        return new Affine(a, m, n, b);
    }

    /** The second-order cone {@code {(u, t) : |u| <= t}}, {@code t} the last element. */
    public static ConvexSet secondOrderCone() {
        return new SecondOrderCone();
    }

    /** The cone of symmetric positive semidefinite {@code n x n} matrices (row-major), projected by eigendecomposition. */
    public static ConvexSet psdCone(int n) {
        return new PsdCone(n);
    }

    /**
     * The nuclear-norm ball {@code {X : sum_i s_i(X) <= radius}} of row-major {@code m x n} matrices,
     * projected by projecting the singular values onto the l1 ball.
     */
    public static ConvexSet nuclearBall(int m, int n, double radius) {
        return new NuclearBall(m, n, radius);
    }

    /** The product of {@code sets}, set {@code i} acting on the next {@code lengths[i]} elements. */
    public static ConvexSet product(ConvexSet[] sets, int[] lengths) {
        return new Product(sets, lengths);
    }

    /**
     * The product of one set per leaf of a parameter layout, in the layout's order: leaf
     * {@code i} is constrained to {@code sets[i]}.
     */
    public static ConvexSet perLeaf(ParamLayout layout, ConvexSet... sets) {
        if (layout == null || sets == null || sets.length != layout.leafCount()) {
            throw new IllegalArgumentException("Sets.perLeaf: needs one set per leaf of " + layout + ", got "
                    + (sets == null ? "none" : sets.length));
        }
        int[] lengths = new int[sets.length];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = layout.size(i);
        }
        return new Product(sets, lengths);
    }
}
