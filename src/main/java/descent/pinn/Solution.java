package descent.pinn;

import descent.tensor.Value;

/** A function of points [N, d] to values [N], written with traced operations: an exact solution, a boundary value. */
@FunctionalInterface
public interface Solution {
    /** The values at the points {@code x}. */
    Value apply(Value x);
}
