package descent.optim;

/**
 * What a transform may know about the objective besides the gradient: the loss at the current
 * parameters (for Polyak step sizes and plateau detection), an oracle that evaluates the loss
 * and gradient at another point on the same data (for SAM-type methods, which take a second
 * gradient at a perturbed point), and Hessian-vector products on the same data (for
 * curvature-preconditioned methods such as AdaHessian and Sophia), present when the objective is
 * a {@link HessianObjective} or {@link BatchHessianObjective}. {@link Minimize} fills it in every
 * step; one context is reused for the whole run.
 */
public final class Context {
    /** Evaluates the objective on the current data (the current mini-batch, if any). */
    @FunctionalInterface
    public interface Oracle {
        /** Writes the gradient at {@code x} into {@code grad} and returns the value at {@code x}. */
        double valueAndGrad(double[] x, double[] grad);
    }

    /** Hessian-vector products of the objective on the current data. */
    @FunctionalInterface
    public interface Curvature {
        /** Writes {@code H(x) v} into {@code out}. */
        void hvp(double[] x, double[] v, double[] out);
    }

    /** The context of a bare update: no loss value, no oracle. */
    static final Context NONE = new Context();

    private double value = Double.NaN;
    private Oracle oracle;
    private int evaluations;
    private Curvature curvature;
    private int products;

    /** A context with no loss value and no oracle. */
    public Context() {
    }

    /** A context with the loss at the current parameters and an oracle (either may be absent: NaN, null). */
    public static Context of(double value, Oracle oracle) {
        Context c = new Context();
        c.set(value, oracle);
        return c;
    }

    /** A context with the loss, an oracle and Hessian-vector products (any may be absent: NaN, null). */
    public static Context of(double value, Oracle oracle, Curvature curvature) {
        Context c = of(value, oracle);
        c.curvature = curvature;
        return c;
    }

    /** Sets the Hessian-vector products for the next updates (null: none). */
    public void setCurvature(Curvature curvature) {
        if (this == NONE) {
            throw new IllegalStateException("Context: the shared empty context cannot be set");
        }
        this.curvature = curvature;
    }

    /**
     * Writes {@code H(x) v}, on the current data, into {@code out}.
     *
     * @throws IllegalStateException naming {@code who} if no Hessian-vector product was provided
     */
    public void hvp(String who, double[] x, double[] v, double[] out) {
        requireHvp(who);
        products++;
        curvature.hvp(x, v, out);
    }

    /** Fails, naming {@code who}, when no Hessian-vector product was provided (for a method whose first product comes later). */
    void requireHvp(String who) {
        if (curvature == null) {
            throw new IllegalStateException(who + " needs Hessian-vector products: run it with Minimize on a HessianObjective or "
                    + "BatchHessianObjective (HessianObjective.of(func, params, data...)), or pass Context.of(loss, oracle, curvature)");
        }
    }

    /** Number of Hessian-vector products made through this context so far. */
    public int products() {
        return products;
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
