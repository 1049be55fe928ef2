package descent.optim;

/**
 * The current point of a {@link Method}'s run and the oracles to evaluate the objective elsewhere.
 * The point is evaluated: {@link #x()}, {@link #value()} and {@link #gradient()} belong together.
 * Every evaluation through this object is counted: objective values (with their gradients),
 * Hessian-vector and Jacobian products; {@link Result} reports the counts like SciPy's
 * {@code nfev}, {@code njev} and {@code nhev}.
 */
public final class Iterate {
    private final double[] x;
    private final double[] g;
    private double f;
    private final Objective objective;
    private final HessianObjective hessian;
    private final ResidualObjective residual;
    private final Bounds bounds;
    final long[] counts;
    private double stepLength = Double.NaN;
    private double measure = Double.NaN;
    private boolean moved;

    Iterate(double[] x, double[] g, Objective objective, Bounds bounds, long[] counts) {
        this.x = x;
        this.g = g;
        this.objective = objective;
        this.hessian = objective instanceof HessianObjective ? (HessianObjective) objective : null;
        this.residual = objective instanceof ResidualObjective ? (ResidualObjective) objective : null;
        this.bounds = bounds;
        this.counts = counts;
    }

    /** Index of the count of objective evaluations in {@link #counts}. */
    static final int EVALUATIONS = 0;
    /** Index of the count of gradient evaluations. */
    static final int GRADIENTS = 1;
    /** Index of the count of Hessian-vector and Jacobian products. */
    static final int PRODUCTS = 2;

    /** Number of parameters. */
    public int dimension() {
        return x.length;
    }

    /** The current point (the live array: methods change it only through {@link #moveTo}). */
    public double[] x() {
        return x;
    }

    /** The gradient at the current point (the live array). */
    public double[] gradient() {
        return g;
    }

    /** The objective's value at the current point. */
    public double value() {
        return f;
    }

    /** The bounds of the run ({@link Bounds#NONE} if unbounded). */
    public Bounds bounds() {
        return bounds;
    }

    /** Evaluates the objective and its gradient at {@code y}, writing the gradient into {@code gy}; counted. */
    public double valueAndGrad(double[] y, double[] gy) {
        counts[EVALUATIONS]++;
        counts[GRADIENTS]++;
        return objective.valueAndGrad(y, gy);
    }

    /** True if the objective gives Hessian-vector products (a {@link HessianObjective}). */
    public boolean hasHessian() {
        return hessian != null;
    }

    /** True if the objective is a least-squares objective given by residuals (a {@link ResidualObjective}). */
    public boolean hasResiduals() {
        return residual != null;
    }

    /**
     * Fails unless the objective gives Hessian-vector products.
     *
     * @throws IllegalArgumentException naming {@code who}
     */
    public void requireHessian(String who) {
        if (hessian == null) {
            throw new IllegalArgumentException(who + " needs Hessian-vector products: give it a HessianObjective "
                    + "(HessianObjective.of(func, params, data...) takes them from the AD core)");
        }
    }

    /**
     * Fails unless the objective is given by residuals.
     *
     * @throws IllegalArgumentException naming {@code who}
     */
    public void requireResiduals(String who) {
        if (residual == null) {
            throw new IllegalArgumentException(who + " works on least-squares objectives 1/2 |r(x)|^2: give it a ResidualObjective "
                    + "(ResidualObjective.of(func, params, data...))");
        }
    }

    /**
     * Fails if the run has bounds.
     *
     * @throws IllegalArgumentException naming {@code who} and the bounded method to use instead
     */
    public void requireUnbounded(String who) {
        if (bounds.isBounded()) {
            throw new IllegalArgumentException(who + " does not handle bounds; use Methods.lbfgsb() for box constraints");
        }
    }

    /**
     * Fails unless the start has {@code n} elements, naming {@code who} and {@code expected}, what
     * the method needs ("the matrix 500 columns").
     */
    public void requireDimension(String who, int n, String expected) {
        if (dimension() != n) {
            throw new IllegalArgumentException(who + ": the start has " + dimension() + " elements, " + expected);
        }
    }

    /** Writes {@code H(y) v} into {@code out}; counted. */
    public void hvp(double[] y, double[] v, double[] out) {
        requireHessian("hvp");
        counts[PRODUCTS]++;
        hessian.hvp(y, v, out);
    }

    /** Number of residuals of a least-squares objective. */
    public int residualCount() {
        requireResiduals("residualCount");
        return residual.residualCount();
    }

    /** Writes the residuals at {@code y} into {@code r}; counted as an evaluation. */
    public void residuals(double[] y, double[] r) {
        requireResiduals("residuals");
        counts[EVALUATIONS]++;
        residual.residuals(y, r);
    }

    /** Writes {@code J(y) v} into {@code out}; counted as a product. */
    public void jvp(double[] y, double[] v, double[] out) {
        requireResiduals("jvp");
        counts[PRODUCTS]++;
        residual.jvp(y, v, out);
    }

    /** Writes {@code J(y)^T u} into {@code out}; counted as a product. */
    public void vjp(double[] y, double[] u, double[] out) {
        requireResiduals("vjp");
        counts[PRODUCTS]++;
        residual.vjp(y, u, out);
    }

    /**
     * Moves to the point {@code y} with value {@code fy} and gradient {@code gy} (copied; either
     * array may be the iterate's own).
     */
    public void moveTo(double[] y, double fy, double[] gy) {
        if (y != x) {
            System.arraycopy(y, 0, x, 0, x.length);
        }
        if (gy != g) {
            System.arraycopy(gy, 0, g, 0, g.length);
        }
        f = fy;
        moved = true;
    }

    /** Records the length of the step just taken (the line search's step), reported in the history's learning-rate column. */
    public void stepLength(double t) {
        stepLength = t;
    }

    /**
     * Records the method's optimality measure at the current point (the Frank–Wolfe gap, the
     * gradient-mapping norm), reported in the history's measure column ({@link History#measure}).
     */
    public void measure(double m) {
        measure = m;
    }

    double takeMeasure() {
        double m = measure;
        measure = Double.NaN;
        return m;
    }

    double takeStepLength() {
        double t = stepLength;
        stepLength = Double.NaN;
        return t;
    }

    boolean takeMoved() {
        boolean m = moved;
        moved = false;
        return m;
    }

    void set(double fy) {
        f = fy;
    }

    /** Number of objective evaluations so far. */
    public long evaluations() {
        return counts[EVALUATIONS];
    }
}
