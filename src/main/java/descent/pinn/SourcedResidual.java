package descent.pinn;

import descent.tensor.Value;

/**
 * A loss term's residual that reads a source term g(x), a function of the points alone computed
 * outside the differentiated loss: {@code (u, x, g) -> u.laplacian().add(u.value()).sub(g)}.
 */
@FunctionalInterface
public interface SourcedResidual {
    /** The residual at the points {@code x} [N, d], with the source values {@code g} [N] there. */
    Value apply(Field u, Value x, Value g);
}
