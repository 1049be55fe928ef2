package descent.stde;

import java.util.Objects;

/**
 * How a differential operator is evaluated: exactly, or by a randomized estimator (the Stochastic
 * Taylor Derivative Estimator of Shi, Hu, Lin and Kawaguchi, NeurIPS 2024). Estimators draw their
 * coordinates or probe directions from a key given as the last argument of the operator's
 * function, so every step draws afresh from one compiled plan.
 */
public final class Method {
    enum Kind { EXACT, SPARSE, SPARSE_HVP, RADEMACHER, GAUSSIAN }

    final Kind kind;
    final int samples;
    final boolean twoSample;

    private Method(Kind kind, int samples, boolean twoSample) {
        this.kind = kind;
        this.samples = samples;
        this.twoSample = twoSample;
    }

    /**
     * Exact evaluation, one jet per coordinate, batched {@code chunk} coordinates at a time (the
     * chunks reuse each other's buffers, so memory grows with the chunk, not the dimension).
     */
    public static Method exact(int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("exact: the coordinate chunk must be at least 1, got " + chunk);
        }
        return new Method(Kind.EXACT, chunk, false);
    }

    /** Exact evaluation with a chunk chosen from the batch size (about 2^17 point-coordinate pairs at a time). */
    public static Method exact() {
        return new Method(Kind.EXACT, 0, false);
    }

    /**
     * Sparse STDE: {@code coordinates} distinct coordinates J drawn without replacement at each call,
     * the per-coordinate terms summed and scaled by d/|J| (unbiased for sums over coordinates).
     */
    public static Method sparse(int coordinates) {
        if (coordinates < 1) {
            throw new IllegalArgumentException("sparse: the number of sampled coordinates |J| must be at least 1, got "
                    + coordinates);
        }
        return new Method(Kind.SPARSE, coordinates, false);
    }

    /**
     * Sparse coordinates as {@link #sparse}, but each second derivative from a forward-over-reverse
     * Hessian-vector product instead of a Taylor-mode jet: the "parallelized backward SDGD" baseline
     * of the STDE paper, for second-order operators.
     */
    public static Method sparseHvp(int coordinates) {
        if (coordinates < 1) {
            throw new IllegalArgumentException("sparseHvp: the number of sampled coordinates |J| must be at least 1, got "
                    + coordinates);
        }
        return new Method(Kind.SPARSE_HVP, coordinates, false);
    }

    /** Dense STDE (Hutchinson) with {@code probes} Rademacher directions per point. */
    public static Method rademacher(int probes) {
        return dense(Kind.RADEMACHER, probes);
    }

    /** Dense STDE with {@code probes} standard Gaussian directions per point (also the biharmonic's estimator). */
    public static Method gaussian(int probes) {
        return dense(Kind.GAUSSIAN, probes);
    }

    private static Method dense(Kind kind, int probes) {
        if (probes < 1) {
            throw new IllegalArgumentException(kind.name().toLowerCase(java.util.Locale.ROOT)
                    + ": the number of probes must be at least 1, got " + probes);
        }
        return new Method(kind, probes, false);
    }

    /**
     * This estimator evaluated twice with independent draws, the two estimates stacked on a new
     * leading axis of 2: the product of the two residuals is an unbiased estimate of the squared
     * residual (the paper's eq. 25), where the square of one estimate is biased by its variance.
     */
    public Method twoSample() {
        if (kind == Kind.EXACT) {
            throw new IllegalArgumentException("twoSample: exact evaluation has no variance; use it alone");
        }
        return new Method(kind, samples, true);
    }

    /** True if the operator's function takes a key as its last argument. */
    public boolean needsKey() {
        return kind != Kind.EXACT;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Method && ((Method) o).kind == kind && ((Method) o).samples == samples
                && ((Method) o).twoSample == twoSample;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, samples, twoSample);
    }

    @Override
    public String toString() {
        switch (kind) {
            case EXACT: return samples == 0 ? "exact" : "exact(chunk " + samples + ")";
            case SPARSE: return "sparse(|J| = " + samples + ")" + (twoSample ? ", two-sample" : "");
            case SPARSE_HVP: return "sparseHvp(|J| = " + samples + ")" + (twoSample ? ", two-sample" : "");
            default: return kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + samples + " probes)"
                    + (twoSample ? ", two-sample" : "");
        }
    }
}
