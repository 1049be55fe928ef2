package descent.tensor;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Threefry-2x32 against published answers, and keys: seeding, derivation and their tensor form. */
class KeyTest {
    private static void assertBlock(long expected0, long expected1, long block) {
        assertEquals(expected0, block >>> 32, "first word");
        assertEquals(expected1, block & 0xFFFFFFFFL, "second word");
    }

    @Test
    void threefryMatchesRandom123KnownAnswers() {
        // Random123 tests/kat_vectors, "threefry2x32 20": counter words, key words, expected words.
        assertBlock(0x6b200159L, 0x99ba4efeL, Threefry.block(0, 0, 0, 0));
        assertBlock(0x1cb996fcL, 0xbb002be7L, Threefry.block(-1, -1, -1, -1));
        assertBlock(0xc4923a9cL, 0x483df7a0L, Threefry.block(0x13198a2e, 0x03707344, 0x243f6a88, 0x85a308d3));
    }

    @Test
    void batchedBlocksEqualSingleBlocks() {
        int[] w0 = new int[300];
        int[] w1 = new int[300];
        Threefry.blocks(0x13198a2e, 0x03707344, 0x243f6a8885a308d3L, w0, w1, 1);
        assertBlock(0xc4923a9cL, 0x483df7a0L, ((long) w0[0] << 32) | (w1[0] & 0xFFFFFFFFL));
        long[] starts = {0, 12345, 0xFFFFFFFFL - 100, -150, 0x7FFFFFFFFFFFFF00L};
        for (long start : starts) {
            Threefry.blocks(-7, 99, start, w0, w1, 300);
            for (int j = 0; j < 300; j++) {
                long single = Threefry.block(-7, 99, start + j);
                assertEquals(single >>> 32, w0[j] & 0xFFFFFFFFL, "counter " + (start + j));
                assertEquals(single & 0xFFFFFFFFL, w1[j] & 0xFFFFFFFFL, "counter " + (start + j));
            }
        }
    }

    @Test
    void threefryMatchesJaxRecordedValues() {
        // jax tests/random_test.py records outputs of its original (non-partitionable) layout, which
        // pairs counter i with counter i + size/2: split(key(0), 4) holds the blocks of counters
        // (0,4), (1,5), (2,6), (3,7) under key (0, 0); random_bits(key(1701), 32, (3,)) holds words
        // of blocks (0,2) and (1,0); random_bits(key(1701), 64, (3,)) holds blocks (i, i+3).
        assertBlock(2285895361L, 433833334L, Threefry.block(0, 0, 0, 4));
        assertBlock(1501764800L, 4221794875L, Threefry.block(0, 0, 1, 5));
        assertBlock(1518642379L, 839183663L, Threefry.block(0, 0, 2, 6));
        assertBlock(4090693311L, 3740430601L, Threefry.block(0, 0, 3, 7));
        assertEquals(56197195L, Threefry.block(0, 1701, 0, 2) >>> 32);
        assertEquals(961309823L, Threefry.block(0, 1701, 0, 2) & 0xFFFFFFFFL);
        assertEquals(4200222568L, Threefry.block(0, 1701, 1, 0) >>> 32);
        assertEquals("3982329540505020460", Long.toUnsignedString(Threefry.block(0, 1701, 0, 3)));
        assertEquals("16822122385914693683", Long.toUnsignedString(Threefry.block(0, 1701, 1, 4)));
        assertEquals("7882654074788531506", Long.toUnsignedString(Threefry.block(0, 1701, 2, 5)));
    }

    @Test
    void seedsSplitLikeJax() {
        // jax test_prng_seeds_and_keys (64-bit seeds): the words are the high and low halves.
        assertEquals(Key.of(0), new Key(0, 0));
        assertEquals(4294967295L, Key.of(-1).word(0));
        assertEquals(4294967295L, Key.of(-1).word(1));
        assertEquals(4294967295L, Key.of(-3).word(0));
        assertEquals(4294967293L, Key.of(-3).word(1));
        assertEquals(0L, Key.of(Integer.MAX_VALUE + 100L).word(0));
        assertEquals(2147483747L, Key.of(Integer.MAX_VALUE + 100L).word(1));
        assertEquals(2147483547L, Key.of(Integer.MIN_VALUE - 101L).word(1));
        assertEquals(1L, Key.of(1L << 32).word(0));
        assertEquals(0L, Key.of(1L << 32).word(1));
    }

