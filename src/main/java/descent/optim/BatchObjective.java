package descent.optim;

import descent.ad.Func;
import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Tensor;

/**
 * An objective that is a sum or mean over {@link #examples()} examples, evaluated on mini-batches:
 * {@link #valueAndGrad} receives the indices of the examples of the batch, which {@link Minimize}
 * draws from a seeded generator. {@link #of} adapts a Descent {@link Func} of the parameter leaves
 * and the batch's rows of each data tensor.
 */
public interface BatchObjective {
    /** Number of examples. */
    int examples();

    /**
     * Returns the objective on the examples {@code batch} at {@code x} and writes its gradient
     * into {@code grad}.
     */
    double valueAndGrad(double[] x, int[] batch, double[] grad);

    /**
     * The objective {@code f(leaf_1, ..., leaf_n, rows_1, ..., rows_m)}: {@code f}'s first
     * {@code n} arguments are the parameter leaves, the others the rows of the batch taken from
     * each data tensor (every data tensor has one row per example along its first axis), gathered
     * into preallocated buffers and passed as arguments at every evaluation. {@code f} usually
     * returns the mean loss over the batch's rows.
     *
     * @throws IllegalArgumentException if the arity is wrong or the data tensors differ in their number of rows
     */
    static BatchObjective of(Func f, ParamLayout layout, Tensor... data) {
        return new FuncObjective(f, layout, data).batched();
    }

    /** {@link #of(Func, ParamLayout, Tensor...)} with the layout of {@code params}. */
    static BatchObjective of(Func f, Params<Tensor> params, Tensor... data) {
        return of(f, ParamLayout.of(params), data);
    }
}
