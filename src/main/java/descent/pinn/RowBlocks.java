package descent.pinn;

import descent.tensor.Tensor;

import java.util.function.UnaryOperator;

/**
 * A map from points [N, d] to one value per point [N], evaluated in blocks of rows when the
 * points are large, so that no intermediate of the map holds more than about
 * {@value #ELEMENTS} elements (64 MiB). Without it, the exact solution or the network evaluated at
 * 20,000 test points in 10,000 dimensions would make intermediates of 1.6 GB each. Points with at
 * most {@value #ELEMENTS} elements are passed whole (the result is then the map's own).
 */
final class RowBlocks {
    /** Elements of the points per block; blocks of many rows keep the network's first product efficient. */
    static final int ELEMENTS = 1 << 23;

    private RowBlocks() {
    }

    /** {@code f} at {@code points} [N, d], by blocks of rows when N d exceeds {@value #ELEMENTS}. */
    static Tensor map(Tensor points, UnaryOperator<Tensor> f) {
        int n = points.shape().dim(0);
        int d = points.shape().dim(1);
        if ((long) n * d <= ELEMENTS) {
            return f.apply(points);
        }
        int block = Math.max(1, ELEMENTS / d);
        double[] out = new double[n];
        for (int r = 0; r < n; r += block) {
            int m = Math.min(block, n - r);
            Tensor values = f.apply(points.slice(0, r, r + m, 1));
            if (values.rank() != 1 || values.shape().dim(0) != m) {
                throw new IllegalArgumentException("expected one value per point, [" + m + "] for points [" + m + ", " + d
                        + "], got " + values.shape());
            }
            values.copyTo(out, r);
        }
        return Tensor.wrap(out, n);
    }
}
