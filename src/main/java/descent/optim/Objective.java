package descent.optim;

import descent.ad.Func;
import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Tensor;

/**
 * A differentiable objective over a flat parameter vector: {@link #valueAndGrad} returns
 * {@code f(x)} and writes {@code grad f(x)} into a preallocated array. The vector is laid out by
 * the {@link ParamLayout} of the parameters the run starts from; {@link #of} adapts a Descent
 * {@link Func} of the parameter leaves and data tensors.
 */
@FunctionalInterface
public interface Objective {
    /** Returns {@code f(x)} and writes the gradient at {@code x} into {@code grad} (of {@code x}'s length). */
    double valueAndGrad(double[] x, double[] grad);

    /**
     * The objective {@code f(leaf_1, ..., leaf_n, data_1, ..., data_m)} of a {@link Func} whose
     * first {@code n} arguments are the parameter leaves (in the order of {@code layout}) and whose
     * other arguments are the given data tensors, passed as arguments at every evaluation (never
     * captured as constants). Gradients come from {@code AD.valueAndGrad} with respect to the
     * leaves, through a plan compiled once; evaluations allocate nothing.
     *
     * @throws IllegalArgumentException if {@code f}'s arity is not the number of leaves plus data tensors
     */
    static Objective of(Func f, ParamLayout layout, Tensor... data) {
        return new FuncObjective(f, layout, data);
    }

    /** {@link #of(Func, ParamLayout, Tensor...)} with the layout of {@code params}. */
    static Objective of(Func f, Params<Tensor> params, Tensor... data) {
        return new FuncObjective(f, ParamLayout.of(params), data);
    }
}
