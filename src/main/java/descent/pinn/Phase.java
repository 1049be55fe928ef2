package descent.pinn;

import descent.optim.Method;
import descent.optim.Methods;
import descent.optim.Optimizers;
import descent.optim.Schedule;
import descent.optim.Transform;

/**
 * One phase of a training recipe: a first-order optimizer of {@code descent.optim} run for a number
 * of steps on freshly drawn points, or a {@link Method} (L-BFGS, Newton-type) run for a number of
 * iterations on points drawn once at the start of the phase (a line search needs one objective).
 * The STDE paper's recipe is {@code Phase.adam(10_000, Schedule.linear(1e-3, 0, 10_000))};
 * DeepXDE's finishing step is {@code Phase.lbfgs(5000)} after Adam.
 *
 * @param name      shown in histories and messages
 * @param optimizer the first-order optimizer, or null for a method phase
 * @param method    the method, or null for a first-order phase
 * @param steps     the step (or iteration) budget
 */
public record Phase(String name, Transform optimizer, Method method, long steps) {
    /** Checks the arguments. */
    public Phase {
        if ((optimizer == null) == (method == null)) {
            throw new IllegalArgumentException("Phase '" + name + "': needs exactly one of an optimizer and a method");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("Phase '" + name + "': needs at least one step, got " + steps);
        }
    }

    /** A first-order phase. */
    public static Phase of(String name, Transform optimizer, long steps) {
        return new Phase(name, optimizer, null, steps);
    }

    /** A method phase on fixed points. */
    public static Phase of(String name, Method method, long iterations) {
        return new Phase(name, null, method, iterations);
    }

    /** Whether this phase keeps its points fixed (a method phase). */
    public boolean fixedPoints() {
        return method != null;
    }

    /** Adam with the learning rate following {@code lr}. */
    public static Phase adam(long steps, Schedule lr) {
        return of("adam", Optimizers.adam(lr), steps);
    }

    /** Adam with a constant learning rate. */
    public static Phase adam(long steps, double lr) {
        return adam(steps, Schedule.constant(lr));
    }

    /** L-BFGS-B with the PINN preset ({@link Methods#lbfgsbPinn()}) for at most {@code iterations} iterations. */
    public static Phase lbfgs(long iterations) {
        return of("lbfgs", Methods.lbfgsbPinn(), iterations);
    }
}
