package descent.bench;

import descent.ad.AD;
import descent.ad.Func;
import descent.tensor.Value;
import descent.tensor.Rng;
import descent.tensor.Shape;
import descent.tensor.Tensor;

import java.util.Arrays;

/**
 * The benchmark network: an MLP with {@code hidden} tanh layers of width {@code width} on inputs of
 * size {@code in}, a linear output of size 1, and loss mean(u^2) over a batch. Parameters come
 * first among the arguments (W_1, b_1, ..., W_L, b_L), then the batch of inputs.
 */
final class Mlp {
    final int batch;
    final int in;
    final int width;
    final int hidden;
    final Tensor[] args;

    Mlp(int batch, int in, int width, int hidden, long seed) {
        this.batch = batch;
        this.in = in;
        this.width = width;
        this.hidden = hidden;
        Rng rng = new Rng(seed);
        int layers = hidden + 1;
        args = new Tensor[2 * layers + 1];
        int prev = in;
        for (int l = 0; l < layers; l++) {
            int next = l == layers - 1 ? 1 : width;
            args[2 * l] = rng.normal(0, 1 / Math.sqrt(prev), prev, next);
            args[2 * l + 1] = Tensor.full(0.01, next);
            prev = next;
        }
        args[2 * layers] = rng.normal(batch, in);
    }

    int parameterCount() {
        return args.length - 1;
    }

    Shape[] shapes() {
        Shape[] s = new Shape[args.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = args[i].shape();
        }
        return s;
    }

    /** The network output for parameters p and inputs x. */
    static Value forward(Value[] p, Value x) {
        Value h = x;
        for (int l = 0; l < p.length; l += 2) {
            h = h.matmul(p[l]).add(p[l + 1]);
            if (l + 2 < p.length) {
                h = h.tanh();
            }
        }
        return h;
    }

    /** u(params, x). */
    Func network() {
        int np = parameterCount();
        return Func.of(np + 1, a -> new Value[] {forward(Arrays.copyOf(a, np), a[np])});
    }

    /** mean(u^2). */
    Func loss() {
        int np = parameterCount();
        return Func.of(np + 1, a -> new Value[] {forward(Arrays.copyOf(a, np), a[np]).square().mean()});
    }

    /** (loss, d loss / d params). */
    Func valueAndGrad() {
        int[] wrt = new int[parameterCount()];
        for (int i = 0; i < wrt.length; i++) {
            wrt[i] = i;
        }
        return AD.valueAndGrad(loss(), wrt);
    }

    /** The second-order jet of u along the input x: arguments (params, x, v1, v2). */
    Func jet2() {
        return AD.jet(network(), 2, parameterCount());
    }

    /** Floating-point operations of one forward pass (matrix products only). */
    double forwardFlops() {
        return 2.0 * batch * macs(false);
    }

    /** Floating-point operations of value and gradient: forward, weight gradients, input gradients past layer 1. */
    double valueAndGradFlops() {
        return 2.0 * batch * (2 * macs(false) + macs(true));
    }

    private double macs(boolean skipFirst) {
        double m = 0;
        int prev = in;
        for (int l = 0; l <= hidden; l++) {
            int next = l == hidden ? 1 : width;
            if (!(skipFirst && l == 0)) {
                m += (double) prev * next;
            }
            prev = next;
        }
        return m;
    }
}
