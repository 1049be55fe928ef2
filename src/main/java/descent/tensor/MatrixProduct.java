package descent.tensor;


import java.util.List;

/**
 * Batched matrix product op(A) op(B) over the last two axes, where op optionally transposes;
 * leading axes broadcast. Bilinear, so Taylor mode is the Cauchy product
 * C_k = sum_j op(A_j) op(B_{k-j}), and the transposes in reverse mode are flags, not copies.
 */
final class MatrixProduct extends Primitive {
    /** A @ B. */
    public static final MatrixProduct PLAIN = new MatrixProduct(false, false);

    private final boolean transA;
    private final boolean transB;

    /** op(A) @ op(B) with the given transposition flags. */
    public static MatrixProduct of(boolean transA, boolean transB) {
        return new MatrixProduct(transA, transB);
    }

    private MatrixProduct(boolean transA, boolean transB) {
        this.transA = transA;
        this.transB = transB;
    }

    @Override
    public String name() {
        return "matmul" + (transA ? "[Ta]" : "") + (transB ? "[Tb]" : "");
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public Shape shape(Shape... in) {
        return MatMul.shape(in[0], in[1], transA, transB);
    }

    @Override
    public Kernel kernel(Shape[] in, Shape out) {
        return MatMul.kernel(in[0], in[1], transA, transB);
    }

    private <T extends Ops<T>> T product(T a, T b) {
        return apply(a, b);
    }

    @Override
    public <T extends Ops<T>> T jvp(T[] x, T[] t, T y) {
        return Series.add(t[0] == null ? null : product(t[0], x[1]), t[1] == null ? null : product(x[0], t[1]));
    }

    @Override
    public <T extends Ops<T>> T[] vjp(T[] x, T y, T ct, boolean[] needed) {
        T a = x[0];
        T b = x[1];
        T da = null;
        T db = null;
        if (needed[0]) {
            da = !transA
                    ? of(false, !transB).apply(ct, b)
                    : of(transB, true).apply(b, ct);
        }
        if (needed[1]) {
            if (b.rank() == 2 && a.rank() > 2 && !transA) {
                // b is shared by every batch: one product over the stacked rows instead of one per batch and a sum
                int k = a.shape().dim(-1);
                int n = ct.shape().dim(-1);
                T a2 = a.reshape(-1, k);
                T ct2 = ct.reshape(-1, n);
                db = !transB ? of(true, false).apply(a2, ct2) : of(true, false).apply(ct2, a2);
            } else {
                db = !transB
                        ? of(!transA, false).apply(a, ct)
                        : of(true, transA).apply(ct, a);
            }
        }
        return Series.of(ct, da, db);
    }

    @Override
    public <T extends Ops<T>> T[] taylor(T[][] x, T y) {
        T[] r = Series.constant(y, Series.order(x));
        for (int k = 1; k < r.length; k++) {
            r[k] = Series.cauchyTerm(x[0], x[1], k, this::product);
        }
        return r;
    }

    @Override
    List<Sample> samples() {
        return List.of(
                Sample.of(PLAIN, -1, 1, Shape.of(2, 3), Shape.of(3, 4)),
                Sample.of(of(true, false), -1, 1, Shape.of(3, 2), Shape.of(3, 4)),
                Sample.of(of(false, true), -1, 1, Shape.of(2, 3), Shape.of(4, 3)),
                Sample.of(of(true, true), -1, 1, Shape.of(3, 2), Shape.of(4, 3)),
                Sample.of(PLAIN, -1, 1, Shape.of(2, 2, 3), Shape.of(3, 2)),
                Sample.of(PLAIN, -1, 1, Shape.of(2, 3), Shape.of(2, 3, 2)),
                Sample.of(of(true, false), -1, 1, Shape.of(2, 3, 2), Shape.of(1, 3, 2)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatrixProduct && ((MatrixProduct) o).transA == transA && ((MatrixProduct) o).transB == transB;
    }

    @Override
    public int hashCode() {
        return (transA ? 2 : 0) + (transB ? 1 : 0);
    }

    /** Batched operands get size-1 batch axes after the vmap axis so leading batch axes broadcast. */
    @Override
    public <T extends Ops<T>> T batch(T[] x, boolean[] batched, int size) {
        int rank = 0;
        for (int i = 0; i < 2; i++) {
            rank = Math.max(rank, x[i].rank() - (batched[i] ? 1 : 0));
        }
        T a = batched[0] ? Batching.extend(x[0], rank) : x[0];
        T b = batched[1] ? Batching.extend(x[1], rank) : x[1];
        return apply(a, b);
    }

    /**
     * A product whose left operand is one-hot rows (possibly reshaped or broadcast over leading
     * axes) selects rows of the right matrix: a gather, reshaped and broadcast the same way.
     */
    @Override
    public <T extends Ops<T>> T rewrite(T[] x, Provenance<T> how) {
        if (transA || x[1].rank() != 2) {
            return null;
        }
        java.util.ArrayDeque<Primitive> path = new java.util.ArrayDeque<>();
        T v = x[0];
        int n = v.shape().dim(-1);
        while (true) {
            Primitive p = how.producer(v);
            if (p instanceof OneHot) {
                break;
            }
            if (!(p instanceof Reshape || p instanceof BroadcastTo)) {
                return null;
            }
            T from = how.operands(v)[0];
            if (from.rank() == 0 || from.shape().dim(-1) != n) {
                return null;
            }
            path.push(p);
            v = from;
        }
        T idx = how.operands(v)[0];
        T rows = transB ? new Gather(1).apply(x[1], idx) : new Gather(0).apply(x[1], idx);
        int w = transB ? x[1].shape().dim(0) : x[1].shape().dim(1);
        if (transB) {
            int r = rows.rank();
            int[] perm = new int[r];
            for (int a = 0; a < r - 1; a++) {
                perm[a] = a + 1;
            }
            perm[r - 1] = 0;
            rows = rows.permute(perm);
        }
        while (!path.isEmpty()) {
            Primitive p = path.pop();
            Shape target = p instanceof Reshape ? ((Reshape) p).target() : ((BroadcastTo) p).target();
            Shape withW = target.with(-1, w);
            rows = p instanceof Reshape ? rows.reshape(withW.dims()) : rows.broadcastTo(withW);
        }
        return rows;
    }
}
