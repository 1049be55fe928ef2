package descent.optim;

import descent.ad.Func;
import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Tensor;

/**
 * A least-squares objective {@code f(x) = 1/2 |r(x)|^2} given by its residuals {@code r(x)} (a
 * vector of {@link #residualCount()} elements) and products with their Jacobian {@code J(x)}:
 * what Gauss–Newton and Levenberg–Marquardt ({@link Methods#gaussNewton},
 * {@link Methods#levenbergMarquardt}) and Gauss–Newton-vector products need. Its gradient is
 * {@code J^T r}. {@link #of(Func, ParamLayout, Tensor...)} takes the products from the AD core.
 */
public interface ResidualObjective extends Objective {
    /** Number of residuals {@code m}. */
    int residualCount();

    /** Writes {@code r(x)} (m elements) into {@code r}. */
    void residuals(double[] x, double[] r);

    /** Writes {@code J(x) v} (m elements) into {@code out}, for {@code v} of the parameters' length. */
    void jvp(double[] x, double[] v, double[] out);

    /** Writes {@code J(x)^T u} (of the parameters' length) into {@code out}, for {@code u} of m elements. */
    void vjp(double[] x, double[] u, double[] out);

    /**
     * The residuals {@code r(leaf_1, ..., leaf_n, data_1, ..., data_m)} of a {@link Func} whose
     * first arguments are the parameter leaves (in the order of {@code layout}) and whose result
     * is a tensor of residuals (flattened row-major); Jacobian products by {@code AD.jvp} and
     * {@code AD.vjp}, compiled once. The data are arguments, held fixed.
     *
     * @throws IllegalArgumentException if {@code r}'s arity is not the number of leaves plus data tensors
     */
    static ResidualObjective of(Func r, ParamLayout layout, Tensor... data) {
        return new FuncResiduals(r, layout, data);
    }

    /** {@link #of(Func, ParamLayout, Tensor...)} with the layout of {@code params}. */
    static ResidualObjective of(Func r, Params<Tensor> params, Tensor... data) {
        return new FuncResiduals(r, ParamLayout.of(params), data);
    }
}
