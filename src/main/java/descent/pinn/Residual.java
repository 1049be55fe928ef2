package descent.pinn;

import descent.tensor.Value;

/**
 * One term of a physics-informed loss, written with the candidate solution at a batch of points:
 * a PDE residual such as {@code (u, x) -> u.laplacian().add(u.value()).sub(g(x))}, or a boundary
 * or initial condition such as {@code (u, x) -> u.value().sub(h(x))}. It returns the residual at
 * each point, [N]; the loss term is its mean square.
 */
@FunctionalInterface
public interface Residual {
    /** The residual at the points {@code x} [N, d]. */
    Value apply(Field u, Value x);
}
