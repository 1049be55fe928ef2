package descent.ad;

import descent.tensor.Params;
import descent.tensor.Tensor;

import java.util.Arrays;

/**
 * The results of evaluating a {@link Func} on tensors and parameter trees: each result is a
 * tensor or, for gradients with respect to a tree, a tree of the same structure.
 */
public final class Outputs {
    private final Object[] results;

    Outputs(Object[] results) {
        this.results = results;
    }

    /** Number of results. */
    public int size() {
        return results.length;
    }

    /** Result {@code i}, which must be a tensor. */
    public Tensor tensor(int i) {
        Object r = get(i);
        if (!(r instanceof Tensor)) {
            throw new IllegalStateException("result " + i + " is a parameter tree, not a tensor; use params(" + i + ")");
        }
        return (Tensor) r;
    }

    /** Result {@code i}, which must be a parameter tree. */
    @SuppressWarnings("unchecked")
    public Params<Tensor> params(int i) {
        Object r = get(i);
        if (!(r instanceof Params)) {
            throw new IllegalStateException("result " + i + " is a tensor, not a parameter tree; use tensor(" + i + ")");
        }
        return (Params<Tensor>) r;
    }

    /** Result {@code i}: a {@link Tensor} or a {@code Params<Tensor>}. */
    public Object get(int i) {
        if (i < 0 || i >= results.length) {
            throw new IndexOutOfBoundsException("result " + i + " of " + results.length);
        }
        return results[i];
    }

    @Override
    public String toString() {
        return Arrays.toString(results);
    }
}
