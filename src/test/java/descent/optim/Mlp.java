package descent.optim;

import descent.ad.Func;
import descent.tensor.Value;
import descent.tensor.Params;
import descent.tensor.Rng;
import descent.tensor.Tensor;

/**
 * A small regression problem for the optimizer tests: an MLP with one tanh hidden layer of
 * {@code width} units fitting {@code y = sin(x)} on {@code n} points of [-3, 3], loss the mean
 * squared error. Parameters: {@code layer1/w [1, width], layer1/b [width], layer2/w [width, 1],
 * layer2/b [1]}; data: x [n, 1] and y [n, 1].
 */
final class Mlp {
    final int width;
    final Tensor x;
    final Tensor y;

    Mlp(int n, int width) {
        this.width = width;
        x = Tensor.linspace(-3, 3, n).reshape(n, 1);
        y = x.sin();
    }

    /** Initial parameters: weights normal with variance 1 / fan-in, biases zero. */
    Params<Tensor> init(long seed) {
        Rng rng = new Rng(seed);
        Params<Tensor> l1 = Params.of("w", rng.normal(0.0, 1.0, 1, width), "b", Tensor.zeros(width));
        Params<Tensor> l2 = Params.of("w", rng.normal(0.0, 1 / Math.sqrt(width), width, 1), "b", Tensor.zeros(1));
        return Params.of("layer1", l1, "layer2", l2);
    }

    /** loss(w1, b1, w2, b2, x, y). */
    static Func loss() {
        return Func.of(6, a -> {
            Value h = a[4].matmul(a[0]).add(a[1]).tanh();
            Value u = h.matmul(a[2]).add(a[3]);
            return new Value[] {u.sub(a[5]).square().mean()};
        });
    }

    Objective objective(Params<Tensor> params) {
        return Objective.of(loss(), params, x, y);
    }

    BatchObjective batches(Params<Tensor> params) {
        return BatchObjective.of(loss(), params, x, y);
    }
}
