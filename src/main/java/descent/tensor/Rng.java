package descent.tensor;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A seeded, reproducible pseudo-random generator: xoshiro256** (Blackman and Vigna), seeded
 * through SplitMix64. The same seed always gives the same stream, on every platform. Streams
 * {@link #split()} into independent children deterministically, in the manner of JAX keys, and
 * the whole state can be saved with {@link #state()} and restored with {@link #fromState}, so a
 * long run resumes exactly. Not thread-safe; give each thread its own split.
 */
public final class Rng {
    private long s0;
    private long s1;
    private long s2;
    private long s3;

    /** A generator seeded with {@code seed}. */
    public Rng(long seed) {
        long x = seed;
        x += 0x9E3779B97F4A7C15L;
        s0 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s1 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s2 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s3 = mix(x);
    }

    private Rng(long[] state) {
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
    }

    /** SplitMix64's output function. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** A uniform double in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A uniform integer in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("nextInt: bound must be positive, got " + bound);
        }
        long threshold = (1L << 32) % bound;
        while (true) {
            long r = nextLong() >>> 32;
            long m = r * bound;
            if ((m & 0xFFFFFFFFL) >= threshold) {
                return (int) (m >>> 32);
            }
        }
    }

    /** A standard normal variate (Marsaglia's polar method, one of each pair used). */
    public double nextGaussian() {
        while (true) {
            double u = 2 * nextDouble() - 1;
            double v = 2 * nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                return u * Math.sqrt(-2 * Math.log(s) / s);
            }
        }
    }

    /**
     * An independent child generator, derived deterministically from this one's next outputs.
     * This generator advances as well, so successive splits differ.
     */
    public Rng split() {
        long a = mix(nextLong());
        long b = mix(nextLong() ^ 0x5851F42D4C957F2DL);
        return new Rng(new long[] {a, b, mix(a + 0x9E3779B97F4A7C15L), mix(b - 0x9E3779B97F4A7C15L)});
    }

    /** The complete generator state (four words), for checkpoints. */
    public long[] state() {
        return new long[] {s0, s1, s2, s3};
    }

    /** A generator continuing exactly from a saved {@link #state()}. */
    public static Rng fromState(long[] state) {
        if (state.length != 4 || (state[0] | state[1] | state[2] | state[3]) == 0) {
            throw new IllegalArgumentException("fromState: need the 4 non-zero words returned by state(), got "
                    + Arrays.toString(state));
        }
        return new Rng(state.clone());
    }

    private static Shape checked(String op, int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(op + ": negative dimension in shape " + Arrays.toString(shape));
            }
        }
        return Shape.of(shape);
    }

    /** Uniform values in [lo, hi). */
    public Tensor uniform(double lo, double hi, int... shape) {
        if (!(lo < hi)) {
            throw new IllegalArgumentException("uniform: lo must be < hi, got " + lo + " and " + hi);
        }
        Shape s = checked("uniform", shape);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = lo + (hi - lo) * nextDouble();
        }
        return Tensor.owned(d, s);
    }

    /** Standard normal values. */
    public Tensor normal(int... shape) {
        return normal(0, 1, shape);
    }

    /** Normal values with the given mean and standard deviation. */
    public Tensor normal(double mean, double std, int... shape) {
        if (!(std >= 0)) {
            throw new IllegalArgumentException("normal: std must be >= 0, got " + std);
        }
        Shape s = checked("normal", shape);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = mean + std * nextGaussian();
        }
        return Tensor.owned(d, s);
    }

    /** Values -1 or +1 with probability 1/2 each (Rademacher). */
    public Tensor rademacher(int... shape) {
        Shape s = checked("rademacher", shape);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i += 64) {
            long bits = nextLong();
            for (int j = 0; j < 64 && i + j < d.length; j++) {
                d[i + j] = ((bits >>> j) & 1) == 0 ? -1 : 1;
            }
        }
        return Tensor.owned(d, s);
    }

    /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation: n must be >= 0, got " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * {@code k} distinct indices drawn uniformly without replacement from [0, n), in random order.
     * Uses O(k) memory, so sampling 100 coordinates of a million-dimensional input is cheap.
     */
    public int[] choice(int n, int k) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("choice: cannot draw " + k + " distinct values from [0, " + n + ")");
        }
        // A partial Fisher-Yates shuffle over a virtual identity array, storing only displaced entries.
        Map<Integer, Integer> moved = new HashMap<>();
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            int j = i + nextInt(n - i);
            int vj = moved.getOrDefault(j, j);
            int vi = moved.getOrDefault(i, i);
            out[i] = vj;
            moved.put(j, vi);
        }
        return out;
    }
}
