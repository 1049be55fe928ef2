package descent.spark;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * A compressed vector as a worker sends it: its payload is what {@link #bytes()} counts, and it is
 * what Spark ships (beside Java serialization's framing). Four forms: dense values; sparse
 * (indices and values); values at indices drawn from a seed both sides know; and sign bits, with
 * or without one scale.
 */
final class Message implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int n;
    private final int[] index;
    private final double[] value;
    private final long seed;
    private final boolean seeded;
    private final byte[] bits;
    private final double scale;
    private final boolean scaled;

    private Message(int n, int[] index, double[] value, long seed, boolean seeded, byte[] bits, double scale, boolean scaled) {
        this.n = n;
        this.index = index;
        this.value = value;
        this.seed = seed;
        this.seeded = seeded;
        this.bits = bits;
        this.scale = scale;
        this.scaled = scaled;
    }

    static Message dense(double[] v) {
        return new Message(v.length, null, v.clone(), 0, false, null, 0, false);
    }

    static Message sparse(int n, int[] index, double[] value) {
        return new Message(n, index, value, 0, false, null, 0, false);
    }

    static Message seeded(int n, long seed, double[] value) {
        return new Message(n, null, value, seed, true, null, 0, false);
    }

    /**
     * Bit {@code i} set when {@code v[i] > 0}; decoded as {@code +scale} or {@code -scale}. With
     * {@code scaled} false the scale is 1 and not sent.
     */
    static Message signs(double[] v, double scale, boolean scaled) {
        byte[] bits = new byte[(v.length + 7) / 8];
        for (int i = 0; i < v.length; i++) {
            if (v[i] > 0) {
                bits[i >>> 3] |= (byte) (1 << (i & 7));
            }
        }
        return new Message(v.length, null, null, 0, false, bits, scaled ? scale : 1, scaled);
    }

    /** The {@code k} distinct indices of {@code [0, n)} that {@code seed} draws (a partial Fisher-Yates shuffle). */
    static int[] seededIndices(int n, int k, long seed) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < k; i++) {
            int j = i + r.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return java.util.Arrays.copyOf(perm, k);
    }

    /** Payload bytes: 8 per value, 4 per index, one bit per sign (rounded up to bytes) and 8 for a scale; a shared seed costs nothing. */
    long bytes() {
        if (bits != null) {
            return bits.length + (scaled ? 8L : 0L);
        }
        return 8L * value.length + (index != null ? 4L * index.length : 0);
    }

    /** The number of coordinates {@code n} of the vector the message encodes. */
    int length() {
        return n;
    }

    /** Whether bit {@code i} of a sign message is set. */
    boolean positive(int i) {
        return (bits[i >>> 3] & (1 << (i & 7))) != 0;
    }

    /** Adds {@code a} times the decoded vector into {@code out}. */
    void addTo(double a, double[] out) {
        if (bits != null) {
            for (int i = 0; i < n; i++) {
                out[i] += positive(i) ? a * scale : -a * scale;
            }
        } else if (index != null) {
            for (int j = 0; j < index.length; j++) {
                out[index[j]] += a * value[j];
            }
        } else if (!seeded) {
            for (int i = 0; i < n; i++) {
                out[i] += a * value[i];
            }
        } else {
            int[] idx = seededIndices(n, value.length, seed);
            for (int j = 0; j < idx.length; j++) {
                out[idx[j]] += a * value[j];
            }
        }
    }
}
