package descent.optim;

import descent.tensor.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parallel loops cover every index once, and block-wise sums do not depend on the split. */
class LoopTest {
    @Test
    void everyIndexOnceForAnyRange() {
        int n = 300_001;
        int[] hits = new int[n];
        Loop loop = new Loop() {
            @Override
            protected void range(int lo, int hi) {
                for (int i = lo; i < hi; i++) {
                    hits[i]++;
                }
            }
        };
        loop.run(0, n);
        loop.run(17, 250_017);
        for (int i = 0; i < n; i++) {
            assertEquals(i >= 17 && i < 250_017 ? 2 : 1, hits[i], "index " + i);
        }
    }

    @Test
    void sumsAreTheSequentialBlockwiseSumsBitForBit() {
        int n = 1_000_003;
        double[] x = new Rng(5).normal(n).toArray();
        for (int start : new int[] {0, 12_345}) {
            double expected = 0;
            for (int b = start; b < n; b += Loop.BLOCK) {
                double partial = 0;
                for (int i = b; i < Math.min(n, b + Loop.BLOCK); i++) {
                    partial += x[i] * x[i];
                }
                expected += partial;
            }
            assertEquals(expected, Vec.sumSquares(x, start, n), 0, "start " + start);
        }
        assertTrue(n >= Loop.PARALLEL_MIN, "long enough to split across threads");
        double[] y = x.clone();
        y[777_777] = Double.NaN;
        assertTrue(Vec.allFinite(x, 0, n) && !Vec.allFinite(y, 0, n));
        assertEquals(777_777, Vec.firstNonFinite(y, n));
    }
}
