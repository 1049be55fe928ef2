package descent.tensor;


import java.util.List;

/**
 * Takes slices along an axis at positions given by a second operand holding integral values.
 * Linear in the first operand (the indices are not differentiated); its transpose is
 * {@link ScatterAdd}. Because the indices are an operand, new indices need no retracing.
 */
final class Gather extends Primitive {
    private final int axis;

    /** Gather along {@code axis} (non-negative). */
    public Gather(int axis) {
        this.axis = axis;
    }

    @Override
    public String name() {
        return "gather[" + axis + "]";
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public Shape shape(Shape... in) {
        return Layout.gatherShape(in[0], axis, in[1]);
    }

    @Override
    public Kernel kernel(Shape[] in, Shape out) {
        return Layout.gather(in[0], axis, in[1]);
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return t[0] == null ? null : apply(t[0], x[1]);
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return Series.of(ct, needed[0] ? new ScatterAdd(axis, x[0].shape()).apply(ct, x[1]) : null, null);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        return Series.map(x[0], v -> apply(v, x[1][0]), y);
    }

    @Override
    List<Sample> samples() {
        return List.of(
                Sample.withFixed(new Gather(0), -1, 1, new Shape[] {Shape.of(4, 2), Shape.of(3)}, null, Tensor.of(3, 0, 3)),
                Sample.withFixed(new Gather(1), -1, 1, new Shape[] {Shape.of(2, 3), Shape.of(2, 2)}, null,
                        Tensor.of(new double[][] {{2, 1}, {0, 2}})));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gather && ((Gather) o).axis == axis;
    }

    @Override
    public int hashCode() {
        return axis + 11;
    }

    /**
     * Batched operand only: gather one axis further in. Batched indices: the gathered axis is
     * brought next to the batch axis and merged with it, and each batch element's indices are
     * offset to its block, so one gather serves the whole batch.
     */
    @Override
    public <T extends Ops<T>> T batch(T[] x, boolean[] batched, int size) {
        if (!batched[1]) {
            return new Gather(axis + 1).apply(x[0], x[1]);
        }
        if (!batched[0]) {
            // shared data, batched indices: one gather, then the batch axis (at position axis) to the front
            T g = apply(x[0], x[1]);
            if (axis == 0) {
                return g;
            }
            int[] perm = new int[g.rank()];
            perm[0] = axis;
            for (int a = 0; a < axis; a++) {
                perm[a + 1] = a;
            }
            for (int a = axis + 1; a < perm.length; a++) {
                perm[a] = a;
            }
            return g.permute(perm);
        }
        T data = x[0];
        T idx = x[1];
        Shape ds = data.shape();
        int n = ds.dim(axis + 1);
        int rest = ds.rank() - 2;
        int[] toFront = new int[ds.rank()];
        toFront[0] = 0;
        toFront[1] = axis + 1;
        for (int a = 0, j = 2; a < ds.rank(); a++) {
            if (a != 0 && a != axis + 1) {
                toFront[j++] = a;
            }
        }
        T moved = data.permute(toFront);
        int[] merged = moved.shape().dims();
        int[] flat = new int[merged.length - 1];
        flat[0] = size * n;
        System.arraycopy(merged, 2, flat, 1, merged.length - 2);
        T offsets = idx.constant(blockOffsets(size, n, idx.rank()));
        T g = new Gather(0).apply(moved.reshape(flat), idx.add(offsets));
        int ir = idx.rank() - 1;
        // g: [B, I..., others...] with others = data axes 1..rank-1 except the gathered one, in order.
        int[] perm = new int[g.rank()];
        perm[0] = 0;
        int j = 1;
        for (int a = 0; a < axis; a++) {
            perm[j++] = 1 + ir + a;
        }
        for (int a = 0; a < ir; a++) {
            perm[j++] = 1 + a;
        }
        for (int a = axis; a < rest; a++) {
            perm[j++] = 1 + ir + a;
        }
        return g.permute(perm);
    }

    /** b * n for batch element b, shaped [size, 1, ..., 1] with {@code rank} axes. */
    static Tensor blockOffsets(int size, int n, int rank) {
        int[] d = new int[rank];
        java.util.Arrays.fill(d, 1);
        d[0] = size;
        return Tensor.arange(size).mul(n).reshape(d);
    }
}
