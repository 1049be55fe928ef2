package descent.ad;

import descent.tensor.Tensor;

/**
 * The result of pushing a jet through a function: the primal output f(x) and the derivatives
 * d^k/dt^k f(x(t)) at t = 0 for k = 1..K, where x(t) = x + v_1 t + v_2 t^2/2! + ... + v_K t^K/K!
 * (the convention of {@code jax.experimental.jet}).
 *
 * @param primal      f(x)
 * @param derivatives the k-th entry (0-based) is the (k+1)-th derivative
 */
public record Jet(Tensor primal, Tensor[] derivatives) {
    /** The order K. */
    public int order() {
        return derivatives.length;
    }

    /** The k-th derivative for k = 1..K; k = 0 gives the primal f(x). */
    public Tensor derivative(int k) {
        if (k < 0 || k > derivatives.length) {
            throw new IndexOutOfBoundsException("jet of order " + derivatives.length + " has no derivative " + k
                    + " (orders 0 to " + derivatives.length + ")");
        }
        return k == 0 ? primal : derivatives[k - 1];
    }
}
