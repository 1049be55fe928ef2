package descent.curvature;

import descent.tensor.Rng;

/**
 * Hutchinson's estimators of the trace and the diagonal of a symmetric {@link Operator} from
 * products with random probes {@code z} of zero mean and identity covariance:
 * {@code E[z'Az] = tr A} and {@code E[z * Az] = diag A} (elementwise product). Rademacher
 * probes ({@code z_i = +-1}) give the smallest variance for the trace,
 * {@code 2 sum_{i != j} A_ij^2}; Gaussian probes give {@code 2 |A|_F^2}.
 */
public final class Hutchinson {
    private Hutchinson() {
    }

    /** The distribution of the probes. */
    public enum Probe {
        /** Independent signs, +1 or -1 with probability 1/2. */
        RADEMACHER,
        /** Independent standard normal elements. */
        GAUSSIAN
    }

    /**
     * An estimate from {@code samples} independent probes.
     *
     * @param value          the mean of the samples
     * @param standardError  the sample standard deviation over {@code sqrt(samples)} (NaN for one sample)
     * @param samples        the number of probes
     */
    public record Estimate(double value, double standardError, int samples) {
    }

    /**
     * The trace estimate {@code (1/s) sum_k z_k'A z_k} over {@code samples} probes.
     *
     * @throws IllegalArgumentException if {@code samples < 1} or the generator is null
     */
    public static Estimate trace(Operator a, int samples, Probe probe, Rng rng) {
        check("Hutchinson.trace", samples, probe, rng);
        int n = a.dimension();
        double[] z = new double[n];
        double[] az = new double[n];
        double mean = 0;
        double m2 = 0;
        for (int k = 0; k < samples; k++) {
            draw(z, probe, rng);
            a.apply(z, az);
            double x = Krylov.dot(z, az);
            double d = x - mean;
            mean += d / (k + 1);
            m2 += d * (x - mean);
        }
        double se = samples > 1 ? Math.sqrt(m2 / (samples - 1) / samples) : Double.NaN;
        return new Estimate(mean, se, samples);
    }

    /**
     * The diagonal estimate {@code (1/s) sum_k z_k * (A z_k)} over {@code samples} probes, written
     * into {@code out}.
     *
     * @throws IllegalArgumentException if {@code samples < 1}, the generator is null or {@code out}
     *                                  does not fit the operator
     */
    public static void diagonal(Operator a, int samples, Probe probe, Rng rng, double[] out) {
        check("Hutchinson.diagonal", samples, probe, rng);
        a.check("Hutchinson.diagonal", out, "the output");
        int n = a.dimension();
        double[] z = new double[n];
        double[] az = new double[n];
        java.util.Arrays.fill(out, 0);
        for (int k = 0; k < samples; k++) {
            draw(z, probe, rng);
            a.apply(z, az);
            for (int i = 0; i < n; i++) {
                out[i] = Math.fma(z[i], az[i], out[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            out[i] /= samples;
        }
    }

    /** Fills {@code z} with one probe. */
    public static void draw(double[] z, Probe probe, Rng rng) {
        if (probe == Probe.RADEMACHER) {
            for (int i = 0; i < z.length; i++) {
                z[i] = (rng.nextLong() & 1) == 0 ? 1.0 : -1.0;
            }
        } else {
            for (int i = 0; i < z.length; i++) {
                z[i] = rng.nextGaussian();
            }
        }
    }

    private static void check(String op, int samples, Probe probe, Rng rng) {
        if (samples < 1) {
            throw new IllegalArgumentException(op + ": needs at least one sample, got " + samples);
        }
        if (probe == null || rng == null) {
            throw new IllegalArgumentException(op + ": needs a probe distribution and a seeded Rng");
        }
    }
}
