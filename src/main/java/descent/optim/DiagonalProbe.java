package descent.optim;

/**
 * Hutchinson's estimate of the Hessian's diagonal for the curvature-preconditioned transforms:
 * the mean over probes of {@code z * (H z)} (elementwise), {@code H} the Hessian of the current
 * objective at the parameters, through the {@link Context}'s Hessian-vector products. The
 * Rademacher probe of element {@code i} is a function of {@code (seed, step, sample, i)} alone
 * (a counter-based generator, as {@link Sgld}'s noise), so a checkpoint needs only the step count
 * and the estimate does not depend on threads. For a diagonal Hessian every probe gives the exact
 * diagonal ({@code z_i^2 = 1}).
 */
final class DiagonalProbe {
    private final double[] z;
    private final double[] hz;
    private final double[] sample;

    DiagonalProbe(int n) {
        z = new double[n];
        hz = new double[n];
        sample = new double[n];
    }

    /** The probe element {@code i} for the key of one (seed, step, sample): +1 or -1. */
    static double rademacher(long key, int i) {
        return Sgld.mix(key + 0x9E3779B97F4A7C15L * (i + 1L)) < 0 ? -1.0 : 1.0;
    }

    /**
     * Writes the mean of {@code z * (H z)} over {@code samples} probes at {@code params} into
     * {@code out}.
     */
    void estimate(String who, Context context, double[] params, long seed, long step, int samples, double[] out) {
        int n = z.length;
        java.util.Arrays.fill(out, 0);
        for (int s = 0; s < samples; s++) {
            long key = Sgld.mix(seed ^ Sgld.mix(step * 0x632BE59BD9B4E019L + s + 0x2545F4914F6CDD1DL));
            for (int i = 0; i < n; i++) {
                z[i] = rademacher(key, i);
            }
            context.hvp(who, params, z, hz);
            for (int i = 0; i < n; i++) {
                out[i] += z[i] * hz[i];
            }
        }
        if (samples > 1) {
            for (int i = 0; i < n; i++) {
                out[i] /= samples;
            }
        }
    }

    /**
     * The truncated running diagonal of OASIS and SANIA: at step 0, {@code d} is the mean of
     * {@code warmup} probes; after, {@code d = beta2 d + (1 - beta2) z * (H z)} with one probe.
     * Writes {@code max(|d|, alpha)} into {@code truncated}.
     */
    void running(String who, Context context, double[] params, long seed, long step, int warmup, double beta2, double alpha,
            double[] d, double[] truncated) {
        int n = d.length;
        if (step == 0) {
            estimate(who, context, params, seed, step, warmup, d);
        } else {
            estimate(who, context, params, seed, step, 1, sample);
            for (int i = 0; i < n; i++) {
                d[i] = beta2 * d[i] + (1 - beta2) * sample[i];
            }
        }
        for (int i = 0; i < n; i++) {
            truncated[i] = Math.max(Math.abs(d[i]), alpha);
        }
    }
}
