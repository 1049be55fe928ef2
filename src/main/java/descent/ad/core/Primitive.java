package descent.ad.core;

import descent.tensor.Kernel;
import descent.tensor.Shape;
import descent.tensor.Tensor;

import java.util.List;

/**
 * An operation the AD core knows how to evaluate and differentiate in every mode. A primitive
 * defines, in one class:
 * <ul>
 *   <li>{@link #shape}: the output shape, validating operands (errors name the op and shapes);</li>
 *   <li>{@link #kernel}: evaluation, prepared for fixed shapes;</li>
 *   <li>{@link #jvp}: forward mode, y' = sum_i (df/dx_i) x_i';</li>
 *   <li>{@link #vjp}: reverse mode, x_i-bar = (df/dx_i)^T y-bar, written in primitives so that it
 *       can itself be differentiated;</li>
 *   <li>{@link #taylor}: Taylor mode, the coefficients y_0..y_K of y(t) = f(x(t)) given those of
 *       x(t) = sum_k x_k t^k (normalized coefficients, x_k = x^{(k)}(0)/k!), also in primitives.</li>
 * </ul>
 * Parameterized primitives (axes, shapes, exponents) must implement {@code equals} and
 * {@code hashCode} over their parameters so that identical applications can be shared.
 */
public abstract class Primitive {
    /** Short lower-case name, used in messages and listings. */
    public abstract String name();

    /** Number of operands, or -1 if variadic. */
    public abstract int arity();

    /**
     * Output shape for operands of the given shapes.
     *
     * @throws IllegalArgumentException naming this primitive and the shapes when they are invalid
     */
    public abstract Shape shape(Shape... in);

    /** Kernel evaluating this primitive for operands of shapes {@code in}, producing {@code out}. */
    public abstract Kernel kernel(Shape[] in, Shape out);

    /**
     * Tangent of the output given operand tangents. {@code tangents[i]} is null where the tangent
     * is zero; return null for a zero result. The result must have the output's shape.
     *
     * @param x operand values
     * @param y output value
     */
    public abstract Value jvp(Value[] x, Value[] tangents, Value y);

    /**
     * Cotangents of the operands given the output cotangent {@code ct}. Entry i may be null when it
     * is zero or when {@code needed[i]} is false; each non-null entry has operand i's shape.
     */
    public abstract Value[] vjp(Value[] x, Value y, Value ct, boolean[] needed);

    /**
     * Taylor coefficients of the output. {@code x[i][k]} is coefficient k of operand i; entries
     * with k >= 1 may be null (zero). Returns K+1 coefficients (null allowed for k >= 1), where
     * coefficient 0 is the primal output, normally {@code y}.
     *
     * @param y the primal output, already computed
     */
    public abstract Value[] taylor(Value[][] x, Value y);

    /** True if the kernel may write its output over operand {@code i}'s buffer. */
    public boolean inPlace(int i, Shape[] in, Shape out) {
        return false;
    }

    /**
     * True if the output is operand 0's buffer read with another shape (no computation), so a
     * plan can alias the two.
     */
    public boolean isView() {
        return false;
    }

    /** True if an application to constants may be evaluated while tracing. */
    public boolean foldable() {
        return true;
    }

    /** Evaluates this primitive on concrete tensors. */
    public Tensor evaluate(Tensor[] in, Shape[] shapes, Shape out) {
        double[][] bufs = new double[in.length][];
        for (int i = 0; i < in.length; i++) {
            bufs[i] = in[i].contiguousData();
        }
        double[] o = new double[out.size()];
        kernel(shapes, out).run(bufs, o);
        return Tensor.wrap(o, out);
    }

    /**
     * Representative applications used by the automatic checks that every registered primitive
     * passes (finite differences, forward vs reverse, jets vs nested forward mode).
     */
    public abstract List<Sample> samples();

    @Override
    public String toString() {
        return name();
    }

    /** Applies this primitive to the operands in the current trace. */
    public Value apply(Value... operands) {
        return Trace.current().apply(this, operands);
    }
}
