package descent.tensor;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keyed sampling: determinism, independence of how fills are split, the distributions (moments,
 * chi-square and Kolmogorov-Smirnov tests with fixed keys) and errors. Critical values are the
 * 0.1% and 99.9% points of the reference distributions (scipy.stats.chi2.ppf, kolmogi).
 */
class RandomTest {
    /** A fill of out[offset, offset + length) starting at counter firstCounter. */
    private interface Fill {
        void run(double[] out, int offset, int length, long firstCounter);
    }

    private static final Key KEY = Key.of(20240607);
    private static final int K0 = KEY.k0;
    private static final int K1 = KEY.k1;

    private static Map<String, Fill> kernels() {
        Map<String, Fill> m = new HashMap<>();
        m.put("uniform", (o, off, n, c) -> Sampling.fillUniform(K0, K1, -2, 3, o, off, n, c));
        m.put("normal", (o, off, n, c) -> Sampling.fillNormal(K0, K1, 1, 2, o, off, n, c));
        m.put("rademacher", (o, off, n, c) -> Sampling.fillRademacher(K0, K1, o, off, n, c));
        m.put("bernoulli", (o, off, n, c) -> Sampling.fillBernoulli(K0, K1, 0.3, o, off, n, c));
        m.put("randint", (o, off, n, c) -> Sampling.fillRandint(K0, K1, -5, 1_000_003, o, off, n, c));
        m.put("gumbel", (o, off, n, c) -> Sampling.fillGumbel(K0, K1, o, off, n, c));
        return m;
    }

    // ---- determinism and counter-based structure ----------------------------------------------

    @Test
    void sameKeySameNumbersOtherKeyOtherNumbers() {
        Shape s = Shape.of(3, 50);
        Key other = Key.of(20240608);
        assertEquals(Random.uniform(KEY, s), Random.uniform(KEY, s));
        assertEquals(Random.normal(KEY, s), Random.normal(KEY, s));
        assertEquals(Random.choice(KEY, 1000, 20), Random.choice(KEY, 1000, 20));
        assertEquals(Random.permutation(KEY, 100), Random.permutation(KEY, 100));
        assertNotEquals(Random.uniform(KEY, s), Random.uniform(other, s));
        assertNotEquals(Random.normal(KEY, s), Random.normal(other, s));
        assertNotEquals(Random.rademacher(KEY, s), Random.rademacher(other, s));
        assertNotEquals(Random.choice(KEY, 1000, 20), Random.choice(other, 1000, 20));
        assertNotEquals(Random.permutation(KEY, 100), Random.permutation(other, 100));
    }

    @Test
    void elementDependsOnKeyAndIndexOnly() {
        double[] big = Random.normal(KEY, Shape.of(1000)).toArray();
        assertArrayEquals(Arrays.copyOf(big, 10), Random.normal(KEY, Shape.of(10)).toArray());
        assertArrayEquals(Arrays.copyOf(big, 30), Random.normal(KEY, Shape.of(6, 5)).toArray());
        double[] bits = Random.rademacher(KEY, Shape.of(1000)).toArray();
        assertArrayEquals(Arrays.copyOf(bits, 100), Random.rademacher(KEY, Shape.of(4, 25)).toArray());
    }

    @Test
    void chunkedFillsEqualTheWholeFill() {
        int n = 1000;
        int[] cuts = {0, 1, 2, 9, 63, 64, 65, 127, 128, 300, 301, 640, 999, 1000};
        for (Map.Entry<String, Fill> e : kernels().entrySet()) {
            double[] whole = new double[n];
            e.getValue().run(whole, 0, n, 0);
            double[] chunked = new double[n + 7];
            for (int i = 0; i + 1 < cuts.length; i++) {
                e.getValue().run(chunked, 7 + cuts[i], cuts[i + 1] - cuts[i], cuts[i]);
            }
            assertArrayEquals(whole, Arrays.copyOfRange(chunked, 7, n + 7), e.getKey());
            double[] tail = new double[n - 333];
            e.getValue().run(tail, 0, tail.length, 333);
            assertArrayEquals(Arrays.copyOfRange(whole, 333, n), tail, e.getKey() + " from counter 333");
        }
    }

