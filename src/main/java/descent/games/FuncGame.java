package descent.games;

import descent.ad.AD;
import descent.ad.Func;
import descent.tensor.Shape;
import descent.tensor.Tensor;

/** The game of a traced function {@code f(x, y)}, with both gradients from one reverse pass. */
final class FuncGame implements Game {
    private final Func valueAndGrad;
    private final Shape xShape;
    private final Shape yShape;
    private final int m;
    private final int n;

    FuncGame(Func f, Shape xShape, Shape yShape) {
        if (f == null || xShape == null || yShape == null) {
            throw new IllegalArgumentException("Game.of: f, x0 and y0 are required");
        }
        if (f.flatArity() != 2) {
            throw new IllegalArgumentException("Game.of: f must take two tensors (x, y), but " + f.name() + " takes "
                    + f.flatArity() + " flat arguments");
        }
        this.xShape = xShape;
        this.yShape = yShape;
        this.m = xShape.size();
        this.n = yShape.size();
        this.valueAndGrad = AD.valueAndGrad(f, 0, 1);
        Tensor v;
        try {
            v = f.call(Tensor.zeros(xShape), Tensor.zeros(yShape));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Game.of: " + f.name() + " fails on players of shapes x " + xShape + " and y "
                    + yShape + ": " + e.getMessage(), e);
        }
        if (v.size() != 1) {
            throw new IllegalArgumentException("Game.of: " + f.name() + " must return a scalar, but returns shape " + v.shape()
                    + " for players of shapes x " + xShape + " and y " + yShape);
        }
    }

    @Override
    public int xSize() {
        return m;
    }

    @Override
    public int ySize() {
        return n;
    }

    @Override
    public String name() {
        return "game(x " + xShape + ", y " + yShape + ")";
    }

    @Override
    public double valueAndGrad(double[] z, double[] grad) {
        Players.requireJoint(this, z.length, "valueAndGrad");
        Tensor x = Tensor.copyOf(java.util.Arrays.copyOfRange(z, 0, m), xShape.dims());
        Tensor y = Tensor.copyOf(java.util.Arrays.copyOfRange(z, m, m + n), yShape.dims());
        Tensor[] r = valueAndGrad.callAll(x, y);
        r[1].copyTo(grad, 0);
        r[2].copyTo(grad, m);
        return r[0].item();
    }
}
