package descent.pinn;

import descent.optim.Optimizers;
import descent.optim.Schedule;
import descent.optim.Transform;

import java.util.Objects;

/**
 * One phase of a training recipe: an optimizer of {@code descent.optim} run for a number of steps.
 * The STDE paper's recipe is {@code Phase.adam(10_000, Schedule.linear(1e-3, 0, 10_000))}.
 *
 * @param name      shown in histories and messages
 * @param optimizer the optimizer
 * @param steps     the step budget
 */
public record Phase(String name, Transform optimizer, long steps) {
    /** Checks the arguments. */
    public Phase {
        Objects.requireNonNull(optimizer, "optimizer");
        if (steps < 1) {
            throw new IllegalArgumentException("Phase '" + name + "': needs at least one step, got " + steps);
        }
    }

    /** Adam with the learning rate following {@code lr}. */
    public static Phase adam(long steps, Schedule lr) {
        return new Phase("adam", Optimizers.adam(lr), steps);
    }

    /** Adam with a constant learning rate. */
    public static Phase adam(long steps, double lr) {
        return adam(steps, Schedule.constant(lr));
    }
}