    @Test
    void parallelTensorsEqualOneThreadFills() {
        int n = 300_001;
        double[] one = new double[n];
        Sampling.fillNormal(K0, K1, 0, 1, one, 0, n, 0);
        assertArrayEquals(one, Random.normal(KEY, Shape.of(n)).toArray());
        Sampling.fillRademacher(K0, K1, one, 0, n, 0);
        assertArrayEquals(one, Random.rademacher(KEY, Shape.of(n)).toArray());
        Sampling.fillRandint(K0, K1, 3, 17, one, 0, n, 0);
        assertArrayEquals(one, Random.randint(KEY, Shape.of(n), 3, 17).toArray());
    }

    @Test
    void onePreparedKernelDrawsFreshNumbersForEachKey() {
        Shape s = Shape.of(100_000);
        Kernel normal = Sampling.normal(s, 0, 1);
        Kernel choice = Sampling.choice(1_000_000, 16);
        double[] out = new double[s.size()];
        double[] idx = new double[16];
        Key step = Key.of(3);
        for (int i = 0; i < 3; i++) {
            Key[] k = step.split(3);
            normal.run(new double[][] {k[1].toTensor().toArray()}, out);
            assertArrayEquals(Random.normal(k[1], s).toArray(), out);
            choice.run(new double[][] {k[2].toTensor().toArray()}, idx);
            assertArrayEquals(Random.choice(k[2], 1_000_000, 16).toArray(), idx);
            step = k[0];
        }
    }

