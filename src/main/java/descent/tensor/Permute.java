package descent.tensor;


import java.util.Arrays;
import java.util.List;

/** Axis permutation: output axis i is input axis perm[i]. Transpose: the inverse permutation. */
final class Permute extends LinearPrimitive {
    private final int[] perm;

    /** Permute by {@code perm}. */
    public Permute(int... perm) {
        this.perm = perm.clone();
    }

    @Override
    public String name() {
        return "permute" + Arrays.toString(perm);
    }

    @Override
    public Shape shape(Shape... in) {
        return Layout.permuteShape(in[0], perm);
    }

    @Override
    public Kernel kernel(Shape[] in, Shape out) {
        return Layout.permute(in[0], perm);
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return Series.of(ct, needed[0] ? ct.permute(Layout.inversePermutation(perm)) : null);
    }

    @Override
    List<Sample> samples() {
        return List.of(Sample.of(new Permute(1, 0), -1, 1, Shape.of(2, 3)),
                Sample.of(new Permute(2, 0, 1), -1, 1, Shape.of(2, 3, 4)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Permute && Arrays.equals(((Permute) o).perm, perm);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(perm);
    }

    @Override
    public <T extends Ops<T>> T batch(T[] x, boolean[] batched, int size) {
        int[] p = new int[perm.length + 1];
        for (int i = 0; i < perm.length; i++) {
            p[i + 1] = perm[i] + 1;
        }
        return new Permute(p).apply(x[0]);
    }
}
