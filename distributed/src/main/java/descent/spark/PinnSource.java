package descent.spark;

import descent.pinn.Pinn;

import java.io.Serializable;

/**
 * Builds a {@link Pinn}: shipped to the executors, which build the same network and problem once
 * per JVM. A lambda assigned to this type is serializable if what it captures is.
 *
 * <pre>{@code
 * PinnSource source = () -> Pinn.builder(Zoo.poisson2d(), Mlp.builder(2).hidden(32, 3).build()).points(256).build();
 * }</pre>
 */
@FunctionalInterface
public interface PinnSource extends Serializable {
    /** A new physics-informed network, the same at every call. */
    Pinn build();
}