    @Test
    void foldInMatchesJaxAndSplitIsFoldIn() {
        // jax testPRNGValues: key_data(fold_in(key(0), 4)) == [2285895361, 433833334].
        Key f = Key.of(0).foldIn(4);
        assertEquals(2285895361L, f.word(0));
        assertEquals(433833334L, f.word(1));
        // jax test_threefry_split_fold_in_symmetry: split(k, n)[i] == fold_in(k, i).
        Key k = Key.of(72);
        Key[] s = k.split(5);
        for (int i = 0; i < 5; i++) {
            assertEquals(k.foldIn(i), s[i]);
        }
        Key[] two = k.split();
        assertEquals(2, two.length);
        assertEquals(s[0], two[0]);
        assertEquals(s[1], two[1]);
        assertEquals(0, k.split(0).length);
    }

    @Test
    void derivedKeysArePairwiseDistinct() {
        Set<Key> seen = new HashSet<>();
        Key root = Key.of(2024);
        seen.add(root);
        for (Key k : root.split(100_000)) {
            assertTrue(seen.add(k), "split(100000) repeated a key: " + k);
        }
        // A chain of splits as a training loop makes them, each step keeping one child and using the other.
        Key k = Key.of(7);
        for (int step = 0; step < 20_000; step++) {
            Key[] c = k.split();
            assertTrue(seen.add(c[1]), "step " + step + " repeated a key");
            k = c[0];
            assertTrue(seen.add(k), "step " + step + " repeated a key");
        }
        for (long d = 0; d < 20_000; d++) {
            assertTrue(seen.add(Key.of(99).foldIn(d * 0x100000001L)), "foldIn repeated a key at " + d);
        }
        assertNotEquals(Key.of(1).foldIn(0), Key.of(1));
        assertNotEquals(Key.of(1).foldIn(5), Key.of(2).foldIn(5));
    }

    @Test
    void splitKeysGiveUncorrelatedStreams() {
        Key[] k = Key.of(11).split(3);
        int n = 200_000;
        double[] a = Random.uniform(k[0], Shape.of(n)).toArray();
        double[] b = Random.uniform(k[1], Shape.of(n)).toArray();
        double[] c = Random.uniform(k[0].foldIn(1), Shape.of(n)).toArray();
        // The sample correlation of independent uniforms has standard deviation 1/sqrt(n).
        double bound = 5 / Math.sqrt(n);
        assertTrue(Math.abs(correlation(a, b)) < bound, "corr(split 0, split 1) = " + correlation(a, b));
        assertTrue(Math.abs(correlation(a, c)) < bound, "corr(k, foldIn) = " + correlation(a, c));
        assertTrue(Math.abs(correlation(b, c)) < bound, "corr = " + correlation(b, c));
    }

    private static double correlation(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    @Test
    void tensorFormRoundTripsExactly() {
        for (Key k : new Key[] {Key.of(0), Key.of(42), Key.of(-1), Key.of(Long.MIN_VALUE), Key.of(123).foldIn(9)}) {
            Tensor t = k.toTensor();
            assertEquals(Shape.of(2), t.shape());
            assertEquals((double) k.word(0), t.toArray()[0]);
            assertEquals((double) k.word(1), t.toArray()[1]);
            assertEquals(k, Key.fromTensor(t));
        }
        assertEquals(Tensor.of(4294967295.0, 4294967295.0), Key.of(-1).toTensor());
        assertEquals(Tensor.of(0, 42), Key.of(42).toTensor());
    }

    @Test
    void malformedKeyTensorsAreRejected() {
        assertMalformed(Tensor.of(1, 2, 3), "shape [2]");
        assertMalformed(Tensor.of(new double[][] {{1, 2}}), "shape [2]");
        assertMalformed(Tensor.scalar(1), "shape [2]");
        assertMalformed(Tensor.of(-1, 0), "word 0");
        assertMalformed(Tensor.of(0, 4294967296.0), "word 1");
        assertMalformed(Tensor.of(0.5, 0), "word 0");
        assertMalformed(Tensor.of(0, Double.NaN), "word 1");
        assertMalformed(Tensor.of(Double.POSITIVE_INFINITY, 0), "word 0");
        assertEquals(new Key(-1, 0), Key.fromTensor(Tensor.of(4294967295.0, 0)));
        assertEquals(new Key(0, 0), Key.fromTensor(Tensor.of(-0.0, 0)));
    }

    private static void assertMalformed(Tensor t, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Key.fromTensor(t));
        assertTrue(e.getMessage().contains("Key.fromTensor") && e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void valueSemantics() {
        assertEquals(Key.of(5), Key.of(5));
        assertEquals(Key.of(5).hashCode(), Key.of(5).hashCode());
        assertNotEquals(Key.of(5), Key.of(6));
        assertNotEquals(Key.of(5), Key.of(5L << 32));
        assertEquals("Key[0x00000000, 0x0000002a]", Key.of(42).toString());
        assertEquals("Key[0xffffffff, 0xfffffffe]", Key.of(-2).toString());
        assertThrows(IndexOutOfBoundsException.class, () -> Key.of(1).word(2));
        assertThrows(IllegalArgumentException.class, () -> Key.of(1).split(-1));
    }
}
