package descent.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry of built-in primitives. Every primitive listed here is checked automatically by the
 * test suite in every AD mode, using the primitive's own {@link Primitive#samples()}.
 */
final class Primitives {
    private Primitives() {
    }

    /** All built-in primitives (one representative instance per class; samples cover the parameters). */
    public static List<Primitive> all() {
        List<Primitive> p = new ArrayList<>(List.of(
                Neg.INSTANCE, Exp.INSTANCE, Log.INSTANCE, Log1p.INSTANCE, Expm1.INSTANCE, Sqrt.INSTANCE,
                Abs.INSTANCE, PiecewiseConstant.SIGN, PiecewiseConstant.ROUND, PiecewiseConstant.FLOOR,
                Sin.INSTANCE, Cos.INSTANCE, Tan.INSTANCE, Tanh.INSTANCE, Sinh.INSTANCE, Cosh.INSTANCE,
                Sigmoid.INSTANCE, Softplus.INSTANCE, Erf.INSTANCE, Atan.INSTANCE, new PowScalar(2),
                Add.INSTANCE, Sub.INSTANCE, Mul.INSTANCE, Div.INSTANCE, Pow.INSTANCE, Extremum.MAX, Extremum.MIN,
                Where.INSTANCE, MatrixProduct.PLAIN, new ReduceSum(0), new ReduceMax(0),
                new Reshape(descent.tensor.Shape.of(1)), new Permute(0), new BroadcastTo(descent.tensor.Shape.of(1)),
                new Slice(new int[1], new int[1], new int[1]),
                new Unslice(descent.tensor.Shape.of(1), new int[1], new int[] {1}, new int[] {1}),
                new Gather(0), new OneHot(1), new RandomDraw(RandomDraw.Kind.UNIFORM, Shape.of(1), 0, 1), new KeyDerive(1), new ScatterAdd(0, descent.tensor.Shape.of(1)), new ScatterAccumulate(0), new Concat(0), StopGradient.INSTANCE));
        p.addAll(Compare.all());
        return p;
    }
}
