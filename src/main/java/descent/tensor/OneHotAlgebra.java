package descent.tensor;

/**
 * Graph rewrites for sums over the last axis involving one-hot rows, as coordinate tangents
 * produce them (tangent e_j for each sampled coordinate j): sum_k a_k e_jk = a_j is a gather, and
 * sum_k e_jk e_jk = 1, so that the Taylor coefficients of |x|^2-like terms cost a gather instead of
 * a dense product over [coordinates, points, dimension].
 *
 * <p>A one-hot chain is OneHot(idx) (idx of shape S, result S + [d]) reshaped to S + [1]*m + [d],
 * optionally broadcast over the 1s: the shape vmap gives coordinate tangents.
 */
final class OneHotAlgebra {
    private OneHotAlgebra() {
    }

    /** A recognized one-hot chain: the indices, their rank, and the number m of broadcast axes before d. */
    private record Chain<T extends Ops<T>>(T idx, int indexRank, int ones, int d) {
    }

    private static <T extends Ops<T>> Chain<T> chain(T v, Provenance<T> how) {
        int d = v.rank() == 0 ? -1 : v.shape().dim(-1);
        T cur = v;
        if (how.producer(cur) instanceof BroadcastTo) {
            cur = how.operands(cur)[0];
        }
        if (how.producer(cur) instanceof Reshape) {
            cur = how.operands(cur)[0];
        }
        if (!(how.producer(cur) instanceof OneHot) || cur.shape().dim(-1) != d) {
            return null;
        }
        T idx = how.operands(cur)[0];
        int ones = v.rank() - idx.rank() - 1;
        Shape reshaped = how.producer(v) instanceof BroadcastTo ? how.operands(v)[0].shape() : v.shape();
        if (ones < 0 || !reshaped.equals(prefixed(idx.shape(), ones, d))) {
            return null;
        }
        for (int a = 0; a < idx.rank(); a++) {
            if (v.shape().dim(a) != idx.shape().dim(a)) {
                return null;
            }
        }
        return new Chain<>(idx, idx.rank(), ones, d);
    }

    private static Shape prefixed(Shape s, int ones, int d) {
        int[] dims = new int[s.rank() + ones + 1];
        java.util.Arrays.fill(dims, 1);
        for (int a = 0; a < s.rank(); a++) {
            dims[a] = s.dim(a);
        }
        dims[dims.length - 1] = d;
        return Shape.of(dims);
    }

    /**
     * sum over the last axis of {@code v}, simplified where {@code v} is built from one-hot chains by
     * products, sums, differences and negation; null if nothing simplifies.
     */
    static <T extends Ops<T>> T sumLast(T v, Provenance<T> how) {
        Primitive p = how.producer(v);
        if (p == null) {
            return null;
        }
        Chain<T> own = chain(v, how);
        if (own != null) {
            return v.constant(1).broadcastTo(resultShape(v.shape()));
        }
        T[] x = p instanceof BroadcastTo || p instanceof Reshape ? null : how.operands(v);
        if (p instanceof Neg) {
            T s = sumLast(x[0], how);
            return s == null ? null : s.neg();
        }
        if (p instanceof Add || p instanceof Sub) {
            T a = sumLast(x[0], how);
            T b = sumLast(x[1], how);
            if (a == null && b == null) {
                return null;
            }
            Shape r = resultShape(v.shape());
            a = a != null ? a.broadcastTo(r) : x[0].broadcastTo(v.shape()).sum(-1);
            b = b != null ? b.broadcastTo(r) : x[1].broadcastTo(v.shape()).sum(-1);
            return p instanceof Add ? a.add(b) : a.sub(b);
        }
        if (p instanceof Mul) {
            for (int i = 0; i < 2; i++) {
                T other = x[1 - i];
                if (other.rank() == 0) {
                    T s = sumLast(x[i], how);
                    return s == null ? null : s.mul(other);
                }
            }
            Chain<T> ca = chain(x[0], how);
            Chain<T> cb = chain(x[1], how);
            if (ca != null && cb != null && ca.idx() == cb.idx()) {
                return v.constant(1).broadcastTo(resultShape(v.shape()));
            }
            if (ca != null && cb == null) {
                return gathered(x[1], ca, v.shape());
            }
            if (cb != null && ca == null) {
                return gathered(x[0], cb, v.shape());
            }
        }
        return null;
    }

    private static Shape resultShape(Shape product) {
        return product.drop(-1);
    }

    /**
     * sum_k a_k e_{idx,k} for the chain e and a broadcasting against it: a's last axis gathered at the
     * indices, the index axes moved in front, reshaped and broadcast to the product's shape minus d.
     */
    private static <T extends Ops<T>> T gathered(T a, Chain<T> c, Shape product) {
        int ar = a.rank();
        if (ar == 0 || a.shape().dim(-1) != c.d() || ar - 1 > c.ones()) {
            return null;
        }
        T g = new Gather(ar - 1).apply(a, c.idx());
        int lead = ar - 1;
        int[] perm = new int[g.rank()];
        for (int i = 0; i < c.indexRank(); i++) {
            perm[i] = lead + i;
        }
        for (int i = 0; i < lead; i++) {
            perm[c.indexRank() + i] = i;
        }
        T moved = g.permute(perm);
        int[] dims = new int[c.indexRank() + c.ones()];
        java.util.Arrays.fill(dims, 1);
        for (int i = 0; i < c.indexRank(); i++) {
            dims[i] = c.idx().shape().dim(i);
        }
        for (int i = 0; i < lead; i++) {
            dims[dims.length - lead + i] = a.shape().dim(i);
        }
        return moved.reshape(dims).broadcastTo(resultShape(product));
    }
}
