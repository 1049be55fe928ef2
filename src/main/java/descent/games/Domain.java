package descent.games;

import descent.constrained.ConvexSet;

/**
 * The geometry of one player's strategy set in the mirror-descent steps of {@link GameMethods}:
 * a step from {@code u} along a direction {@code d} with step {@code eta} moves to
 * {@code argmin_{v in C} <eta d, v> + D(v, u)} for the domain's Bregman divergence {@code D}.
 * <ul>
 * <li>{@link #euclidean()}: {@code C = R^k}, {@code D = |v - u|^2 / 2}: {@code v = u - eta d};</li>
 * <li>{@link #projected}: a closed convex set with the Euclidean divergence:
 * {@code v = P_C(u - eta d)};</li>
 * <li>{@link #simplex()}: the probability simplex with the Kullback–Leibler divergence (the entropic
 * geometry): {@code v_i = u_i exp(-eta d_i) / sum_j u_j exp(-eta d_j)}.</li>
 * </ul>
 */
public final class Domain {
    private enum Kind { EUCLIDEAN, PROJECTED, SIMPLEX }

    private static final Domain EUCLIDEAN = new Domain(Kind.EUCLIDEAN, null);
    private static final Domain SIMPLEX = new Domain(Kind.SIMPLEX, null);

    private final Kind kind;
    private final ConvexSet set;

    private Domain(Kind kind, ConvexSet set) {
        this.kind = kind;
        this.set = set;
    }

    /** The whole space with the Euclidean geometry (plain gradient steps). */
    public static Domain euclidean() {
        return EUCLIDEAN;
    }

    /** A closed convex set with the Euclidean geometry (projected gradient steps). */
    public static Domain projected(ConvexSet set) {
        if (set == null) {
            throw new IllegalArgumentException("Domain.projected: the set is null (use Domain.euclidean() for the whole space)");
        }
        return new Domain(Kind.PROJECTED, set);
    }

    /** The probability simplex {@code {v >= 0, sum v = 1}} with the entropic geometry (multiplicative weights). */
    public static Domain simplex() {
        return SIMPLEX;
    }

    /** The domain's name for messages. */
    public String name() {
        switch (kind) {
            case PROJECTED:
                return "projected(" + set.name() + ")";
            case SIMPLEX:
                return "simplex";
            default:
                return "euclidean";
        }
    }

    /** True for the whole space with the Euclidean geometry. */
    boolean isEuclidean() {
        return kind == Kind.EUCLIDEAN;
    }

    /**
     * Moves a start {@code z[offset, offset + length)} into the domain and returns whether it moved;
     * fails for a simplex start with a zero or negative element after normalization.
     */
    boolean start(double[] z, int offset, int length, String who) {
        switch (kind) {
            case PROJECTED: {
                double[] before = java.util.Arrays.copyOfRange(z, offset, offset + length);
                set.project(z, offset, length);
                return !java.util.Arrays.equals(before, java.util.Arrays.copyOfRange(z, offset, offset + length));
            }
            case SIMPLEX: {
                double s = 0;
                for (int i = offset; i < offset + length; i++) {
                    if (!(z[i] > 0)) {
                        throw new IllegalArgumentException(who + ": the entropic (simplex) geometry needs a start with every element > 0, "
                                + "got element " + (i - offset) + " = " + z[i] + " (start from the uniform point)");
                    }
                    s += z[i];
                }
                if (Math.abs(s - 1) <= 1e-15) {
                    return false;
                }
                for (int i = offset; i < offset + length; i++) {
                    z[i] /= s;
                }
                return true;
            }
            default:
                return false;
        }
    }

    /**
     * Writes into {@code out[offset, offset + length)} the mirror step from {@code u} along
     * {@code d} with step {@code eta} (same slice of each array).
     */
    void step(double[] u, double[] d, double eta, double[] out, int offset, int length) {
        int hi = offset + length;
        if (kind == Kind.SIMPLEX) {
            double min = Double.POSITIVE_INFINITY;
            for (int i = offset; i < hi; i++) {
                min = Math.min(min, eta * d[i]);
            }
            double s = 0;
            for (int i = offset; i < hi; i++) {
                out[i] = u[i] * Math.exp(-(eta * d[i] - min));
                s += out[i];
            }
            for (int i = offset; i < hi; i++) {
                out[i] /= s;
            }
            return;
        }
        for (int i = offset; i < hi; i++) {
            out[i] = u[i] - eta * d[i];
        }
        if (kind == Kind.PROJECTED) {
            set.project(out, offset, length);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