    @Test
    void kernelRunsAllocateNothing() {
        Kernel[] kernels = {Sampling.uniform(Shape.of(100_000), 0, 1), Sampling.normal(Shape.of(1000), 0, 1),
            Sampling.rademacher(Shape.of(1000)), Sampling.randint(Shape.of(1000), 0, 10), Sampling.choice(1_000_000, 16),
            Sampling.permutation(100)};
        double[][] outs = {new double[100_000], new double[1000], new double[1000], new double[1000], new double[16],
            new double[100]};
        double[][] key = {KEY.toTensor().toArray()};
        Runnable runs = () -> {
            for (int i = 0; i < kernels.length; i++) {
                kernels[i].run(key, outs[i]);
            }
        };
        for (int i = 0; i < 100; i++) {
            runs.run();
        }
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 20; i++) {
            runs.run();
        }
        long bytes = bean.getThreadAllocatedBytes(tid) - before;
        assertTrue(bytes < 1024, "20 rounds of kernel runs allocated " + bytes + " bytes");
    }

    @Test
    void kernelsRejectMalformedKeyInputs() {
        Kernel k = Sampling.normal(Shape.of(4), 0, 1);
        double[] out = new double[4];
        assertMessage(() -> k.run(new double[][] {{1}}, out), "normal", "key tensor of shape [2]", "1 values");
        assertMessage(() -> k.run(new double[0][], out), "normal", "no input");
        assertMessage(() -> k.run(new double[][] {{-1, 0}}, out), "normal", "key word 0");
        assertMessage(() -> k.run(new double[][] {{0, 0.5}}, out), "normal", "key word 1");
        assertMessage(() -> Sampling.choice(5, 2).run(new double[][] {{0, 0x1p32}}, new double[2]), "choice", "key word 1");
    }

    // ---- distributions -------------------------------------------------------------------------

    @Test
    void wordsBecomeUnitsExactly() {
        long[] samples = {0, -1, 1L << 11, (1L << 11) - 1, Long.MIN_VALUE, 0x243f6a8885a308d3L, KEY.bits(5)};
        for (long bits : samples) {
            int w0 = (int) (bits >>> 32);
            int w1 = (int) bits;
            assertEquals((bits >>> 11) * 0x1p-53, Sampling.unit(w0, w1), Long.toHexString(bits));
            assertEquals(((bits >>> 12) + 0.5) * 0x1p-52, Sampling.openUnit(w0, w1), Long.toHexString(bits));
        }
        assertEquals(0.0, Sampling.unit(0, 0));
        assertEquals(1 - 0x1p-53, Sampling.unit(-1, -1));
        assertEquals(0x1p-53, Sampling.openUnit(0, 0));
        assertEquals(1 - 0x1p-53, Sampling.openUnit(-1, -1));
    }

    @Test
    void uniformMomentsAndChiSquare() {
        int n = 1_000_000;
        double[] u = Random.uniform(KEY, Shape.of(n)).toArray();
        double mean = mean(u);
        double var = centralMoment(u, mean, 2);
        assertEquals(0.5, mean, 5 * Math.sqrt(1 / 12.0 / n));
        assertEquals(1 / 12.0, var, 5 * Math.sqrt(1 / 180.0 / n));
        long[] counts = new long[1000];
        int odd = 0;
        for (double v : u) {
            assertTrue(v >= 0 && v < 1, "uniform value " + v);
            counts[(int) (v * 1000)]++;
            odd += (int) ((long) (v * 0x1p53) & 1);
        }
        double chi2 = chiSquare(counts, n / 1000.0);
        assertTrue(chi2 > 866.55 && chi2 < 1142.85, "chi-square over 1000 bins = " + chi2);
        // All 53 bits are random: the lowest one is set half the time.
        assertEquals(n / 2.0, odd, 5 * Math.sqrt(n / 4.0));
    }

    @Test
    void uniformOnAnIntervalStaysBelowHi() {
        double[] u = Random.uniform(KEY, Shape.of(100_000), -3, 5).toArray();
        for (double v : u) {
            assertTrue(v >= -3 && v < 5, "value " + v);
        }
        assertEquals(1, mean(u), 5 * 8 / Math.sqrt(12 * 100_000.0));
        double hi = Math.nextUp(1.0);
        for (double v : Random.uniform(KEY, Shape.of(1000), 1, hi).toArray()) {
            assertEquals(1.0, v, "an interval one ulp wide holds only lo");
        }
        assertArrayEquals(Random.uniform(KEY, Shape.of(50)).toArray(),
                Random.uniform(KEY, Shape.of(50), 0, 1).toArray());
    }

    @Test
    void normalMomentsAndKolmogorovSmirnov() {
        int n = 1_000_000;
        double[] z = Random.normal(KEY, Shape.of(n)).toArray();
        double mean = mean(z);
        assertEquals(0, mean, 5 / Math.sqrt(n));
        assertEquals(1, centralMoment(z, mean, 2), 5 * Math.sqrt(2.0 / n));
        assertEquals(0, centralMoment(z, mean, 3), 5 * Math.sqrt(15.0 / n));
        assertEquals(3, centralMoment(z, mean, 4), 5 * Math.sqrt(96.0 / n));
        double ks = kolmogorovSmirnov(Arrays.copyOf(z, 200_000), x -> 0.5 * (1 + FastMath.erf(x / Math.sqrt(2))));
        assertTrue(ks < 1.9495, "sqrt(n) D = " + ks);
        for (double v : z) {
            assertTrue(Math.abs(v) <= 8.2096, "normal value " + v);
        }
    }

    @Test
    void normalIsTheQuantileOfTheOpenUniformOfEachCounter() {
        double[] z = Random.normal(KEY, Shape.of(5000)).toArray();
        int tails = 0;
        for (int i = 0; i < z.length; i++) {
            long bits = KEY.bits(i);
            double p = Sampling.openUnit((int) (bits >>> 32), (int) bits);
            assertEquals(NormalQuantile.of(p), z[i], "element " + i);
            tails += Math.abs(p - 0.5) > 0.425 ? 1 : 0;
        }
        assertEquals(0.15 * z.length, tails, 5 * Math.sqrt(0.15 * 0.85 * z.length));
    }

    @Test
    void normalWithMeanAndStdIsAnAffineMap() {
        double[] z = Random.normal(KEY, Shape.of(500)).toArray();
        double[] y = Random.normal(KEY, Shape.of(500), 3, 0.5).toArray();
        for (int i = 0; i < z.length; i++) {
            assertEquals(3 + 0.5 * z[i], y[i]);
        }
        assertEquals(Tensor.full(3, 4), Random.normal(KEY, Shape.of(4), 3, 0));
    }

    @Test
    void rademacherSignsAreBalancedAndIndependent() {
        int n = 1_000_000;
        double[] r = Random.rademacher(KEY, Shape.of(n)).toArray();
        int same = 0;
        int sameAcrossWords = 0;
        for (int i = 0; i < n; i++) {
            assertTrue(r[i] == 1 || r[i] == -1, "value " + r[i]);
            if (i > 0 && r[i] == r[i - 1]) {
                same++;
            }
            if (i >= 64 && r[i] == r[i - 64]) {
                sameAcrossWords++;
            }
        }
        assertEquals(0, mean(r), 5 / Math.sqrt(n));
        assertEquals((n - 1) / 2.0, same, 5 * Math.sqrt(n / 4.0));
        assertEquals((n - 64) / 2.0, sameAcrossWords, 5 * Math.sqrt(n / 4.0));
    }

    @Test
    void bernoulliIsUniformBelowP() {
        int n = 1_000_000;
        double[] b = Random.bernoulli(KEY, 0.3, Shape.of(n)).toArray();
        assertEquals(0.3, mean(b), 5 * Math.sqrt(0.21 / n));
        double[] u = Random.uniform(KEY, Shape.of(n)).toArray();
        for (int i = 0; i < n; i += 997) {
            assertEquals(u[i] < 0.3 ? 1.0 : 0.0, b[i]);
        }
        assertEquals(Tensor.zeros(100), Random.bernoulli(KEY, 0, Shape.of(100)));
        assertEquals(Tensor.ones(100), Random.bernoulli(KEY, 1, Shape.of(100)));
    }

    @Test
    void randintValuesAreEquallyLikely() {
        assertEquallyLikely(0, 7, 70_000, 0.3811, 22.458);
        assertEquallyLikely(-3, 7, 100_000, 1.1519, 27.877);
        assertEquals(Tensor.full(5, 20), Random.randint(KEY, Shape.of(20), 5, 6));
    }

    private static void assertEquallyLikely(long lo, long hi, int n, double chi2Low, double chi2High) {
        int s = (int) (hi - lo);
        long[] counts = new long[s];
        for (double v : Random.randint(KEY, Shape.of(n), lo, hi).toArray()) {
            assertTrue(v >= lo && v < hi && v == Math.rint(v), "randint [" + lo + ", " + hi + ") gave " + v);
            counts[(int) (v - lo)]++;
        }
        double chi2 = chiSquare(counts, (double) n / s);
        assertTrue(chi2 > chi2Low && chi2 < chi2High,
                "randint [" + lo + ", " + hi + "): chi-square " + chi2 + ", counts " + Arrays.toString(counts));
    }

    @Test
    void randintRejectsTheBiasedProductsOfWideRanges() {
        // For s = 2^53 + 1, 2^64 mod s = s - 2^11, so about one draw in 2^11 is rejected and redrawn.
        long s = (1L << 53) + 1;
        long threshold = Long.remainderUnsigned(-s, s);
        int n = 100_000;
        int rejected = 0;
        for (int i = 0; i < n; i++) {
            if (Long.compareUnsigned(KEY.bits(i) * s, threshold) < 0) {
                rejected++;
            }
        }
        assertTrue(rejected > 10, "only " + rejected + " draws hit the rejection branch");
        long lo = -(1L << 52);
        double[] v = Random.randint(KEY, Shape.of(n), lo, lo + s).toArray();
        long top = 0;
        for (double x : v) {
            assertTrue(x >= lo && x < lo + s && x == Math.rint(x), "value " + x);
            if (x >= 0) {
                top++;
            }
        }
        assertEquals(n / 2.0, top, 5 * Math.sqrt(n / 4.0));
        for (double x : Random.randint(KEY, Shape.of(10_000), -(1L << 53), 1L << 53).toArray()) {
            assertTrue(x >= -0x1p53 && x < 0x1p53, "value " + x);
        }
    }

    @Test
    void gumbelMomentsAndKolmogorovSmirnov() {
        int n = 1_000_000;
        double[] g = Random.gumbel(KEY, Shape.of(n)).toArray();
        double mean = mean(g);
        // Mean: the Euler-Mascheroni constant; variance pi^2 / 6; excess kurtosis 12/5, so the sample
        // variance has standard deviation var sqrt((2 + 12/5) / n).
        double var = 1.6449340668482264;
        assertEquals(0.5772156649015329, mean, 5 * Math.sqrt(var / n));
        assertEquals(var, centralMoment(g, mean, 2), 5 * var * Math.sqrt(4.4 / n));
        double ks = kolmogorovSmirnov(Arrays.copyOf(g, 200_000), x -> Math.exp(-Math.exp(-x)));
        assertTrue(ks < 1.9495, "sqrt(n) D = " + ks);
    }

    @Test
    void permutationIsAPermutation() {
        for (int n : new int[] {0, 1, 2, 3, 64, 1000}) {
            double[] p = Random.permutation(KEY, n).toArray();
            Arrays.sort(p);
            assertArrayEquals(Tensor.arange(n).toArray(), p, "n = " + n);
        }
    }

    @Test
    void permutationsOfThreeAreEquallyLikely() {
        int draws = 60_000;
        Map<String, Long> counts = new HashMap<>();
        Key base = Key.of(31);
        for (int d = 0; d < draws; d++) {
            counts.merge(Arrays.toString(Random.permutation(base.foldIn(d), 3).toArray()), 1L, Long::sum);
        }
        assertEquals(6, counts.size(), counts.toString());
        double chi2 = chiSquare(counts.values().stream().mapToLong(Long::longValue).toArray(), draws / 6.0);
        assertTrue(chi2 > 0.2102 && chi2 < 20.515, "chi-square " + chi2 + " for " + counts);
    }

    @Test
    void choiceDrawsDistinctIndicesInRange() {
        int[][] cases = {{0, 0}, {1, 0}, {1, 1}, {5, 5}, {10, 3}, {1000, 999}, {1_000_000, 16}, {Integer.MAX_VALUE, 100}};
        for (int[] c : cases) {
            for (int d = 0; d < 20; d++) {
                double[] idx = Random.choice(KEY.foldIn(d), c[0], c[1]).toArray();
                assertEquals(c[1], idx.length);
                Set<Double> seen = new HashSet<>();
                for (double i : idx) {
                    assertTrue(i >= 0 && i < c[0] && i == Math.rint(i), "choice(" + c[0] + ", " + c[1] + ") gave " + i);
                    assertTrue(seen.add(i), "choice(" + c[0] + ", " + c[1] + ") repeated " + i);
                }
            }
        }
        double[] all = Random.choice(KEY, 300, 300).toArray();
        Arrays.sort(all);
        assertArrayEquals(Tensor.arange(300).toArray(), all);
    }

    @Test
    void choiceSelectsEachIndexWithFrequencyKOverN() {
        int n = 50;
        int k = 5;
        int draws = 20_000;
        long[] counts = new long[n];
        Key base = Key.of(77);
        for (int d = 0; d < draws; d++) {
            for (double i : Random.choice(base.foldIn(d), n, k).toArray()) {
                counts[(int) i]++;
            }
        }
        // Without replacement the counts are negatively correlated: the statistic is (n - k)/(n - 1)
        // times a chi-square with n - 1 degrees of freedom.
        double chi2 = chiSquare(counts, (double) draws * k / n) * (n - 1) / (n - k);
        assertTrue(chi2 > 23.98 && chi2 < 85.35, "scaled chi-square " + chi2 + ", counts " + Arrays.toString(counts));
    }

    @Test
    void choiceIsUniformOverSubsetsAndOrders() {
        int draws = 60_000;
        Map<String, Long> ordered = new HashMap<>();
        Map<String, Long> subsets = new HashMap<>();
        Key base = Key.of(5);
        for (int d = 0; d < draws; d++) {
            double[] c = Random.choice(base.foldIn(d), 4, 2).toArray();
            ordered.merge(c[0] + "," + c[1], 1L, Long::sum);
            subsets.merge(Math.min(c[0], c[1]) + "," + Math.max(c[0], c[1]), 1L, Long::sum);
        }
        assertEquals(12, ordered.size());
        assertEquals(6, subsets.size());
        double chi2Ordered = chiSquare(ordered.values().stream().mapToLong(Long::longValue).toArray(), draws / 12.0);
        double chi2Subsets = chiSquare(subsets.values().stream().mapToLong(Long::longValue).toArray(), draws / 6.0);
        assertTrue(chi2Ordered > 1.8339 && chi2Ordered < 31.264, "ordered pairs: chi-square " + chi2Ordered);
        assertTrue(chi2Subsets > 0.2102 && chi2Subsets < 20.515, "subsets: chi-square " + chi2Subsets);
    }

    // ---- errors -------------------------------------------------------------------------------

    @Test
    void badArgumentsAreRejectedWithClearMessages() {
        Shape s = Shape.of(3);
        assertMessage(() -> Random.uniform(KEY, Shape.of(2, -1)), "negative dimension");
        assertMessage(() -> Random.uniform(KEY, s, 1, 1), "uniform", "lo < hi");
        assertMessage(() -> Random.uniform(KEY, s, 2, 1), "uniform", "lo = 2.0");
        assertMessage(() -> Random.uniform(KEY, s, -Double.MAX_VALUE, Double.MAX_VALUE), "uniform", "finite");
        assertMessage(() -> Random.uniform(KEY, s, 0, Double.NaN), "uniform");
        assertMessage(() -> Random.normal(KEY, s, 0, -1), "normal", "std");
        assertMessage(() -> Random.normal(KEY, s, Double.NaN, 1), "normal", "mean");
        assertMessage(() -> Random.bernoulli(KEY, 1.5, s), "bernoulli", "p");
        assertMessage(() -> Random.bernoulli(KEY, Double.NaN, s), "bernoulli", "p");
        assertMessage(() -> Random.randint(KEY, s, 4, 4), "randint", "lo < hi");
        assertMessage(() -> Random.randint(KEY, s, 0, (1L << 53) + 1), "randint", "2^53");
        assertMessage(() -> Random.choice(KEY, 10, 11), "choice", "k = 11");
        assertMessage(() -> Random.choice(KEY, 10, -1), "choice", "k = -1");
        assertMessage(() -> Random.choice(KEY, -1, 0), "choice", "n = -1");
        assertMessage(() -> Random.permutation(KEY, -2), "permutation", "n must be >= 0");
        assertThrows(NullPointerException.class, () -> Random.uniform((Key) null, s));
        assertMessage(() -> Sampling.fillChoice(K0, K1, 100, 16, new double[16], 0, new int[4]), "choice", "scratch");
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> Sampling.fillNormal(K0, K1, 0, 1, new double[10], 5, 6, 0));
        assertTrue(e.getMessage().contains("normal"), e.getMessage());
    }

    private static void assertMessage(Runnable r, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message \"" + e.getMessage() + "\" lacks \"" + f + "\"");
        }
    }

    // ---- statistics helpers -------------------------------------------------------------------

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double centralMoment(double[] x, double mean, int k) {
        double s = 0;
        for (double v : x) {
            s += Math.pow(v - mean, k);
        }
        return s / x.length;
    }

    /** Pearson's statistic sum (observed - expected)^2 / expected for equal expected counts. */
    private static double chiSquare(long[] counts, double expected) {
        double s = 0;
        for (long c : counts) {
            s += (c - expected) * (c - expected) / expected;
        }
        return s;
    }

    /** sqrt(n) times the Kolmogorov-Smirnov distance between the sample and the CDF. */
    private static double kolmogorovSmirnov(double[] sample, DoubleUnaryOperator cdf) {
        double[] x = sample.clone();
        Arrays.sort(x);
        int n = x.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = cdf.applyAsDouble(x[i]);
            d = Math.max(d, Math.max(f - (double) i / n, (double) (i + 1) / n - f));
        }
        return Math.sqrt(n) * d;
    }
}
