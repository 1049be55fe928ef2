package descent.tensor;

/**
 * A key of the counter-based random generator: two unsigned 32-bit words for Threefry-2x32 with
 * 20 rounds, the generator and conventions of JAX's default {@code jax.random} keys. Random
 * numbers are a pure function of a key and an element index, so the same key gives the same
 * numbers everywhere (eagerly, in compiled plans, on any number of threads), and a training loop
 * passes a fresh key each step, derived with {@link #split} or {@link #foldIn}.
 *
 * <p>Use a key once: either derive keys from it or sample from it with {@link Random} or
 * {@link Sampling}, not both, because sampling reads the same blocks T(k, 0), T(k, 1), ... that
 * derivation makes keys of; sampling twice from one key repeats the numbers. Derivations follow
 * JAX's partitionable Threefry: T(k, c) below is the Threefry block of the 64-bit counter c
 * under key k, read as the pair of words (high, low).
 * <ul>
 *   <li>{@link #of(long) of(seed)} = (seed &gt;&gt;&gt; 32, seed mod 2^32), like {@code jax.random.key(seed)};</li>
 *   <li>{@link #foldIn(long) foldIn(d)} = T(k, d);</li>
 *   <li>{@link #split(int) split(n)}[i] = T(k, i) = foldIn(i), so the i-th of n keys costs O(1).</li>
 * </ul>
 * A key travels through a compiled plan as the float64 tensor {@link #toTensor()} of its two
 * words, each an exact integer in [0, 2^32).
 */
public final class Key {
    private static final double TWO_32 = 0x1p32;

    /** The first word, read as unsigned. */
    final int k0;
    /** The second word, read as unsigned. */
    final int k1;

    Key(int k0, int k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /** The key for an integer seed: its high and low 32 bits as the two words. */
    public static Key of(long seed) {
        return new Key((int) (seed >>> 32), (int) seed);
    }

    /**
     * The key whose tensor form is {@code t}: shape [2], both values integers in [0, 2^32).
     *
     * @throws IllegalArgumentException naming the shape or the offending value otherwise
     */
    public static Key fromTensor(Tensor t) {
        if (!t.shape().equals(Shape.of(2))) {
            throw new IllegalArgumentException("Key.fromTensor: a key tensor has shape [2], got " + t.shape());
        }
        double[] w = t.toArray();
        return new Key(word("Key.fromTensor", w[0], 0), word("Key.fromTensor", w[1], 1));
    }

    /**
     * A key word stored as a double: an integer in [0, 2^32), returned as its 32 bits.
     *
     * @throws IllegalArgumentException naming {@code op} and the word otherwise
     */
    static int word(String op, double value, int index) {
        if (!(value >= 0 && value < TWO_32) || value != Math.rint(value)) {
            throw new IllegalArgumentException(op + ": key word " + index + " must be an integer in [0, 2^32), got " + value);
        }
        return (int) (long) value;
    }

    /** Word 0 or 1 of this key, as an unsigned value in [0, 2^32). */
    public long word(int index) {
        if (index == 0) {
            return k0 & 0xFFFFFFFFL;
        }
        if (index == 1) {
            return k1 & 0xFFFFFFFFL;
        }
        throw new IndexOutOfBoundsException("Key.word: index must be 0 or 1, got " + index);
    }

    /** The 64 random bits T(this, counter): the Threefry block of the counter under this key. */
    long bits(long counter) {
        return Threefry.block(k0, k1, counter);
    }

    /** The key T(this, data), which differs for every 64-bit {@code data}. */
    public Key foldIn(long data) {
        long b = bits(data);
        return new Key((int) (b >>> 32), (int) b);
    }

    /** Two new keys, {@code split(2)}. */
    public Key[] split() {
        return split(2);
    }

    /** {@code n} new keys; key i is {@code foldIn(i)}. */
    public Key[] split(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Key.split: the number of keys must be >= 0, got " + n);
        }
        Key[] keys = new Key[n];
        for (int i = 0; i < n; i++) {
            keys[i] = foldIn(i);
        }
        return keys;
    }

    /** This key as a float64 tensor of shape [2]: its two words as exact integers. */
    public Tensor toTensor() {
        return Tensor.of(word(0), word(1));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key && ((Key) o).k0 == k0 && ((Key) o).k1 == k1;
    }

    @Override
    public int hashCode() {
        return 31 * k0 + k1;
    }

    /** The two words in hexadecimal, e.g. {@code Key[0x00000000, 0x0000002a]} for {@code Key.of(42)}. */
    @Override
    public String toString() {
        return String.format("Key[0x%08x, 0x%08x]", k0, k1);
    }
}
