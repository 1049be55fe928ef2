package descent.finitesum;

import descent.ad.Func;
import descent.optim.BatchObjective;
import descent.optim.Objective;
import descent.tensor.Tensor;

/**
 * A finite-sum objective {@code f(x) = (1/n) sum_i f_i(x)} over a flat vector of
 * {@link #dimension()} elements, given by the values and gradients of its {@link #terms()} terms:
 * what the variance-reduced methods of {@link FiniteSumMethods} need. {@link #of(Func, int, Tensor...)}
 * batches the per-term gradients through the AD core ({@code AD.vmap} of {@code AD.valueAndGrad}
 * of one term), {@link #of(BatchObjective, int)} adapts a mini-batch objective.
 */
public interface FiniteSum {
    /** Number of terms {@code n}. */
    int terms();

    /** Number of parameters. */
    int dimension();

    /**
     * Writes {@code grad f_i(x)} for {@code i = indices[k]}, {@code k < count}, into row {@code k}
     * of {@code grads} (row-major, {@code count x dimension()}) and returns
     * {@code sum_k f_{indices[k]}(x)}.
     */
    double termGradients(double[] x, int[] indices, int count, double[] grads);

    /** The mean {@code f(x) = (1/n) sum_i f_i(x)} with its gradient, as an {@link Objective} (evaluated in chunks of terms). */
    default Objective objective() {
        return new MeanObjective(this);
    }

    /**
     * The sum of the terms {@code term(x, row_1, ..., row_m)}, one per row of the data tensors
     * (every data tensor has one row per term along its first axis; {@code term} sees one row
     * each, without that axis), over a parameter vector {@code x} of {@code dimension} elements.
     * Per-term values and gradients of a batch come from one evaluation of
     * {@code AD.vmap(AD.valueAndGrad(term))}, batched over the rows.
     *
     * @throws IllegalArgumentException if the arity is wrong, the data tensors differ in rows, or a term is not scalar
     */
    static FiniteSum of(Func term, int dimension, Tensor... data) {
        return new FuncFiniteSum(term, dimension, data);
    }

    /**
     * The terms of a mini-batch objective whose value on a batch is the mean over its examples:
     * term {@code i} is its value on the batch {@code {i}}.
     */
    static FiniteSum of(BatchObjective objective, int dimension) {
        return new BatchFiniteSum(objective, dimension);
    }
}
