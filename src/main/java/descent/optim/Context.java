package descent.optim;

/**
 * What a transform may know about the objective besides the gradient: the loss at the current
 * parameters (for Polyak step sizes and plateau detection) and an oracle that evaluates the loss
 * and gradient at another point on the same data (for SAM-type methods, which take a second
 * gradient at a perturbed point). {@link Minimize} fills it in every step; one context is reused
 * for the whole run.
 */
public final class Context {
    /** Evaluates the objective on the current data (the current mini-batch, if any). */
    @FunctionalInterface
    public interface Oracle {
        /** Writes the gradient at {@code x} into {@code grad} and returns the value at {@code x}. */
        double valueAndGrad(double[] x, double[] grad);
    }

    /** The context of a bare update: no loss value, no oracle. */
    static final Context NONE = new Context();

    private double value = Double.NaN;
    private Oracle oracle;
    private int evaluations;

    /** A context with no loss value and no oracle. */
    public Context() {
    }

    /** A context with the loss at the current parameters and an oracle (either may be absent: NaN, null). */
    public static Context of(double value, Oracle oracle) {
        Context c = new Context();
        c.set(value, oracle);
        return c;
    }

    /** Sets the loss at the current parameters and the oracle for the next update. */
    public void set(double value, Oracle oracle) {
        if (this == NONE) {
            throw new IllegalStateException("Context: the shared empty context cannot be set");
        }
        this.value = value;
        this.oracle = oracle;
    }

    /**
     * The loss at the current parameters.
     *
     * @throws IllegalStateException naming {@code who} if the caller did not provide it
     */
    public double value(String who) {
        if (Double.isNaN(value)) {
            throw new IllegalStateException(who + " needs the loss value at the current parameters: run it with Minimize "
                    + "or pass Context.of(loss, oracle) to update");
        }
        return value;
    }

    /**
     * Evaluates the objective at {@code x} on the current data, writing the gradient into {@code grad}.
     *
     * @throws IllegalStateException naming {@code who} if no oracle was provided
     */
    public double valueAndGrad(String who, double[] x, double[] grad) {
        if (oracle == null) {
            throw new IllegalStateException(who + " evaluates the gradient at a perturbed point and needs the objective: run it "
                    + "with Minimize or pass Context.of(loss, oracle) to update");
        }
        evaluations++;
        return oracle.valueAndGrad(x, grad);
    }

    /** Number of oracle evaluations made through this context so far. */
    public int evaluations() {
        return evaluations;
    }
}
