package descent.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shared batching rules (the vmap transform). A batched operand carries one extra leading axis of
 * the batch size; an unbatched operand is the same for every batch element. Rules return the
 * batched result, batch axis leading.
 */
final class Batching {
    private Batching() {
    }

    /**
     * Elementwise primitives with NumPy broadcasting: each batched operand gets axes of size 1
     * inserted after its batch axis up to the result's rank, so the batch axis lines up in front
     * of every other operand's axes, and the primitive's own broadcasting does the rest.
     */
    static <T extends Ops<T>> T elementwise(Primitive p, T[] x, boolean[] batched) {
        int rank = 0;
        for (int i = 0; i < x.length; i++) {
            rank = Math.max(rank, x[i].rank() - (batched[i] ? 1 : 0));
        }
        T[] y = x.clone();
        for (int i = 0; i < x.length; i++) {
            if (batched[i]) {
                y[i] = extend(x[i], rank);
            }
        }
        return p.applyAll(y);
    }

    /** A batched operand reshaped to batch axis + {@code rank} axes, padding with leading 1s after the batch axis. */
    static <T extends Ops<T>> T extend(T x, int rank) {
        int own = x.rank() - 1;
        if (own >= rank) {
            return x;
        }
        int[] d = new int[rank + 1];
        Arrays.fill(d, 1);
        d[0] = x.shape().dim(0);
        for (int a = 0; a < own; a++) {
            d[rank + 1 - own + a] = x.shape().dim(a + 1);
        }
        return x.reshape(d);
    }

    /** An unbatched operand repeated along a new leading batch axis of {@code size}. */
    static <T extends Ops<T>> T broadcast(T x, int size) {
        return x.expandDims(0).broadcastTo(Shape.of(size).concat(x.shape()));
    }

    /** Axes shifted by one for the leading batch axis. */
    static int[] shift(int[] axes) {
        int[] r = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            r[i] = axes[i] + 1;
        }
        return r;
    }

    /** The shape with the batch size in front. */
    static Shape withBatch(int size, Shape s) {
        return Shape.of(size).concat(s);
    }

    /**
     * The rule of last resort: apply the primitive to each batch element separately and stack the
     * results. Correct for every primitive, at the cost of one application per element.
     */
    static <T extends Ops<T>> T unrolled(Primitive p, T[] x, boolean[] batched, int size) {
        List<T> parts = new ArrayList<>(size);
        for (int b = 0; b < size; b++) {
            T[] y = x.clone();
            for (int i = 0; i < x.length; i++) {
                if (batched[i]) {
                    y[i] = x[i].index(0, b);
                }
            }
            parts.add(p.applyAll(y));
        }
        return Ops.stackAll(0, parts);
    }
}
