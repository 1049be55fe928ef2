package descent.tensor;

import java.util.Objects;

/**
 * Random tensors drawn from a {@link Key}, in the manner of {@code jax.random}: every result is a
 * pure function of the key and the arguments, element i of a result depends on the key and i
 * alone, and results do not depend on how many threads fill them. These methods run the prepared
 * kernels of {@link Sampling}, which compiled plans use with the key as a tensor input.
 *
 * <p>Use each key for one draw and derive new keys with {@link Key#split} or {@link Key#foldIn}:
 * two draws from one key are correlated (a uniform and a normal draw of one key come from the
 * same random bits, for one).
 *
 * <pre>{@code
 * Key[] k = Key.of(0).split(2);
 * Tensor v = Random.rademacher(k[0], Shape.of(16, 1000));   // Hutchinson probes
 * Tensor j = Random.choice(k[1], 1_000_000, 16);           // 16 distinct coordinates
 * }</pre>
 *
 * How bits become numbers (53-bit uniforms, inverse-CDF normals, unbiased integers by
 * multiply-shift with rejection) is described on each method.
 */
public final class Random {
    private Random() {
    }

    /** Runs a sampling kernel on {@code key} into a new tensor of {@code shape}. */
    private static Tensor draw(String op, Key key, Shape shape, Kernel kernel) {
        Objects.requireNonNull(key, () -> op + ": key is null");
        double[] out = new double[shape.size()];
        kernel.run(new double[][] {{key.word(0), key.word(1)}}, out);
        return Tensor.wrap(out, shape);
    }

    private static Shape checked(String op, Shape shape) {
        return Objects.requireNonNull(shape, () -> op + ": shape is null");
    }

    /**
     * Uniform values in [0, 1): the top 53 of 64 random bits times 2^-53, so every multiple of
     * 2^-53 in [0, 1) is equally likely.
     */
    public static Tensor uniform(Key key, Shape shape) {
        return uniform(key, shape, 0, 1);
    }

    /**
     * Uniform values in [lo, hi): lo + (hi - lo) u with u as in {@link #uniform(Key, Shape)}; a
     * value that rounds up to hi is replaced by the largest double below hi.
     *
     * @throws IllegalArgumentException unless lo &lt; hi and hi - lo is finite
     */
    public static Tensor uniform(Key key, Shape shape, double lo, double hi) {
        return draw("uniform", key, shape, Sampling.uniform(checked("uniform", shape), lo, hi));
    }

    /**
     * Standard normal values Phi^-1(u), u = (m + 1/2) 2^-52 from the top 52 random bits m, with
     * Phi^-1 by Wichura's algorithm AS 241 (within 4 ulp of the exact quantile). The distribution
     * is exactly symmetric, and |value| &lt;= 8.21.
     */
    public static Tensor normal(Key key, Shape shape) {
        return normal(key, shape, 0, 1);
    }

    /**
     * Normal values mean + std z, z as in {@link #normal(Key, Shape)}.
     *
     * @throws IllegalArgumentException unless mean is finite and std is finite and &gt;= 0
     */
    public static Tensor normal(Key key, Shape shape, double mean, double std) {
        return draw("normal", key, shape, Sampling.normal(checked("normal", shape), mean, std));
    }

    /** Values -1 and +1 with probability 1/2 each (Rademacher), one random bit per element. */
    public static Tensor rademacher(Key key, Shape shape) {
        return draw("rademacher", key, shape, Sampling.rademacher(checked("rademacher", shape)));
    }

    /**
     * Values 1 with probability p and 0 otherwise: 1 where u &lt; p, u as in
     * {@link #uniform(Key, Shape)}.
     *
     * @throws IllegalArgumentException unless 0 &lt;= p &lt;= 1
     */
    public static Tensor bernoulli(Key key, double p, Shape shape) {
        return draw("bernoulli", key, shape, Sampling.bernoulli(p, checked("bernoulli", shape)));
    }

    /**
     * Integers in [lo, hi), each exactly equally likely: lo + floor(x s / 2^64) for 64 random
     * bits x and s = hi - lo (Lemire's multiply-shift), redrawing x in the rare case (probability
     * below s / 2^64) that the low half of x s falls under 2^64 mod s.
     *
     * @throws IllegalArgumentException unless lo &lt; hi, both within [-2^53, 2^53]
     */
    public static Tensor randint(Key key, Shape shape, long lo, long hi) {
        return draw("randint", key, shape, Sampling.randint(checked("randint", shape), lo, hi));
    }

    /** Standard Gumbel values -log(-log u), u open uniform as in {@link #normal(Key, Shape)}. */
    public static Tensor gumbel(Key key, Shape shape) {
        return draw("gumbel", key, shape, Sampling.gumbel(checked("gumbel", shape)));
    }

