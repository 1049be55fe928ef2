package descent.pinn;

/**
 * The Hammersley point set in the unit cube [0, 1]^d (Hammersley 1960; Wong, Luk and Heng 1997):
 * point i = 1..n has the radical inverses of i in the first d - 1 primes as its first coordinates
 * and i / (n + 1) as its last; in one dimension, the van der Corput sequence (radical inverse of i
 * in base 2). Index 0, the corner at the origin, is left out, as DeepXDE does, so that no point
 * lies on a face at the lower corner.
 */
final class Hammersley {
    private Hammersley() {
    }

    /** The radical inverse of {@code i} in {@code base}: its digits mirrored about the radix point. */
    static double radicalInverse(long i, int base) {
        double inverse = 0;
        double scale = 1.0 / base;
        for (long k = i; k > 0; k /= base) {
            inverse += (k % base) * scale;
            scale /= base;
        }
        return inverse;
    }

    /** {@code n} points of the Hammersley set in [0, 1]^d, row-major [n, d]. */
    static double[] unitCube(int n, int d) {
        int[] primes = primes(Math.max(1, d - 1));
        double[] p = new double[n * d];
        for (int r = 0; r < n; r++) {
            long i = r + 1;
            if (d == 1) {
                p[r] = radicalInverse(i, 2);
                continue;
            }
            for (int j = 0; j < d - 1; j++) {
                p[r * d + j] = radicalInverse(i, primes[j]);
            }
            p[r * d + d - 1] = (double) i / (n + 1);
        }
        return p;
    }

    /** The van der Corput sequence in base 2 for i = 1..n, scaled to [a, b]. */
    static double[] interval(int n, double a, double b) {
        double[] t = new double[n];
        for (int r = 0; r < n; r++) {
            t[r] = a + (b - a) * radicalInverse(r + 1, 2);
        }
        return t;
    }

    private static int[] primes(int count) {
        int[] primes = new int[count];
        int found = 0;
        for (int c = 2; found < count; c++) {
            boolean prime = true;
            for (int k = 0; k < found && primes[k] * primes[k] <= c; k++) {
                if (c % primes[k] == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                primes[found++] = c;
            }
        }
        return primes;
    }
}
