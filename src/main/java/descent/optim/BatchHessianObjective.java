package descent.optim;

import descent.ad.Func;
import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Tensor;

/**
 * A mini-batch objective that also gives Hessian-vector products on a batch, for the
 * curvature-preconditioned transforms ({@link Optimizers#adaHessian}, {@link Optimizers#sophia},
 * {@link Optimizers#oasis}, {@link Optimizers#sania}) trained on mini-batches.
 */
public interface BatchHessianObjective extends BatchObjective {
    /** Writes {@code H_batch(x) v}, the Hessian of the objective on the examples {@code batch}, into {@code out}. */
    void hvp(double[] x, int[] batch, double[] v, double[] out);

    /**
     * The objective of {@link BatchObjective#of(Func, ParamLayout, Tensor...)}, with Hessian-vector
     * products on the batch's rows from the AD core (forward over reverse).
     */
    static BatchHessianObjective of(Func f, ParamLayout layout, Tensor... data) {
        return new FuncObjective(f, layout, data).batched();
    }

    /** {@link #of(Func, ParamLayout, Tensor...)} with the layout of {@code params}. */
    static BatchHessianObjective of(Func f, Params<Tensor> params, Tensor... data) {
        return of(f, ParamLayout.of(params), data);
    }
}
