package descent.spark;

import java.io.Serializable;
import java.util.Locale;

/**
 * How a worker compresses the vector it sends: {@link #none()}, {@link #topK}, {@link #randomK},
 * {@link #oneBit()} (scaled signs) and {@link #sign()} (bare signs, for majority votes).
 * {@link #bytes(int)} is the payload of one message for {@code n} coordinates.
 */
public final class Compressor implements Serializable {
    private static final long serialVersionUID = 1L;

    private enum Kind {
        NONE, TOP_K, RANDOM_K, ONE_BIT, SIGN
    }

    private final Kind kind;
    private final int k;

    private Compressor(Kind kind, int k) {
        this.kind = kind;
        this.k = k;
    }

    /** No compression: {@code 8 n} bytes. */
    public static Compressor none() {
        return new Compressor(Kind.NONE, 0);
    }

    /** The {@code k} elements of largest magnitude, with their indices: {@code 12 k} bytes (ties go to the lower index). */
    public static Compressor topK(int k) {
        return new Compressor(Kind.TOP_K, requireK("topK", k));
    }

    /**
     * {@code k} elements at indices drawn from a seed the driver shares (so only values travel):
     * {@code 8 k} bytes. Not rescaled by {@code n/k}: with error feedback the dropped mass is kept, not estimated.
     */
    public static Compressor randomK(int k) {
        return new Compressor(Kind.RANDOM_K, requireK("randomK", k));
    }

    /** Signs scaled by the mean magnitude, {@code (|v|_1 / n) sign(v)}: {@code ceil(n/8) + 8} bytes. */
    public static Compressor oneBit() {
        return new Compressor(Kind.ONE_BIT, 0);
    }

    /** Bare signs {@code sign(v)} (zero sends as negative): {@code ceil(n/8)} bytes. */
    public static Compressor sign() {
        return new Compressor(Kind.SIGN, 0);
    }

    private static int requireK(String op, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("Compressor." + op + ": k must be >= 1, got " + k);
        }
        return k;
    }

    /** Payload bytes of one message of {@code n} coordinates. */
    public long bytes(int n) {
        return switch (kind) {
            case NONE -> 8L * n;
            case TOP_K -> 12L * Math.min(k, n);
            case RANDOM_K -> 8L * Math.min(k, n);
            case ONE_BIT -> (n + 7) / 8 + 8L;
            case SIGN -> (n + 7) / 8;
        };
    }

    /** Compresses {@code v}; {@code seed} draws the indices of {@link #randomK}. */
    Message compress(double[] v, long seed) {
        int n = v.length;
        switch (kind) {
            case NONE:
                return Message.dense(v);
            case TOP_K: {
                int m = Math.min(k, n);
                Integer[] order = new Integer[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                java.util.Arrays.sort(order, (a, b) -> {
                    int c = Double.compare(Math.abs(v[b]), Math.abs(v[a]));
                    return c != 0 ? c : Integer.compare(a, b);
                });
                int[] index = new int[m];
                double[] value = new double[m];
                for (int j = 0; j < m; j++) {
                    index[j] = order[j];
                    value[j] = v[order[j]];
                }
                return Message.sparse(n, index, value);
            }
            case RANDOM_K: {
                int[] index = Message.seededIndices(n, Math.min(k, n), seed);
                double[] value = new double[index.length];
                for (int j = 0; j < index.length; j++) {
                    value[j] = v[index[j]];
                }
                return Message.seeded(n, seed, value);
            }
            case ONE_BIT: {
                double l1 = 0;
                for (double x : v) {
                    l1 += Math.abs(x);
                }
                return Message.signs(v, l1 / n, true);
            }
            default:
                return Message.signs(v, 1, false);
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case TOP_K -> String.format(Locale.ROOT, "top-%d", k);
            case RANDOM_K -> String.format(Locale.ROOT, "random-%d", k);
            case ONE_BIT -> "1-bit";
            case SIGN -> "sign";
        };
    }
}
