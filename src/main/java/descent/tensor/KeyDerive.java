package descent.tensor;

import java.util.List;

/**
 * New keys from keys, as primitives so that traced functions derive per-step keys: {@code split}
 * gives [..., n, 2] from keys [..., 2] (key i is T(k, i)), and {@code foldIn} gives [..., 2] from
 * keys [..., 2] and integral data of shape [...] or [] (T(k, d)); see {@link Key}. Not
 * differentiable.
 */
final class KeyDerive extends Primitive {
    private final int split;

    /** A split into {@code n} keys, or (n = -1) a fold-in of a data operand. */
    KeyDerive(int n) {
        if (n < -1 || n == 0) {
            throw new IllegalArgumentException("split: the number of keys must be at least 1, got " + n);
        }
        this.split = n;
    }

    private boolean isSplit() {
        return split > 0;
    }

    @Override
    public String name() {
        return isSplit() ? "split[" + split + "]" : "foldIn";
    }

    @Override
    public int arity() {
        return isSplit() ? 1 : 2;
    }

    @Override
    public Shape shape(Shape... in) {
        RandomDraw.requireKeys(name(), in[0]);
        Shape batch = RandomDraw.keyBatch(in[0]);
        if (isSplit()) {
            return batch.concat(Shape.of(split, 2));
        }
        if (!in[1].isScalar() && !in[1].equals(batch)) {
            throw new IllegalArgumentException("foldIn: data must be a scalar or have the keys' batch shape " + batch
                    + ", got " + in[1]);
        }
        return in[0];
    }

    @Override
    public boolean foldable() {
        return true;
    }

    @Override
    public Kernel kernel(Shape[] in, Shape out) {
        int rows = RandomDraw.keyBatch(in[0]).size();
        if (isSplit()) {
            int n = split;
            return (i, o) -> {
                for (int r = 0; r < rows; r++) {
                    int k0 = Key.word(name(), i[0][2 * r], 0);
                    int k1 = Key.word(name(), i[0][2 * r + 1], 1);
                    for (int j = 0; j < n; j++) {
                        write(Threefry.block(k0, k1, j), o, 2 * (r * n + j));
                    }
                }
            };
        }
        boolean scalar = in[1].isScalar();
        return (i, o) -> {
            for (int r = 0; r < rows; r++) {
                double d = i[1][scalar ? 0 : r];
                if (d != Math.rint(d) || Math.abs(d) >= 0x1p63) {
                    throw new IllegalArgumentException("foldIn: data must be integers, got " + d + " at position " + r);
                }
                int k0 = Key.word(name(), i[0][2 * r], 0);
                int k1 = Key.word(name(), i[0][2 * r + 1], 1);
                write(Threefry.block(k0, k1, (long) d), o, 2 * r);
            }
        };
    }

    private static void write(long block, double[] o, int at) {
        o[at] = (block >>> 32) & 0xFFFFFFFFL;
        o[at + 1] = block & 0xFFFFFFFFL;
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return null;
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return ct.newArray(x.length);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        return Series.constant(y, Series.order(x));
    }

    @Override
    public <T extends Ops<T>> T batch(T[] x, boolean[] batched, int size) {
        if (isSplit()) {
            return apply(x[0]);
        }
        T keys = batched[0] ? x[0] : Batching.broadcast(x[0], size);
        T data = x[1];
        Shape batch = RandomDraw.keyBatch(keys.shape());
        if (!batched[1] && !data.shape().isScalar()) {
            data = Batching.broadcast(data, size);
        } else if (batched[1] && !data.shape().equals(batch)) {
            data = Batching.extend(data, batch.rank() - 1).broadcastTo(batch);
        }
        return apply(keys, data);
    }

    @Override
    List<Sample> samples() {
        return List.of(
                Sample.withFixed(new KeyDerive(3), 0, 1, new Shape[] {Shape.of(2)}, Tensor.of(0, 42)).withoutFiniteDifferences(),
                Sample.withFixed(new KeyDerive(-1), 0, 1, new Shape[] {Shape.of(2, 2), Shape.of(2)},
                        Tensor.of(new double[][] {{0, 42}, {1, 2}}), Tensor.of(5, 1L << 40)).withoutFiniteDifferences());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyDerive && ((KeyDerive) o).split == split;
    }

    @Override
    public int hashCode() {
        return split * 13 + 1;
    }
}
