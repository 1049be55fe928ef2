/**
 * Descent's core: tensors and their operations ({@code descent.tensor}), automatic
 * differentiation and compiled functions ({@code descent.ad}), NumPy files ({@code descent.io}),
 * optimizers ({@code descent.optim}), constrained, nonsmooth and derivative-free optimization ({@code descent.constrained}), min-max games ({@code descent.games}), implicit differentiation and bilevel problems ({@code descent.bilevel}), variance-reduced finite-sum methods ({@code descent.finitesum}), coordinate methods ({@code descent.coordinate}) and matrix-free curvature tools ({@code descent.curvature}). Tracing, transforms and plans are
 * internal ({@code descent.internal.*}) and not exported.
 */
module descent.core {
    requires static jdk.incubator.vector;
    requires java.management;
    requires multik.openblas.jvm;

    exports descent.tensor;
    exports descent.ad;
    exports descent.io;
    exports descent.stde;
    exports descent.pinn;
    exports descent.pinn.zoo;
    exports descent.optim;
    exports descent.constrained;
    exports descent.curvature;
    exports descent.games;
    exports descent.bilevel;
    exports descent.finitesum;
    exports descent.coordinate;
}
