package descent.optim;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Vec#crossDots} equals {@link Vec#dot} bit for bit (L-BFGS-B's iterates depend on it), for
 * lengths within one block, at block boundaries, over several blocks and above the length at
 * which {@link Vec#dot} splits across threads.
 */
class CrossDotsTest {
    @Test
    void equalsDotBitForBit() {
        Random rnd = new Random(11);
        int[] lengths = {0, 1, 7, Loop.BLOCK - 1, Loop.BLOCK, Loop.BLOCK + 1, 10_000, Loop.PARALLEL_MIN + 12_345};
        for (int n : lengths) {
            double[][] a = new double[6][n];
            for (double[] v : a) {
                for (int i = 0; i < n; i++) {
                    v[i] = rnd.nextGaussian() * Math.exp(4 * rnd.nextGaussian());
                }
            }
            double[] u = a[0];
            double[] v = a[1];
            double[] out = new double[8];
            Vec.crossDots(u, v, a[2], a[3], a[4], a[5], n, out);
            double[][] pairs = {{0, 2}, {0, 3}, {1, 2}, {1, 3}, {0, 4}, {0, 5}, {1, 4}, {1, 5}};
            for (int k = 0; k < 8; k++) {
                double expected = Vec.dot(a[(int) pairs[k][0]], a[(int) pairs[k][1]], 0, n);
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(out[k]), "n = " + n + ", product " + k);
            }
            double[] four = new double[4];
            Vec.crossDots(u, v, a[2], a[3], null, null, n, four);
            for (int k = 0; k < 4; k++) {
                assertEquals(Double.doubleToLongBits(out[k]), Double.doubleToLongBits(four[k]), "n = " + n + ", product " + k + " of four");
            }
        }
    }
}
