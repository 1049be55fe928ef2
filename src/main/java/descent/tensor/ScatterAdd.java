package descent.tensor;


import java.util.List;

/**
 * The transpose of {@link Gather}: adds slices of the first operand into zeros of a fixed shape at
 * the positions given by the second operand (repeated positions accumulate).
 */
final class ScatterAdd extends Primitive {
    private final int axis;
    private final Shape full;

    /** Scatter along {@code axis} into zeros of shape {@code full}. */
    public ScatterAdd(int axis, Shape full) {
        this.axis = axis;
        this.full = full;
    }

    @Override
    public String name() {
        return "scatterAdd[" + axis + "]" + full;
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public Shape shape(Shape... in) {
        Shape expect = Layout.gatherShape(full, axis, in[1]);
        if (!expect.equals(in[0])) {
            throw new IllegalArgumentException("scatterAdd: updates of shape " + in[0] + " do not match " + expect
                    + " (target " + full + ", indices " + in[1] + ", axis " + axis + ")");
        }
        return full;
    }

    @Override
    public Kernel kernel(Shape[] in, Shape out) {
        return Layout.scatterAdd(full, axis, in[1]);
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return t[0] == null ? null : apply(t[0], x[1]);
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return Series.of(ct, needed[0] ? new Gather(axis).apply(ct, x[1]) : null, null);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        return Series.map(x[0], v -> apply(v, x[1][0]), y);
    }

    @Override
    List<Sample> samples() {
        return List.of(Sample.withFixed(new ScatterAdd(0, Shape.of(4, 2)), -1, 1, new Shape[] {Shape.of(3, 2), Shape.of(3)},
                null, Tensor.of(3, 0, 3)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScatterAdd && ((ScatterAdd) o).axis == axis && ((ScatterAdd) o).full.equals(full);
    }

    @Override
    public int hashCode() {
        return axis * 31 + full.hashCode();
    }

    /** The transpose of {@link Gather}'s rule: batched indices scatter into one merged batch-and-axis block. */
    @Override
    public <T extends Ops<T>> T batch(T[] x, boolean[] batched, int size) {
        if (!batched[1]) {
            return new ScatterAdd(axis + 1, Batching.withBatch(size, full)).apply(x[0], x[1]);
        }
        T upd = batched[0] ? x[0] : Batching.broadcast(x[0], size);
        T idx = x[1];
        int ir = idx.rank() - 1;
        int n = full.dim(axis);
        int rest = full.rank() - 1;
        // upd: [B, full[:axis], I..., full[axis+1:]] -> [B, I..., full[:axis], full[axis+1:]]
        int[] perm = new int[upd.rank()];
        perm[0] = 0;
        int j = 1;
        for (int a = 0; a < ir; a++) {
            perm[j++] = 1 + axis + a;
        }
        for (int a = 0; a < axis; a++) {
            perm[j++] = 1 + a;
        }
        for (int a = axis; a < rest; a++) {
            perm[j++] = 1 + ir + a;
        }
        T moved = upd.permute(perm);
        int[] others = new int[rest];
        for (int a = 0, k = 0; a < full.rank(); a++) {
            if (a != axis) {
                others[k++] = full.dim(a);
            }
        }
        Shape target = Shape.of(size * n).concat(Shape.of(others));
        T offsets = idx.constant(Gather.blockOffsets(size, n, idx.rank()));
        T s = new ScatterAdd(0, target).apply(moved, idx.add(offsets));
        int[] split = new int[rest + 2];
        split[0] = size;
        split[1] = n;
        System.arraycopy(others, 0, split, 2, rest);
        // [B, n, others] -> [B, full[:axis], n, full[axis+1:]]
        int[] back = new int[rest + 2];
        back[0] = 0;
        for (int a = 0; a < axis; a++) {
            back[1 + a] = 2 + a;
        }
        back[1 + axis] = 1;
        for (int a = axis; a < rest; a++) {
            back[2 + a] = 2 + a;
        }
        return s.reshape(split).permute(back);
    }

    /** The axis scattered along. */
    int axis() {
        return axis;
    }
}
