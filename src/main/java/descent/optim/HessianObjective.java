package descent.optim;

import descent.ad.Func;
import descent.tensor.ParamLayout;
import descent.tensor.Params;
import descent.tensor.Tensor;

/**
 * An objective that also gives Hessian-vector products {@code H(x) v} without forming the Hessian:
 * what Newton-type methods ({@link Methods#newtonCg}, {@link Methods#trustRegion}), the
 * curvature-preconditioned transforms ({@link Optimizers#adaHessian}, {@link Optimizers#sophia})
 * and {@code descent.curvature} need. {@link #of(Func, ParamLayout, Tensor...)} takes the products
 * from the AD core, forward over reverse.
 */
public interface HessianObjective extends Objective {
    /** A Hessian-vector product of an objective over flat vectors. */
    @FunctionalInterface
    interface Product {
        /** Writes {@code H(x) v} into {@code out}. */
        void hvp(double[] x, double[] v, double[] out);
    }

    /** Writes {@code H(x) v}, the Hessian of the objective at {@code x} times {@code v}, into {@code out}. */
    void hvp(double[] x, double[] v, double[] out);

    /** An objective from its value-and-gradient and its Hessian-vector product. */
    static HessianObjective of(Objective valueAndGrad, Product hvp) {
        if (valueAndGrad == null || hvp == null) {
            throw new IllegalArgumentException("HessianObjective.of: needs the objective and its Hessian-vector product");
        }
        return new HessianObjective() {
            @Override
            public double valueAndGrad(double[] x, double[] grad) {
                return valueAndGrad.valueAndGrad(x, grad);
            }

            @Override
            public void hvp(double[] x, double[] v, double[] out) {
                hvp.hvp(x, v, out);
            }
        };
    }

    /**
     * The objective {@code f(leaf_1, ..., leaf_n, data_1, ..., data_m)} as {@link Objective#of}
     * builds it, with Hessian-vector products with respect to the leaves from
     * {@code AD.jvp(AD.grad(f))} (forward over reverse), compiled once; the data are arguments,
     * held fixed.
     *
     * @throws IllegalArgumentException if {@code f}'s arity is not the number of leaves plus data tensors
     */
    static HessianObjective of(Func f, ParamLayout layout, Tensor... data) {
        return new FuncObjective(f, layout, data);
    }

    /** {@link #of(Func, ParamLayout, Tensor...)} with the layout of {@code params}. */
    static HessianObjective of(Func f, Params<Tensor> params, Tensor... data) {
        return new FuncObjective(f, ParamLayout.of(params), data);
    }
}
