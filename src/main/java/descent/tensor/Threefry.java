package descent.tensor;

/**
 * The Threefry-2x32 block function with 20 rounds (Salmon, Moraes, Dror and Shaw, "Parallel random
 * numbers: as easy as 1, 2, 3", SC 2011): a keyed bijection of 64-bit blocks. Its 32-bit words
 * are held in Java {@code int}s and read as unsigned; the arithmetic wraps modulo 2^32.
 *
 * <p>Each group of four rounds mixes the two words (add, rotate, xor) with the rotation constants
 * of the paper; a key word schedule (k0, k1, k0 ^ k1 ^ 0x1BD11BDA) is injected before the first
 * group and after each group, the second word also receiving the injection number.
 */
final class Threefry {
    /** Skein's key-schedule parity constant. */
    private static final int PARITY = 0x1BD11BDA;

    private Threefry() {
    }

    /**
     * The block for counter words (c0, c1) under key (k0, k1), as one long: the first output word
     * in the high 32 bits, the second in the low 32 bits.
     */
    static long block(int k0, int k1, int c0, int c1) {
        int k2 = k0 ^ k1 ^ PARITY;
        int x0 = c0 + k0;
        int x1 = c1 + k1;

        x0 += x1; x1 = Integer.rotateLeft(x1, 13) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 15) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 26) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 6) ^ x0;
        x0 += k1;
        x1 += k2 + 1;

        x0 += x1; x1 = Integer.rotateLeft(x1, 17) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 29) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 16) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 24) ^ x0;
        x0 += k2;
        x1 += k0 + 2;

        x0 += x1; x1 = Integer.rotateLeft(x1, 13) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 15) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 26) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 6) ^ x0;
        x0 += k0;
        x1 += k1 + 3;

        x0 += x1; x1 = Integer.rotateLeft(x1, 17) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 29) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 16) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 24) ^ x0;
        x0 += k1;
        x1 += k2 + 4;

        x0 += x1; x1 = Integer.rotateLeft(x1, 13) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 15) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 26) ^ x0;
        x0 += x1; x1 = Integer.rotateLeft(x1, 6) ^ x0;
        x0 += k2;
        x1 += k0 + 5;

        return ((long) x0 << 32) | (x1 & 0xFFFFFFFFL);
    }

    /** The block for a 64-bit counter, split into its high word c0 and low word c1. */
    static long block(int k0, int k1, long counter) {
        return block(k0, k1, (int) (counter >>> 32), (int) counter);
    }

    /**
     * The blocks of counters firstCounter, ..., firstCounter + n - 1: block j's first word goes to
     * w0[j] and its second to w1[j]. The same rounds as {@link #block(int, int, int, int)}, spelled
     * out over arrays because the JIT vectorizes this loop across counters (several times faster)
     * and will not inline the single-block function, which is too large, into a loop.
     */
    static void blocks(int k0, int k1, long firstCounter, int[] w0, int[] w1, int n) {
        for (int j = 0; j < n; j++) {
            long c = firstCounter + j;
            w0[j] = (int) (c >>> 32);
            w1[j] = (int) c;
        }
        int k2 = k0 ^ k1 ^ PARITY;
        for (int j = 0; j < n; j++) {
            int x0 = w0[j] + k0;
            int x1 = w1[j] + k1;

            x0 += x1; x1 = Integer.rotateLeft(x1, 13) ^ x0;
            x0 += x1; x1 = Integer.rotateLeft(x1, 15) ^ x0;
            x0 += x1; x1 = Integer.rotateLeft(x1, 26) ^ x0;
            x0 += x1; x1 = Integer.rotateLeft(x1, 6) ^ x0;
            x0 += k1;
            x1 += k2 + 1;

            x0 += x1; x1 = Integer.rotateLeft(x1, 17) ^ x0;
            x0 += x1; x1 = Integer.rotateLeft(x1, 29) ^ x0;
            x0 += x1; x1 = Integer.rotateLeft(x1, 16) ^ x0;
            x0 += x1; x1 = Integer.rotateLeft(x1, 24) ^ x0;
            x0 += k2;
            x1 += k0 + 2;

            x0 += x1; x1 = Integer.rotateLeft(x1, 13) ^ x0;
            x0 += x1; x1 = Integer.rotateLeft(x1, 15) ^ x0;
            x0 += x1; x1 = Integer.rotateLeft(x1, 26) ^ x0;
            x0 += x1; x1 = Integer.rotateLeft(x1, 6) ^ x0;
            x0 += k0;
            x1 += k1 + 3;

            x0 += x1; x1 = Integer.rotateLeft(x1, 17) ^ x0;
            x0 += x1; x1 = Integer.rotateLeft(x1, 29) ^ x0;
            x0 += x1; x1 = Integer.rotateLeft(x1, 16) ^ x0;
            x0 += x1; x1 = Integer.rotateLeft(x1, 24) ^ x0;
            x0 += k1;
            x1 += k2 + 4;

            x0 += x1; x1 = Integer.rotateLeft(x1, 13) ^ x0;
            x0 += x1; x1 = Integer.rotateLeft(x1, 15) ^ x0;
            x0 += x1; x1 = Integer.rotateLeft(x1, 26) ^ x0;
            x0 += x1; x1 = Integer.rotateLeft(x1, 6) ^ x0;
            x0 += k2;
            x1 += k0 + 5;

            w0[j] = x0;
            w1[j] = x1;
        }
    }
}