    /**
     * A uniformly random permutation of 0, 1, ..., n-1 as a vector of length n (Fisher-Yates
     * with unbiased integer draws), in O(n).
     *
     * @throws IllegalArgumentException if n &lt; 0
     */
    public static Tensor permutation(Key key, int n) {
        Kernel k = Sampling.permutation(n);
        return draw("permutation", key, Shape.of(n), k);
    }

    /**
     * k distinct integers of [0, n) drawn without replacement, as a vector of length k: every
     * k-subset is equally likely and its elements come in uniformly random order. The first k
     * steps of a Fisher-Yates shuffle of 0..n-1 that stores only displaced entries, so it costs
     * O(k) time and memory whatever n is (16 of 1,000,000 coordinates cost 16 draws).
     *
     * @throws IllegalArgumentException unless 0 &lt;= k &lt;= n
     */
    public static Tensor choice(Key key, int n, int k) {
        Kernel kernel = Sampling.choice(n, k);
        return draw("choice", key, Shape.of(k), kernel);
    }

    // ---- draws from key values, eager or traced ------------------------------------------------

    /**
     * Uniform values in [lo, hi) of {@code shape} from {@code keys} (shape [..., 2]; a
     * {@link Key#toTensor()} or a traced value holding keys), one draw per key: shape [..., shape].
     * The same key gives exactly the numbers of {@link #uniform(Key, Shape, double, double)}, also
     * inside a compiled function, where the keys are an argument and new keys give new numbers.
     */
    public static <T extends Ops<T>> T uniform(T keys, Shape shape, double lo, double hi) {
        return new RandomDraw(RandomDraw.Kind.UNIFORM, checked("uniform", shape), lo, hi).apply(keys);
    }

    /** Uniform values in [0, 1) from key values (see {@link #uniform(Ops, Shape, double, double)}). */
    public static <T extends Ops<T>> T uniform(T keys, Shape shape) {
        return uniform(keys, shape, 0, 1);
    }

    /** Standard normal values from key values, as {@link #normal(Key, Shape)} draws them. */
    public static <T extends Ops<T>> T normal(T keys, Shape shape) {
        return normal(keys, shape, 0, 1);
    }

    /** Normal values with the given mean and standard deviation from key values. */
    public static <T extends Ops<T>> T normal(T keys, Shape shape, double mean, double std) {
        return new RandomDraw(RandomDraw.Kind.NORMAL, checked("normal", shape), mean, std).apply(keys);
    }

    /** Values -1 and +1 with probability 1/2 each from key values (Hutchinson probes). */
    public static <T extends Ops<T>> T rademacher(T keys, Shape shape) {
        return new RandomDraw(RandomDraw.Kind.RADEMACHER, checked("rademacher", shape), 0, 0).apply(keys);
    }

    /** 1 with probability p, else 0, from key values. */
    public static <T extends Ops<T>> T bernoulli(T keys, double p, Shape shape) {
        return new RandomDraw(RandomDraw.Kind.BERNOULLI, checked("bernoulli", shape), p, 0).apply(keys);
    }

    /** Integers in [lo, hi), every value equally likely, from key values. */
    public static <T extends Ops<T>> T randint(T keys, Shape shape, long lo, long hi) {
        return new RandomDraw(RandomDraw.Kind.RANDINT, checked("randint", shape), lo, hi).apply(keys);
    }

    /** Standard Gumbel values from key values. */
    public static <T extends Ops<T>> T gumbel(T keys, Shape shape) {
        return new RandomDraw(RandomDraw.Kind.GUMBEL, checked("gumbel", shape), 0, 0).apply(keys);
    }

    /** A uniformly random permutation of 0..n-1 per key. */
    public static <T extends Ops<T>> T permutation(T keys, int n) {
        return new RandomDraw(RandomDraw.Kind.PERMUTATION, Shape.of(n), n, 0).apply(keys);
    }

    /**
     * {@code k} distinct indices of [0, n) per key, uniformly over k-subsets, in O(k): the
     * coordinates of sparse STDE, drawn afresh at every step of a compiled loss.
     */
    public static <T extends Ops<T>> T choice(T keys, int n, int k) {
        return new RandomDraw(RandomDraw.Kind.CHOICE, Shape.of(k), n, 0).apply(keys);
    }

    /** {@code n} new keys per key: keys [..., 2] give [..., n, 2], key i being T(k, i) as in {@link Key#split(int)}. */
    public static <T extends Ops<T>> T split(T keys, int n) {
        return new KeyDerive(n).apply(keys);
    }

    /** Keys T(k, d) for integral {@code data} (a scalar or one per key), as {@link Key#foldIn(long)}: per-step keys. */
    public static <T extends Ops<T>> T foldIn(T keys, T data) {
        return new KeyDerive(-1).apply(keys, data);
    }
}
