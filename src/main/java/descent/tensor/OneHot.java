package descent.tensor;

import java.util.List;

/**
 * One-hot rows: for indices of shape S (integral values in [0, n)), the result of shape S + [n]
 * is 1 at each index and 0 elsewhere. Not differentiable in the indices. A matrix product of a
 * one-hot operand with a matrix is a gather of the matrix's rows, which graph simplification uses
 * so that coordinate tangents (sparse STDE) cost a gather, not a dense product.
 */
final class OneHot extends Primitive {
    private final int n;

    OneHot(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("oneHot: the number of classes must be at least 1, got " + n);
        }
        this.n = n;
    }

    /** The number of classes. */
    int classes() {
        return n;
    }

    @Override
    public String name() {
        return "oneHot[" + n + "]";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape shape(Shape... in) {
        return in[0].concat(Shape.of(n));
    }

    @Override
    public Kernel kernel(Shape[] in, Shape out) {
        int m = in[0].size();
        int size = out.size();
        return (i, o) -> {
            java.util.Arrays.fill(o, 0, size, 0);
            double[] idx = i[0];
            for (int j = 0; j < m; j++) {
                o[j * n + Layout.index(idx[j], j, n, "oneHot")] = 1;
            }
        };
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return null;
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        return ct.newArray(1);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        return Series.constant(y, Series.order(x));
    }

    @Override
    public <T extends Ops<T>> T batch(T[] x, boolean[] batched, int size) {
        return apply(x[0]);
    }

    @Override
    List<Sample> samples() {
        return List.of(Sample.withFixed(new OneHot(4), 0, 1, new Shape[] {Shape.of(3)}, Tensor.of(3, 0, 2))
                .withoutFiniteDifferences());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OneHot && ((OneHot) o).n == n;
    }

    @Override
    public int hashCode() {
        return n * 31 + 5;
    }
}
