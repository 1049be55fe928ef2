package descent.pinn;

import descent.ad.Compiled;
import descent.ad.Func;
import descent.tensor.Shape;
import descent.tensor.Tensor;

import java.util.HashMap;
import java.util.Map;

/**
 * A term's source g(x) evaluated at a batch of points [N, d] in blocks of rows, each block by a
 * plan compiled once for its shape, so that its intermediates hold about {@value #BLOCK_ELEMENTS}
 * elements whatever N and d are (at d = 10^5 and beyond one row at a time).
 */
final class SourceEvaluator {
    /**
     * Elements of the points per block: each intermediate (1 MiB) fits a core's second-level cache,
     * where the source's chains of elementwise steps run about 1.5 times faster than on blocks of
     * 2^20 elements (the two-body Allen-Cahn source at d = 10^4 and 10^5: 10 against 15-16 ns per
     * element of the points).
     */
    static final int BLOCK_ELEMENTS = 1 << 17;

    private final Func g;
    private final String term;
    private final Map<Shape, Compiled> plans = new HashMap<>();

    SourceEvaluator(Solution source, String term) {
        this.g = Func.of(x -> source.apply(x)).named("source(" + term + ")");
        this.term = term;
    }

    /** g at the points, [N]. */
    Tensor at(Tensor points) {
        int n = points.shape().dim(0);
        int d = points.shape().dim(1);
        int block = Math.max(1, Math.min(n, BLOCK_ELEMENTS / Math.max(1, d)));
        double[] data = points.contiguousData();
        double[] out = new double[n];
        double[][] in = {data};
        double[][] res = {out};
        for (int r = 0; r < n; r += block) {
            int m = Math.min(block, n - r);
            Compiled plan = plans.computeIfAbsent(Shape.of(m, d), s -> compile(s, m));
            plan.runInto(in, new int[] {r * d}, res, new int[] {r});
        }
        return Tensor.wrap(out, n);
    }

    private Compiled compile(Shape block, int rows) {
        Compiled plan = g.compile(block);
        Shape[] out = plan.outputShapes();
        if (out.length != 1 || !out[0].equals(Shape.of(rows))) {
            throw new IllegalArgumentException("the source of term '" + term + "' must give one value per point, [" + rows
                    + "] for points " + block + ", but gives " + (out.length == 1 ? out[0].toString() : out.length + " results"));
        }
        return plan;
    }
}
